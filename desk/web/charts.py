"""Bar charts as inline SVG built on the server: no JavaScript and nothing for the CSP to allow.

Every label passes through html.escape; colours come from classes in console.css (the CSP
forbids inline style attributes).
"""
from __future__ import annotations

from html import escape
from typing import Sequence, Tuple

from markupsafe import Markup


def bars(rows: Sequence[Tuple[str, float]], title: str, width: int = 640, bar_height: int = 18,
         label_width: int = 200, value_format: str = "{:g}") -> Markup:
    """Horizontal bars: one (label, value) per row."""
    if not rows:
        return Markup(f'<p class="muted">{escape(title)}: no data.</p>')
    top = max(value for _, value in rows) or 1
    plot = width - label_width - 60
    height = len(rows) * (bar_height + 6) + 6
    parts = [f'<svg class="chart" role="img" aria-label="{escape(title)}" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>']
    for index, (label, value) in enumerate(rows):
        y = 6 + index * (bar_height + 6)
        length = max(1, round(plot * value / top)) if value else 0
        parts.append(
            f'<text x="{label_width - 6}" y="{y + bar_height - 5}" class="label" text-anchor="end">{escape(str(label))}</text>'
            f'<rect x="{label_width}" y="{y}" width="{length}" height="{bar_height}" class="bar"/>'
            f'<text x="{label_width + length + 4}" y="{y + bar_height - 5}" class="value">'
            f'{escape(value_format.format(value))}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def columns(rows: Sequence[Tuple[str, float]], title: str, width: int = 640, height: int = 180) -> Markup:
    """Vertical columns over time: one (day label, value) per row."""
    if not rows:
        return Markup(f'<p class="muted">{escape(title)}: no data.</p>')
    top = max(value for _, value in rows) or 1
    chart_height = height - 30
    step = width / len(rows)
    bar = max(2.0, step * 0.7)
    parts = [f'<svg class="chart" role="img" aria-label="{escape(title)}" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>']
    for index, (label, value) in enumerate(rows):
        h = round(chart_height * value / top) if value else 0
        x = index * step + (step - bar) / 2
        parts.append(f'<rect x="{x:.1f}" y="{chart_height - h + 12}" width="{bar:.1f}" height="{h}" class="bar">'
                     f'<title>{escape(str(label))}: {value:g}</title></rect>')
        if value:
            parts.append(f'<text x="{x + bar / 2:.1f}" y="{chart_height - h + 10}" class="value" '
                         f'text-anchor="middle">{value:g}</text>')
        if len(rows) <= 16 or index % max(1, len(rows) // 8) == 0:
            parts.append(f'<text x="{x + bar / 2:.1f}" y="{height - 4}" class="label" text-anchor="middle">'
                         f'{escape(str(label))}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
