"""Reads about dossiers that need the org app: which dossiers a person may see.

`visible_to` belongs on DossierQuerySet (STYLE.md point 2); it lives here until models.py can
take it, and views scope with it first: `get_object_or_404(visible_to(request.user), code=code)`.
"""

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef, Q

from motcua.org.access import agencies_with

from .models import Dossier, DossierQuerySet, Event


def visible_to(
    user: AbstractBaseUser | AnonymousUser, dossiers: DossierQuerySet | None = None
) -> DossierQuerySet:
    """The dossiers `user` may see: their own (as applicant or as the person who submitted it),
    and those their agencies received, hold now or handled along the way (liên thông)."""
    dossiers = dossiers if dossiers is not None else Dossier.objects.all()
    if not user.is_authenticated or not user.is_active:
        return dossiers.none()
    agencies = agencies_with(user, "dossier.view")
    handled = Event.objects.filter(dossier=OuterRef("pk"), agency__in=agencies)
    return dossiers.filter(
        Q(applicant_user_id=user.pk)
        | Q(submitted_by_id=user.pk)
        | Q(receiving_agency__in=agencies)
        | Q(current_agency__in=agencies)
        | Exists(handled)
    )
