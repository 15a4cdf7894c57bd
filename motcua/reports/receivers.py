"""Signal receivers of the reports app: the aggregates follow a history import, which writes no
outbox events (dossiers.signals)."""

import logging
from collections.abc import Callable
from typing import Any

from django.db import transaction

from . import aggregates
from .models import AggregateState

logger = logging.getLogger("motcua.reports")

NOT_FOLLOWED = (
    "Số liệu báo cáo chưa được tính lại ({why}): báo cáo đọc trực tiếp từ hồ sơ, chậm hơn, cho "
    "đến khi chạy “motcua report rebuild”."
)
WHY_NOT = {
    aggregates.EARLIER_IMPORT: "có hồ sơ nhập trước đó chưa được tính",
    aggregates.TOO_WIDE: "hồ sơ trải qua nhiều năm, tính lại toàn bộ sẽ nhanh hơn",
}


def follow_import(
    sender: Any,
    dossier_ids: list[int],
    announce: Callable[[str], None] | None = None,
    **kwargs: Any,
) -> str | None:
    """Bring the aggregates up to the import (aggregates.follow_import) and say how, for the
    person who ran it. A failure here must not cost them the import: the aggregates are marked
    unbuilt instead, and the reports read the dossiers until a full rebuild."""
    # Vietnamese groups thousands with a dot: 2.000.
    count = f"{len(dossier_ids):,}".replace(",", ".")

    def starting() -> None:
        if announce is not None:
            announce(f"Đang tính lại số liệu báo cáo theo {count} hồ sơ vừa ghi…")

    try:
        with transaction.atomic():
            followed = aggregates.follow_import(dossier_ids, starting)
    except Exception:
        logger.exception("reports: the aggregates could not follow an import")
        AggregateState.objects.all().delete()
        return NOT_FOLLOWED.format(why="lỗi khi tính, đã ghi vào nhật ký")
    if followed is None:
        return None  # never built: the reports read the dossiers, as before the import
    if followed.left:
        return NOT_FOLLOWED.format(why=WHY_NOT[followed.left])
    rebuilt = followed.rebuilt
    if rebuilt is not None and rebuilt.first is not None and rebuilt.last is not None:
        return (
            f"Số liệu báo cáo đã được tính lại cho các ngày từ {rebuilt.first:%d/%m/%Y} "
            f"đến {rebuilt.last:%d/%m/%Y}."
        )
    return f"Số liệu báo cáo đã được cập nhật theo {count} hồ sơ này."
