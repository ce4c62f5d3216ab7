"""Inline SVG bar charts for report.html (no JavaScript, no external files)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar: a label, its value and an optional note shown after the value."""

    label: str
    value: float | None
    note: str = ""


def _colour(share: float, higher_is_better: bool) -> str:
    good = share if higher_is_better else 1 - share
    if good >= 0.8:
        return "#2e7d32"
    if good >= 0.5:
        return "#ef8f00"
    return "#c62828"


def bar_chart(
    title: str, bars: Sequence[Bar], *, max_value: float = 1.0, percent: bool = True,
    higher_is_better: bool = True, label_width: int = 130, bar_width: int = 250, colour: str | None = None,
    value_width: int = 110,
) -> str:
    """A horizontal bar chart as an <svg> element; values are shares (0–1) unless percent is False.

    Bars are green/orange/red by how good the share is, or all `colour` (counts, where more is not better).
    """
    row_h, top = 26, 34
    height = top + row_h * max(1, len(bars)) + 8
    width = label_width + bar_width + value_width
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-label="{escape(title)}">',
        f'<text x="0" y="18" class="chart-title">{escape(title)}</text>',
        f'<line x1="{label_width}" y1="{top - 6}" x2="{label_width}" y2="{height - 6}" stroke="#999"/>',
    ]
    scale = max_value if max_value > 0 else 1.0
    for i, bar in enumerate(bars):
        y = top + i * row_h
        label = bar.label if len(bar.label) <= 10 else bar.label[:9] + "…"
        parts.append(f'<text x="{label_width - 8}" y="{y + 16}" text-anchor="end" class="chart-label">'
                     f'<title>{escape(bar.label)}</title>{escape(label)}</text>')
        if bar.value is None:
            parts.append(f'<text x="{label_width + 6}" y="{y + 16}" class="chart-value muted">无数据</text>')
            continue
        share = min(1.0, max(0.0, bar.value / scale))
        w = max(1.0, share * bar_width)
        fill = colour or _colour(share, higher_is_better)
        text = f"{bar.value * 100:.0f}%" if percent else f"{bar.value:g}"
        if bar.note:
            text += f"  {bar.note}"
        parts.append(f'<rect x="{label_width}" y="{y + 4}" width="{w:.1f}" height="{row_h - 8}" rx="3" '
                     f'fill="{fill}"><title>{escape(bar.label)}：{escape(text)}</title></rect>')
        parts.append(f'<text x="{label_width + w + 6:.1f}" y="{y + 16}" class="chart-value">{escape(text)}</text>')
    parts.append("</svg>")
    return "".join(parts)
