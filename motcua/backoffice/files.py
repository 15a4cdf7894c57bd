"""Papers scanned at the counter: checked by content, stored privately, served after a check.

The type is read from the file's first bytes, never from its name or the browser's claim: a
renamed executable stays out. Files go through Django storage under a path no URL maps to
(ARCHITECTURE.md "Storage"); the download view checks `visible_to` and writes an audit entry.
"""

import hashlib
import re
from pathlib import PurePath

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from motcua.accounts.models import User
from motcua.core import audit
from motcua.core.errors import DomainError
from motcua.core.text import fold
from motcua.dossiers.models import Attachment, Dossier, DossierComponent

# Signature bytes -> (content type, extension).
SIGNATURES: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF-", "application/pdf", "pdf"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
)


class UploadRejected(DomainError):
    code = "upload_rejected"
    status = 422
    message = "Tệp tải lên không hợp lệ."


def max_upload_bytes() -> int:
    return int(getattr(settings, "UPLOAD_MAX_BYTES", 10 * 1024 * 1024))


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",").replace(",0", "")


def check_upload(upload: UploadedFile) -> tuple[str, str]:
    """The file's (content type, extension), or UploadRejected with a Vietnamese message."""
    name = upload.name or "tệp"
    limit = max_upload_bytes()
    if (upload.size or 0) > limit:
        raise UploadRejected(
            f"Tệp «{name}» nặng {_megabytes(upload.size or 0)} MB, vượt quá giới hạn "
            f"{_megabytes(limit)} MB: hãy quét lại với độ phân giải thấp hơn hoặc tách tệp."
        )
    if not upload.size:
        raise UploadRejected(f"Tệp «{name}» rỗng.")
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for signature, content_type, extension in SIGNATURES:
        if head.startswith(signature):
            return content_type, extension
    raise UploadRejected(
        f"Tệp «{name}» không phải PDF, JPEG hoặc PNG: chỉ nhận bản quét dạng PDF hoặc ảnh "
        "JPEG, PNG."
    )


def safe_name(title: str, extension: str = "") -> str:
    """An ASCII file name for storage and Content-Disposition: 'Tờ khai.pdf' -> 'to-khai.pdf'."""
    path = PurePath(title.replace("\\", "/")).name
    stem, dot, ext = path.rpartition(".")
    if not dot:
        stem, ext = path, ""
    slug = re.sub(r"[^a-z0-9]+", "-", fold(stem)).strip("-")[:80] or "tep"
    extension = extension or re.sub(r"[^a-z0-9]", "", fold(ext))[:8]
    return f"{slug}.{extension}" if extension else slug


def store_component_file(
    dossier: Dossier,
    component: DossierComponent,
    upload: UploadedFile,
    *,
    by: User,
    kind: tuple[str, str] | None = None,
) -> Attachment:
    """Keep one checked file of a component (call check_upload first, or pass its answer)."""
    if component.dossier_id != dossier.pk:
        raise UploadRejected("Giấy tờ được chọn không thuộc hồ sơ này.")
    content_type, extension = kind or check_upload(upload)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    title = PurePath((upload.name or "tep").replace("\\", "/")).name[:255]
    with transaction.atomic():
        attachment = Attachment(
            dossier=dossier,
            component=component,
            kind=Attachment.Kind.COMPONENT,
            title=title,
            content_type=content_type,
            size=upload.size or 0,
            sha256=digest.hexdigest(),
            uploaded_by=by,
        )
        attachment.file.save(safe_name(title, extension), upload, save=False)
        attachment.save()
        audit.record(
            by,
            "dossier.attachment_added",
            target=dossier,
            details={
                "attachment_id": attachment.pk,
                "component": component.name,
                "sha256": attachment.sha256,
                "size": attachment.size,
                "content_type": content_type,
            },
        )
    return attachment
