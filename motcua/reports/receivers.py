"""Signal receivers of the reports app: the aggregates follow a history import, which writes no
outbox events (dossiers.signals)."""

from typing import Any

from . import aggregates
from .models import AggregateState


def follow_import(sender: Any, dossier_ids: list[int], **kwargs: Any) -> str | None:
    """Rebuild the days the import touched; the sentence says so, or that the reports now read
    the dossiers until a full rebuild."""
    followed = aggregates.follow_import(dossier_ids)
    if followed is not None:
        rebuilt = followed.rebuilt
        if rebuilt is not None and rebuilt.first is not None and rebuilt.last is not None:
            return (
                f"Số liệu báo cáo đã được tính lại cho các ngày từ {rebuilt.first:%d/%m/%Y} "
                f"đến {rebuilt.last:%d/%m/%Y}."
            )
        count = f"{followed.dossiers:,}".replace(",", ".")
        return f"Số liệu báo cáo đã được cập nhật theo {count} hồ sơ này."
    if AggregateState.objects.exists() and not aggregates.ready():
        return (
            "Số liệu báo cáo chưa được tính lại (có hồ sơ nhập trước đó chưa được tính): báo cáo "
            "đọc trực tiếp từ hồ sơ, chậm hơn, cho đến khi chạy “motcua report rebuild”."
        )
    return None
