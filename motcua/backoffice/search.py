"""Finding a dossier in the back office: by code, reference, applicant name or ID number.

Only within what the official may see (`visible_to`). The name is matched on the folded column
(`applicant_name_folded`), so "nguyen van an" finds "Nguyễn Văn An" (ARCHITECTURE.md rule 7).
"""

import re

from django.db.models import Q

from motcua.accounts.models import User
from motcua.core.text import fold
from motcua.dossiers.api import normalise_code
from motcua.dossiers.models import Dossier, DossierQuerySet
from motcua.dossiers.queries import visible_to

MAX_QUERY = 100
MIN_NAME = 2
_ID_LIKE = re.compile(r"^[0-9][0-9-]{8,19}$")


def search_dossiers(user: User, query: str) -> DossierQuerySet:
    typed = query.strip()[:MAX_QUERY]
    scoped = visible_to(
        user,
        Dossier.objects.select_related("procedure", "current_agency", "receiving_agency"),
    )
    if not typed:
        return scoped.none()
    code = normalise_code(typed)
    condition = Q(code=code) | Q(reference=code)
    if len(code) >= 4:
        # A part of a code: the day and number ("251103-0001") is what people read aloud.
        condition |= Q(code__contains=code) | Q(reference__contains=code)
    compact = typed.replace(" ", "")
    if _ID_LIKE.match(compact):
        condition |= Q(applicant_id_number=compact)
    folded = fold(typed)
    if len(folded) >= MIN_NAME:
        condition |= Q(applicant_name_folded__contains=folded)
    return scoped.filter(condition).order_by("-created_at", "-pk")
