"""A QR code of a page's address, for the printed briefing: made at build time as SVG by segno (a
well-kept QR library, pinned in requirements.txt), so nothing is fetched and no script runs.

    svg = qr.svg("https://example.org/briefings/2022-12-engagement-with-fathers/", "qr-code")

The SVG is sized by its viewBox only (the stylesheet sets its printed size), black modules on no
background, with an accessible name. Like the charts (macros.pages.chart) it is built by code from a
URL, never from data text, and goes into the page after the sanitiser (macros.pages.render): segno
encodes the address, and the modules are written here as one path, as segno's own SVG writer writes
them (a run of dark modules a line), with the id and the name escaped.
"""
from __future__ import annotations

import re

import segno
from html import escape

LABEL = "QR code of this briefing's web address"
# Every code uses data mask 2 rather than the one segno would choose by scoring all eight (ISO/IEC 18004
# 7.8.3 recommends, but does not require, the lowest penalty; the mask used is written into the code, so
# every reader reads any of them). Scoring took four fifths of a code's time, 5.7 ms, and a site of 1,000
# briefings makes 1,000 codes: 5.7 CPU seconds, the largest part of rendering. Over 200 briefing
# addresses mask 2 scored a median 1.2% (at most 22%) above the best mask's penalty, the nearest of the
# eight to the best (mask 0: median 17% above).
MASK = 2


def svg(url: str, id: str, label: str = LABEL) -> str:
    """The QR code of `url` (error correction M: it still scans with a fold or a smudge) as inline SVG.
    `id` must be unique on the page."""
    code = segno.make(url, error="m", micro=False, mask=MASK)
    size = len(code.matrix) + 2 * code.default_border_size
    title = escape(f"{id}-title")  # as ElementTree wrote it: & < > " escaped
    return (f'<svg viewBox="0 0 {size} {size}" xmlns="http://www.w3.org/2000/svg" class="sg-qr" role="img" '
            f'aria-labelledby="{title}" focusable="false"><title id="{title}">{escape(label, quote=False)}</title>'
            f'<path stroke="#000" d="{path(code.matrix, code.default_border_size)}" /></svg>')


_DARK = re.compile(b"\x01+")


def path(matrix, border: int) -> str:
    """The dark modules as one SVG path of horizontal strokes 1 unit wide through the middle of each
    module row: `M` to the first run, then `m` relative to the end of the run before (segno's own
    form; segno's writer, which handles every colour and option, took half of a code's time)."""
    out, x, y = [], 0, None
    for row_number, row in enumerate(matrix):
        row_y = row_number + border
        for run in _DARK.finditer(bytes(row)):
            start, end = run.start() + border, run.end() + border
            out.append(f"M{start} {row_y}.5h{end - start}" if y is None else f"m{start - x} {row_y - y}h{end - start}")
            x, y = end, row_y
    return "".join(out)
