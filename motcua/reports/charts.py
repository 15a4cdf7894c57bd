"""Charts drawn on the server as inline SVG: no JavaScript, no chart library, no CDN.

Each chart carries a <title> and a text equivalent (the figures are always in a table beside it),
so a screen reader or a text browser loses nothing.
"""

from collections.abc import Sequence
from decimal import Decimal

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

Number = int | float | Decimal


def _fmt(value: float) -> str:
    return f"{value:.1f}"


def sparkline(
    values: Sequence[Number | None], *, title: str, width: int = 120, height: int = 28
) -> SafeString:
    """A line over the values (None = no data, a gap), the last point marked."""
    numbers = [float(v) for v in values if v is not None]
    if not numbers:
        return format_html(
            '<svg class="spark" role="img" width="{}" height="{}" viewBox="0 0 {} {}">'
            "<title>{}</title></svg>",
            width,
            height,
            width,
            height,
            title,
        )
    low, high = min(numbers), max(numbers)
    span = (high - low) or 1.0
    pad = 3.0
    step = (width - 2 * pad) / max(len(values) - 1, 1)

    def point(index: int, value: float) -> tuple[float, float]:
        return pad + index * step, height - pad - (value - low) / span * (height - 2 * pad)

    segments: list[list[tuple[float, float]]] = [[]]
    last: tuple[float, float] | None = None
    for index, value in enumerate(values):
        if value is None:
            segments.append([])
            continue
        last = point(index, float(value))
        segments[-1].append(last)
    paths = "".join(
        '<polyline fill="none" stroke="currentColor" stroke-width="1.5" points="'
        + " ".join(f"{_fmt(x)},{_fmt(y)}" for x, y in segment)
        + '"/>'
        for segment in segments
        if segment
    )
    dot = f'<circle cx="{_fmt(last[0])}" cy="{_fmt(last[1])}" r="2.5"/>' if last else ""
    return mark_safe(  # noqa: S308 - every interpolated value is a number or escaped
        f'<svg class="spark" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}"><title>{escape(title)}</title>{paths}{dot}</svg>'
    )


def bars(
    labels: Sequence[str],
    values: Sequence[Number | None],
    *,
    title: str,
    width: int = 640,
    height: int = 180,
    percent: bool = False,
) -> SafeString:
    """Vertical bars with their labels below and values above; None draws no bar."""
    numbers = [float(v) for v in values if v is not None]
    top = max(numbers, default=0.0) or 1.0
    if percent:
        top = max(top, 1.0)
    label_band, value_band = 18.0, 14.0
    plot = height - label_band - value_band
    slot = width / max(len(values), 1)
    bar = slot * 0.7
    parts = [
        f'<svg class="chart" role="img" width="100%" viewBox="0 0 {width} {height}" '
        f'preserveAspectRatio="xMidYMid meet"><title>{escape(title)}</title>'
    ]
    for index, (label, value) in enumerate(zip(labels, values, strict=True)):
        x = index * slot + (slot - bar) / 2
        centre = index * slot + slot / 2
        if value is not None:
            h = float(value) / top * plot
            y = value_band + plot - h
            text = f"{float(value) * 100:.1f}%".replace(".", ",") if percent else f"{value:,}"
            if not percent:
                text = text.replace(",", ".")
            parts.append(
                f'<rect x="{_fmt(x)}" y="{_fmt(y)}" width="{_fmt(bar)}" height="{_fmt(h)}">'
                f"<title>{escape(label)}: {escape(text)}</title></rect>"
                f'<text x="{_fmt(centre)}" y="{_fmt(y - 3)}" text-anchor="middle" '
                f'font-size="10">{escape(text)}</text>'
            )
        parts.append(
            f'<text x="{_fmt(centre)}" y="{height - 4}" text-anchor="middle" font-size="10">'
            f"{escape(label)}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - labels and values are escaped above
