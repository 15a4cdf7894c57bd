"""Papers scanned at the counter: the checks and storage live in motcua.dossiers.uploads, shared
with the citizen portal; the back office's views keep calling them through this module."""

from motcua.dossiers.uploads import (
    SIGNATURES,
    UploadRejected,
    check_upload,
    max_upload_bytes,
    safe_name,
    store_component_file,
)

__all__ = [
    "SIGNATURES",
    "UploadRejected",
    "check_upload",
    "max_upload_bytes",
    "safe_name",
    "store_component_file",
]
