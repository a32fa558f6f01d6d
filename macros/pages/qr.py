"""A QR code of a page's address, for the printed briefing: made at build time as SVG by segno (a
well-kept QR library, pinned in requirements.txt), so nothing is fetched and no script runs.

    svg = qr.svg("https://example.org/briefings/2022-12-engagement-with-fathers/", "qr-code")

The SVG is sized by its viewBox only (the stylesheet sets its printed size), black modules on no
background, with an accessible name. Like the charts (macros.pages.chart) it is built by code from a
URL, never from data text, and goes into the page after the sanitiser (macros.pages.render): segno
writes the modules as one path, and ElementTree writes the attributes added here.
"""
from __future__ import annotations

from xml.etree import ElementTree as ET

import segno

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
    root = ET.fromstring(code.svg_inline(omitsize=True, svgclass=None, lineclass=None))
    root.attrib.update({"xmlns": "http://www.w3.org/2000/svg", "class": "sg-qr", "role": "img",
                        "aria-labelledby": f"{id}-title", "focusable": "false"})
    title = ET.Element("title", {"id": f"{id}-title"})
    title.text = label
    root.insert(0, title)
    return ET.tostring(root, encoding="unicode")
