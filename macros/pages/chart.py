"""Small charts drawn at build time as inline SVG: no JavaScript, nothing fetched.

    svg = findings_per_year({2019: 3, 2022: 5}, "Findings on neglect per year", "neglect-chart")
    rows = year_rows({2019: 3, 2022: 5})   # [(2019, 3), (2020, 0), (2021, 0), (2022, 5)]: the table beside it
    svg = stacked_bars([("Police", {"closed": 2, "overdue": 1})], [("closed", "Closed"), ("overdue", "Overdue")],
                       "Actions by owner", "actions-chart")

The SVG is built with ElementTree, so every piece of data text is escaped. It is sized in
viewBox units only, so it scales to the width it is given (a phone's, a desktop's column); its
colours come from `currentColor` and the `sg-chart__*` classes, so dark mode and print work.
"""
from __future__ import annotations

from xml.etree import ElementTree as ET

SVG = "http://www.w3.org/2000/svg"

# viewBox units: one bar slot per year, room on the left for the axis title and on the bottom for
# the years and the axis title.
BAR_SLOT, BAR_WIDTH, PLOT_HEIGHT = 40, 28, 120
LEFT, TOP, BOTTOM = 44, 20, 50
MAX_YEAR_LABELS = 12  # beyond this, label every other year (or fewer) so the labels do not collide


def year_rows(counts: dict[int, int]) -> list[tuple[int, int]]:
    """(year, count) for every year from the first to the last, zeros included: the chart's bars and
    the rows of its table alternative, so the two always agree."""
    if not counts:
        return []
    return [(year, counts.get(year, 0)) for year in range(min(counts), max(counts) + 1)]


def findings_per_year(counts: dict[int, int], title: str, id: str = "sg-chart") -> str:
    """An SVG bar chart of findings per year with a <title> (its accessible name, via aria-labelledby) and a
    <desc> (its description), labelled axes and the count above each bar. `id` must be unique on the page; "" when there is no data."""
    rows = year_rows(counts)
    if not rows:
        return ""
    width = LEFT + BAR_SLOT * len(rows) + 8
    height = TOP + PLOT_HEIGHT + BOTTOM
    top = max(count for _, count in rows) or 1
    svg = ET.Element("svg", {"xmlns": SVG, "class": "sg-chart", "role": "img", "viewBox": f"0 0 {width} {height}",
                             "aria-labelledby": f"{id}-title", "aria-describedby": f"{id}-desc", "focusable": "false"})

    add = _add
    add(svg, "title", title, id=f"{id}-title")
    busiest = max(rows, key=lambda r: r[1])
    add(svg, "desc", f"{sum(c for _, c in rows)} findings from {rows[0][0]} to {rows[-1][0]}; "
                     f"the most, {busiest[1]}, in {busiest[0]}.", id=f"{id}-desc")
    baseline = TOP + PLOT_HEIGHT
    every = -(-len(rows) // MAX_YEAR_LABELS)  # ceiling division
    bars = add(svg, "g", class_="sg-chart__bars")
    labels = add(svg, "g", class_="sg-chart__labels", fill="currentColor", font_size=13, text_anchor="middle")
    for i, (year, count) in enumerate(rows):
        x = LEFT + BAR_SLOT * i + (BAR_SLOT - BAR_WIDTH) / 2
        h = round(PLOT_HEIGHT * count / top, 1)
        # a bar for every year, of height 0 in a year without findings: the count above it says so
        add(bars, "rect", class_="sg-chart__bar", x=x, y=baseline - h, width=BAR_WIDTH, height=h, fill="currentColor")
        centre = x + BAR_WIDTH / 2
        add(labels, "text", str(count), class_="sg-chart__value", x=centre, y=baseline - h - 4)
        if i % every == 0:
            add(labels, "text", str(year), class_="sg-chart__year", x=centre, y=baseline + 18)
    add(svg, "line", class_="sg-chart__axis", x1=LEFT, y1=baseline, x2=width - 4, y2=baseline, stroke="currentColor")
    add(svg, "line", class_="sg-chart__axis", x1=LEFT, y1=TOP, x2=LEFT, y2=baseline, stroke="currentColor")
    add(labels, "text", "Year", class_="sg-chart__axis-title", x=LEFT + (width - LEFT) / 2, y=height - 6)
    add(labels, "text", "Findings", class_="sg-chart__axis-title", x=0, y=0,
        transform=f"translate(16 {TOP + PLOT_HEIGHT / 2}) rotate(-90)")
    return ET.tostring(svg, encoding="unicode")


# stacked_bars: one bar per row, each a label line above a bar of parts; viewBox units.
STACK_WIDTH, STACK_LABEL, STACK_BAR, STACK_GAP = 400, 19, 14, 12


def stacked_bars(rows: list[tuple[str, dict[str, int]]], parts: list[tuple[str, str]], title: str, id: str) -> str:
    """An SVG chart of one horizontal bar per row, split into `parts` ([(key, label)], drawn in that order,
    each with class sg-chart__part--<key>). Each row's label line says its figures in words ("Police: 2
    closed, 1 overdue"), so the chart never relies on colour, and a key names the parts. Scaled to the
    largest row. "" when there is nothing to draw."""
    rows = [(label, counts) for label, counts in rows if sum(counts.get(k, 0) for k, _ in parts)]
    if not rows:
        return ""
    top = max(sum(counts.get(k, 0) for k, _ in parts) for _, counts in rows)
    key_height = 26
    height = key_height + len(rows) * (STACK_LABEL + STACK_BAR + STACK_GAP)
    svg = ET.Element("svg", {"xmlns": SVG, "class": "sg-chart sg-chart--stacked", "role": "img", "focusable": "false",
                             "viewBox": f"0 0 {STACK_WIDTH} {height}", "aria-labelledby": f"{id}-title",
                             "aria-describedby": f"{id}-desc"})
    _add(svg, "title", title, id=f"{id}-title")
    _add(svg, "desc", "; ".join(_words(label, counts, parts) for label, counts in rows) + ".", id=f"{id}-desc")
    labels = _add(svg, "g", class_="sg-chart__labels", fill="currentColor", font_size=14)
    x = 0
    for key, label in parts:  # the key: a swatch and its name for each part
        _add(svg, "rect", class_=f"sg-chart__part sg-chart__part--{key}", x=x, y=4, width=14, height=14)
        _add(labels, "text", label, x=x + 20, y=16)
        x += 20 + 8 * len(label) + 20
    y = key_height
    for label, counts in rows:
        _add(labels, "text", _words(label, counts, parts), class_="sg-chart__row", x=0, y=y + 14)
        left = 0.0
        for key, _ in parts:
            width = round(STACK_WIDTH * counts.get(key, 0) / top, 1)
            if width:
                _add(svg, "rect", class_=f"sg-chart__part sg-chart__part--{key}", x=left, y=y + STACK_LABEL,
                     width=width, height=STACK_BAR)
            left += width
        y += STACK_LABEL + STACK_BAR + STACK_GAP
    return ET.tostring(svg, encoding="unicode")


def _words(label: str, counts: dict[str, int], parts: list[tuple[str, str]]) -> str:
    return f"{label}: " + ", ".join(f"{counts.get(k, 0)} {name.lower()}" for k, name in parts)


def _add(parent, tag, text=None, **attrs):
    """A child element; attribute names as keywords: class_ is class, font_size is font-size."""
    element = ET.SubElement(parent, tag, {k.rstrip("_").replace("_", "-"): f"{v:g}" if isinstance(v, float) else str(v)
                                          for k, v in attrs.items()})
    element.text = text
    return element
