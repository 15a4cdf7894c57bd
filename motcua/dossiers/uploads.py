"""Files people hand in: checked by content, photos cleaned, stored privately as Attachments.

Shared by the back office's counter (scans) and the citizen portal (uploads, supplements). The
type is read from the file's first bytes, never from its name or the browser's claim: a renamed
executable stays out. Files go through Django storage under a path no URL maps to
(ARCHITECTURE.md "Storage"); every download view checks permission and writes an audit entry.
"""

import hashlib
import io
import re
from pathlib import PurePath

from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import transaction

from motcua.accounts.models import User
from motcua.core import audit
from motcua.core.errors import DomainError
from motcua.core.text import fold

from .models import Attachment, Dossier, DossierComponent

# Signature bytes -> (content type, extension).
SIGNATURES: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF-", "application/pdf", "pdf"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
)
IMAGE_TYPES = {"image/jpeg", "image/png"}
# A photo of a paper is a few megapixels; anything past this is a decompression bomb, not a scan.
MAX_IMAGE_PIXELS = 60_000_000


class UploadRejected(DomainError):
    code = "upload_rejected"
    status = 422
    message = "Tệp tải lên không hợp lệ."


def max_upload_bytes() -> int:
    return int(getattr(settings, "UPLOAD_MAX_BYTES", 10 * 1024 * 1024))


def megabytes(size: int) -> str:
    """'5,2' for 5.2 MB: the Vietnamese decimal comma, no trailing ',0'."""
    return f"{size / (1024 * 1024):.1f}".replace(".", ",").replace(",0", "")


def check_size(size: int, name: str) -> None:
    limit = max_upload_bytes()
    if size > limit:
        raise UploadRejected(
            f"Tệp «{name}» nặng {megabytes(size)} MB, vượt quá giới hạn {megabytes(limit)} MB: "
            "hãy quét lại với độ phân giải thấp hơn hoặc tách tệp."
        )
    if size <= 0:
        raise UploadRejected(f"Tệp «{name}» rỗng.")


def sniff(head: bytes, name: str) -> tuple[str, str]:
    """(content type, extension) from the first bytes, or UploadRejected."""
    for signature, content_type, extension in SIGNATURES:
        if head.startswith(signature):
            return content_type, extension
    raise UploadRejected(
        f"Tệp «{name}» không phải PDF, JPEG hoặc PNG: chỉ nhận bản quét dạng PDF hoặc ảnh "
        "JPEG, PNG."
    )


def check_upload(upload: File) -> tuple[str, str]:
    """The file's (content type, extension), or UploadRejected with a Vietnamese message."""
    name = upload.name or "tệp"
    check_size(upload.size or 0, name)
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    return sniff(head, name)


def clean_image(data: bytes, content_type: str, name: str) -> bytes:
    """A photo re-encoded without its metadata (EXIF holds where it was taken), turned upright and
    no larger than UPLOAD_IMAGE_MAX_SIDE pixels on its longest side: a phone photo of a paper
    is readable at that size and several times lighter on a slow connection."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    max_side = int(getattr(settings, "UPLOAD_IMAGE_MAX_SIDE", 2000))
    Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
    try:
        with Image.open(io.BytesIO(data)) as original:
            original.load()
            image = ImageOps.exif_transpose(original)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise UploadRejected(f"Ảnh «{name}» bị hỏng hoặc không đọc được: hãy chụp lại.") from None
    if max(image.size) > max_side:
        image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    if content_type == "image/jpeg":
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        image.save(out, format="JPEG", quality=85, optimize=True)
    else:
        image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def safe_name(title: str, extension: str = "") -> str:
    """An ASCII file name for storage and Content-Disposition: 'Tờ khai.pdf' -> 'to-khai.pdf'."""
    path = PurePath(title.replace("\\", "/")).name
    stem, dot, ext = path.rpartition(".")
    if not dot:
        stem, ext = path, ""
    slug = re.sub(r"[^a-z0-9]+", "-", fold(stem)).strip("-")[:80] or "tep"
    extension = extension or re.sub(r"[^a-z0-9]", "", fold(ext))[:8]
    return f"{slug}.{extension}" if extension else slug


def display_title(name: str | None) -> str:
    """The name a person gave the file, without any folder part, as shown back to them."""
    return PurePath((name or "tep").replace("\\", "/")).name[:255]


def store_file(
    dossier: Dossier,
    upload: File,
    *,
    by: User,
    component: DossierComponent | None = None,
    title: str | None = None,
    kind: tuple[str, str] | None = None,
    audit_details: dict[str, object] | None = None,
) -> Attachment:
    """Keep one checked file of a dossier (call check_upload first, or pass its answer)."""
    if component is not None and component.dossier_id != dossier.pk:
        raise UploadRejected("Giấy tờ được chọn không thuộc hồ sơ này.")
    content_type, extension = kind or check_upload(upload)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    title = (title or display_title(upload.name))[:255]
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
                "component": component.name if component is not None else "",
                "sha256": attachment.sha256,
                "size": attachment.size,
                "content_type": content_type,
                **(audit_details or {}),
            },
        )
    return attachment


def store_component_file(
    dossier: Dossier,
    component: DossierComponent,
    upload: File,
    *,
    by: User,
    kind: tuple[str, str] | None = None,
) -> Attachment:
    """Keep one checked file of a component (call check_upload first, or pass its answer)."""
    return store_file(dossier, upload, by=by, component=component, kind=kind)


def cleaned_upload(upload: File) -> tuple[File, tuple[str, str]]:
    """Check a whole uploaded file; photos come back re-encoded (see clean_image)."""
    kind = check_upload(upload)
    if kind[0] not in IMAGE_TYPES:
        return upload, kind
    upload.seek(0)
    cleaned = clean_image(upload.read(), kind[0], upload.name or "tệp")
    return ContentFile(cleaned, name=upload.name), kind
