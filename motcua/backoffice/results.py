"""The result file an officer attaches when the result is ready or handed over, so that the
applicant downloads it in "Hồ sơ của tôi" (and the national portal sync sends it on)."""

from collections.abc import Callable

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from motcua.accounts.models import User
from motcua.dossiers import uploads
from motcua.dossiers.models import Attachment, Dossier


def change_with_result(
    dossier: Dossier,
    change: Callable[[], Dossier],
    files: list[UploadedFile],
    *,
    by: User,
) -> Dossier:
    """Run the status change and keep its result files in one transaction: a refused change
    stores no file, a refused file leaves the status as it was."""
    # Checked before anything is written: a wrong file is the officer's to fix, not a 500.
    checked = [(upload, uploads.check_upload(upload)) for upload in files]
    with transaction.atomic():
        changed = change()
        for upload, kind in checked:
            attachment = uploads.store_file(
                changed, upload, by=by, kind=kind, audit_details={"result": True}
            )
            # uploads stores papers of the dossier; this one is the agency's answer.
            Attachment.objects.filter(pk=attachment.pk).update(kind=Attachment.Kind.RESULT)
    return changed
