"""Material's stylesheets cut to the rules this site's pages use, as one file: a step of `finish`.

A page cannot be drawn until its stylesheets have arrived, and Material's two (main and palette)
are 150 KB, 25 KB gzipped, for every feature Material has; a phone on a slow connection waited for
them. The pages link one stylesheet instead (overrides/main.html: THEME), written here after the
engine, from Material's two with every rule left out whose selector names a class or id that no
page of the site has, and every custom property no rule reads. About a quarter of the size.

What is kept is decided by the built pages themselves, every one of them (`finish` collects
`names()` of each page as it writes it), and by the site's own scripts, which may add classes. A
selector is kept unless it certainly matches nothing: a class or id it requires is on no page.
What it requires is read cautiously: inside :not(), :is() and the like nothing is required, and
attribute selectors require nothing, except Material's colour choices ([data-md-color-primary=red]),
which require that colour on some page. Our own stylesheets (extra_css) are linked as they are.
"""
from __future__ import annotations

import re
from pathlib import Path

import tinycss2

# Where the pages find the stylesheet (overrides/main.html links it), under the site.
THEME = "assets/stylesheets/theme.css"
MATERIAL = ("main.*.min.css", "palette.*.min.css")  # Material's stylesheets, in the order it links them

# An attribute's name follows HTML's white space, written here as a space (see names()): patterns that start
# with a plain string are searched for as a string, three times quicker than from any white space.
_CLASSES, _IDS = re.compile(r' class="([^"]*)"'), re.compile(r' id="([^"]*)"')
_COLOURS = re.compile(r' data-md-color-([a-z]+)="([^"]*)"')
_WORDS = re.compile(r"[A-Za-z0-9_-]+")
_REQUIRED = re.compile(r"[.#]((?:\\.|[A-Za-z0-9_-])+)")
_FUNCTION = re.compile(r":[A-Za-z-]+\([^()]*\)")  # :not(...), :is(...), :where(...), :nth-child(...)
_ATTRIBUTE = re.compile(r"\[\s*([A-Za-z0-9_-]+)\s*(?:([~|^$*]?=)\s*(?:\"([^\"]*)\"|'([^']*)'|([^\]\s]*)))?[^\]]*\]")
_VAR = re.compile(r"var\(\s*(--[A-Za-z0-9_-]+)")


def names(html: str) -> set[str]:
    """The class and id names on a page, and its Material colour choices as 'data-md-color-KEY=VALUE'."""
    html = html.replace("\n", " ").replace("\t", " ").replace("\r", " ").replace("\f", " ")
    found = {f"data-md-color-{k}={v}" for k, v in _COLOURS.findall(html)}
    for value in set(_CLASSES.findall(html) + _IDS.findall(html)):
        found.update(value.split())
    return found


def script_names(text: str) -> set[str]:
    """Every word in a script: any may be a class it adds to a page."""
    return set(_WORDS.findall(text))


def required(selector: str) -> set[str]:
    """The names a selector needs on the page to match anything (a cautious reading: perhaps fewer)."""
    previous = None
    while previous != selector:  # innermost first: :not(:is(.a)) needs nothing
        previous, selector = selector, _FUNCTION.sub("", selector)
    needs = set()
    for m in _ATTRIBUTE.finditer(selector):
        name, op, value = m.group(1), m.group(2), next((g for g in m.group(3, 4, 5) if g is not None), None)
        if name.startswith("data-md-color-") and op == "=" and value is not None:
            needs.add(f"{name}={value}")
    selector = _ATTRIBUTE.sub("", selector)
    needs.update(n.replace("\\", "") for n in _REQUIRED.findall(selector))
    return needs


def _kept(nodes, present: set[str]) -> list:
    """The rules that may match, as [selectors, [[property, value], ...]] or ["@media ...", [rules]] or text."""
    out = []
    for node in nodes:
        if node.type == "qualified-rule":
            selectors = [s.strip() for s in tinycss2.serialize(node.prelude).split(",")]
            kept = [s for s in selectors if required(s) <= present]
            if kept:
                declarations = []
                for d in tinycss2.parse_blocks_contents(node.content, skip_comments=True, skip_whitespace=True):
                    if d.type == "declaration":
                        declarations.append([d.name, tinycss2.serialize(d.value).strip() + ("!important" if d.important else "")])
                    else:
                        declarations.append([None, tinycss2.serialize([d])])
                out.append([",".join(kept), declarations])
        elif node.type == "at-rule" and node.content is not None and node.lower_at_keyword in ("media", "supports"):
            inner = _kept(tinycss2.parse_rule_list(node.content, skip_comments=True, skip_whitespace=True), present)
            if inner:
                out.append([f"@{node.at_keyword}{tinycss2.serialize(node.prelude)}", inner])
        elif node.type == "at-rule":
            out.append(tinycss2.serialize([node]))  # @keyframes, @font-face, @charset: as they are
    return out


def _drop_unread(rules, read: set[str]) -> tuple[list, bool]:
    """The rules without custom properties (--name: ...) that `read` does not hold; whether any went."""
    out, dropped = [], False
    for rule in rules:
        if isinstance(rule, str):
            out.append(rule)
        elif rule[0].startswith("@"):
            inner, gone = _drop_unread(rule[1], read)
            dropped |= gone
            if inner:
                out.append([rule[0], inner])
        else:
            kept = [d for d in rule[1] if not (d[0] and d[0].startswith("--") and d[0] not in read)]
            dropped |= len(kept) < len(rule[1])
            if kept:
                out.append([rule[0], kept])
    return out, dropped


def _text(rules) -> str:
    return "".join(rule if isinstance(rule, str) else
                   f"{rule[0]}{{{_text(rule[1])}}}" if rule[0].startswith("@") else
                   rule[0] + "{" + ";".join(v if name is None else f"{name}:{v}" for name, v in rule[1]) + "}"
                   for rule in rules)


def cut(css: str, present: set[str], also_read: str = "") -> str:
    """`css` with only the rules whose selectors may match pages holding the names `present`, and the
    custom properties those rules, or `also_read` (the site's own stylesheets and scripts), read."""
    rules = _kept(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True), present)
    while True:  # a property may be read only by another that nothing reads
        rules, dropped = _drop_unread(rules, set(_VAR.findall(_text(rules) + also_read)))
        if not dropped:
            return _text(rules)


def write(site_dir: Path, present: set[str], ours: list[str]) -> Path:
    """THEME under site_dir: Material's stylesheets (as the engine copied them there) cut to `present`.
    `ours`: the site's own stylesheets and scripts under site_dir (what they read or add is kept)."""
    site_dir = Path(site_dir)
    folder = site_dir / "assets" / "stylesheets"
    material = "\n".join(next(folder.glob(pattern)).read_text(encoding="utf-8") for pattern in MATERIAL)
    own = {path: (site_dir / path).read_text(encoding="utf-8") for path in ours if (site_dir / path).is_file()}
    present = set(present).union(*(script_names(text) for path, text in own.items() if path.endswith(".js")))
    target = site_dir / THEME
    target.write_text(cut(material, present, "\n".join(own.values())) + "\n", encoding="utf-8")
    return target
