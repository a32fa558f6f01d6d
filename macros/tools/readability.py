"""`python -m macros.tools.readability [--changed] [FILES...]`: plain-words advice on briefings, as Markdown.

For each briefing: the reading grade (Flesch-Kincaid, by textstat) of the audit's words and of the
editor's words apart, sentences over LONG_SENTENCE words, sentences that look passive, and
abbreviations that neither the glossary (data/glossary.yml, when there is one) nor the text itself
explains. It is advice, never a failure: the audit's words are the auditors' and are kept as they
wrote them (the editor can add plain "In brief" key messages instead), so it always exits 0. The
pull-request workflow appends it to the job's summary for the briefings a pull request changes
(--changed: against main, as `make check` tells).

The same measures grade the project's own text (the home page, index pages, labels): `grade()` on
any text; the README reports the figures.

Offline: textstat counts syllables with the CMU pronouncing dictionary, which NLTK downloads on first
use. The build and the tests fetch nothing from other hosts, so syllables are counted with Pyphen's
bundled en_GB hyphenation patterns instead (textstat's own fallback for words the dictionary lacks).
"""
from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from ..data.passages import ABBREVIATION, AUDIT, EDITOR, NOT_ABBREVIATIONS, Passage, passages
from ..data.yamlload import load_yaml

ROOT = Path(__file__).resolve().parents[2]  # the project: macros/tools/ is two folders down
LONG_SENTENCE = 25   # words: GOV.UK's style guide keeps sentences to about 25 words
TARGET_GRADE = 9     # the project's own text is written to this grade or below

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'‘“(]?[A-Z0-9])|\n\s*\n|\n\s*[-*]\s+")
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’&-]*")
# "was seen", "are being used", "has been reviewed": a form of "be" and a past participle.
_BE = r"(?:am|is|are|was|were|be|been|being)"
# "aged 4" describes, it does not report an action: not counted.
_IRREGULAR = ("seen done made given taken shown known heard told found held kept left met paid put read said sent "
              "set shut spent stood taught thought understood written broken chosen driven forgotten hidden spoken "
              "stolen woken brought bought caught felt built")
PASSIVE = re.compile(rf"\b{_BE}\s+(?:(?:not|never|also|often|always|only|being)\s+)?"
                     rf"(?!aged\b)(?:\w+ed|{'|'.join(_IRREGULAR.split())})\b", re.I)

def _textstat():
    """textstat, counting syllables offline (see the module's docstring); None when it is not installed."""
    try:
        import textstat
        from textstat.backend.counts import _count_syllables
    except ImportError:
        return None
    _count_syllables.get_cmudict = lambda lang: None  # no download: Pyphen's patterns for every word
    textstat.set_lang("en_GB")
    return textstat


def sentences(text: str) -> list[str]:
    """The sentences of a text (list items and paragraphs end one), white space folded."""
    return [" ".join(s.split()) for s in _SENTENCE_END.split(text) if _WORD.search(s)]


def words(sentence: str) -> int:
    return len(_WORD.findall(sentence))


def grade(text: str) -> float | None:
    """The Flesch-Kincaid reading grade of a text (a US school grade: 9 is about age 14); None without textstat."""
    stat = _textstat()
    if stat is None or not _WORD.search(text):
        return None
    # textstat splits sentences at full stops only: give it one per line, each ended
    joined = " ".join(s if s[-1] in ".!?" else s + "." for s in sentences(text))
    return round(stat.flesch_kincaid_grade(joined), 1)


def is_passive(sentence: str) -> bool:
    """Cheap: a form of "be" followed by a past participle ("was seen", "are not shared")."""
    return PASSIVE.search(sentence) is not None


def abbreviations(text: str) -> list[str]:
    """The abbreviations in a text, in first-use order, each once (GPs as GP)."""
    return list(dict.fromkeys(m.group(1) for m in ABBREVIATION.finditer(text)))


def explained_in(text: str, abbreviation: str) -> bool:
    """The text spells it out where it uses it: "... Conference (MARAC)" or "MARAC (Multi-Agency ...)"."""
    a = re.escape(abbreviation)
    return re.search(rf"\({a}s?\)|\b{a}s?\s+\([A-Z][a-z]", text) is not None


def glossary_terms(data_dir: Path) -> set[str]:
    """The terms (and their other spellings) data/glossary.yml defines, and the words it marks as no
    abbreviation; empty when there is no glossary."""
    path = Path(data_dir) / "glossary.yml"
    if not path.is_file():
        return set()
    document, _ = load_yaml(path, "data/glossary.yml")
    terms: set[str] = set()
    for entry in document if isinstance(document, list) else []:
        if isinstance(entry, dict):
            terms.update(t for t in [entry.get("term"), *(entry.get("variants") or [])] if isinstance(t, str))
    return terms


@dataclass
class Report:
    name: str
    passages: list[Passage] = field(default_factory=list)
    known: set[str] = field(default_factory=set)

    def of(self, whose: str) -> list[Passage]:
        return [p for p in self.passages if p.whose == whose]

    def long(self) -> list[tuple[Passage, str]]:
        return [(p, s) for p in self.passages for s in sentences(p.text) if words(s) > LONG_SENTENCE]

    def passive(self) -> list[tuple[Passage, str]]:
        return [(p, s) for p in self.passages for s in sentences(p.text) if is_passive(s)]

    def unexplained(self) -> list[tuple[str, Passage]]:
        """Each abbreviation neither the glossary nor the briefing explains, with its first use."""
        everything = "\n".join(p.text for p in self.passages)
        out: dict[str, Passage] = {}
        for p in self.passages:
            for a in abbreviations(p.text):
                if a not in self.known and a not in NOT_ABBREVIATIONS and a not in out and not explained_in(everything, a):
                    out[a] = p
        return list(out.items())

    def markdown(self) -> str:
        def where(p: Passage) -> str:
            return f"line {p.line} ({p.field})" if p.line else p.field

        def quoted(s: str, limit: int = 90) -> str:
            s = s if len(s) <= limit else s[: limit - 1].rsplit(" ", 1)[0] + "…"
            return "“" + s.replace("|", "\\|").replace("`", "'") + "”"

        out = [f"### `{self.name}`", "", "| | Reading grade | Sentences | Over 25 words | Passive |", "| --- | --- | --- | --- | --- |"]
        audit = self.of(AUDIT)
        for label, ps in (("The audit's summary", [p for p in audit if p.field == "summary"]),
                          ("The audit's other words (findings, headings, cohort)", [p for p in audit if p.field != "summary"]),
                          ("The editor's words (key messages, questions, notes)", self.of(EDITOR))):
            if not ps:
                continue
            all_sentences = [s for p in ps for s in sentences(p.text)]
            g = grade("\n\n".join(p.text for p in ps))
            out.append(f"| {label} | {'n/a' if g is None else g} | {len(all_sentences)} | "
                       f"{sum(words(s) > LONG_SENTENCE for s in all_sentences)} | {sum(is_passive(s) for s in all_sentences)} |")
        out += ["", f"The audit's words stay as the auditors wrote them; aim for grade {TARGET_GRADE} or below in yours "
                    "(key messages, questions, notes). Grade 9 is about age 14."]
        for title, rows in (("Sentences over 25 words", self.long()), ("Sentences that may be passive", self.passive())):
            if rows:
                out += ["", f"**{title}** ({len(rows)}):", ""]
                out += [f"- {where(p)}: {quoted(s)}{'' if p.whose == EDITOR else ' (the audit)'}" for p, s in rows[:10]]
                if len(rows) > 10:
                    out.append(f"- and {len(rows) - 10} more")
        missing = self.unexplained()
        if missing:
            out += ["", f"**Abbreviations a reader may not know** ({len(missing)}): add each to `data/glossary.yml`, "
                        "or spell it out in a key message.", ""]
            out += [f"- {a}: first at {where(p)}" for a, p in missing]
        return "\n".join(out) + "\n"


def report(path: Path, name: str, known: set[str]) -> Report:
    document, lines = load_yaml(path, name)
    return Report(name, list(passages(document, lines)), known)


_MACRO = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
_TAG = re.compile(r"<[^>]+>")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_CODE = re.compile(r"```.*?```|`[^`\n]*`", re.S)


def own_text(source: str) -> str:
    """The words of a hand-written page or a template, as a reader gets them: Markdown links as their words,
    Jinja expressions as "it" (a name or a number goes there), tags, code, tables' rules and markers gone;
    a paragraph's wrapped lines joined, each list item, table row or heading a paragraph of its own."""
    text = _MACRO.sub(lambda m: " it " if m.group().startswith("{{") else "\n\n", source)
    text = _CODE.sub(" it ", _TAG.sub(" ", _MD_LINK.sub(r"\1", text)))
    paragraphs: list[list[str]] = [[]]
    for line in text.splitlines():
        line = line.strip()
        if not line or set(line) <= set("|-: "):
            paragraphs.append([])
            continue
        starts = re.match(r"(#+|>|[-*+]|\d+[.)]|\|)\s", line + " ")
        if starts:
            paragraphs.append([])
            line = line.lstrip("#>").strip()
            line = re.sub(r"^(?:[-*+]|\d+[.)])\s+", "", line)
        paragraphs[-1].append(" ".join(cell.strip() for cell in line.strip("|").split("|")) if "|" in line else line)
        if starts and starts.group(1).startswith(("#", "|")):
            paragraphs.append([])
    return "\n\n".join(" ".join(p) for p in paragraphs if p)


# The project's own words: the hand-written pages, the templates' labels, headings and empty states, and
# the editors' guide. Not
# the accessibility statement: it follows GOV.UK's model wording, which the regulations expect.
OWN_TEXT = ("docs/index.md", "docs/briefings/index.md", "docs/themes/index.md", "docs/resources/index.md",
            "docs/agencies/index.md", "docs/needs/index.md", "docs/glossary/index.md", "docs/actions/index.md", "docs/data/index.md",
            "macros/pages/templates/*.html.j2", "macros/pages/templates/fragments/*.html.j2", "CONTRIBUTING.md")


def own_grades(root: Path = ROOT) -> dict[str, float | None]:
    """The reading grade of each file of the project's own text, {path: grade}."""
    out = {}
    for pattern in OWN_TEXT:
        for path in sorted(Path(root).glob(pattern)):
            out[path.relative_to(root).as_posix()] = grade(own_text(path.read_text(encoding="utf-8")))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros.tools.readability", description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, help="briefing files (data/briefings/*.yml)")
    parser.add_argument("--changed", action="store_true", help="also every briefing this branch changed against main")
    parser.add_argument("--own", action="store_true", help="the reading grade of the project's own text (pages, templates)")
    parser.add_argument("--data", type=Path, default=ROOT / "data", help="the data folder whose glossary.yml explains terms")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    if args.own:
        print("| File | Reading grade |\n| --- | --- |")
        print("\n".join(f"| `{name}` | {g} |" for name, g in own_grades().items()))
        return 0
    files = list(args.files)
    if args.changed:
        from .report import changed_files
        changed = changed_files(ROOT) or set()
        files += [ROOT / p for p in sorted(changed) if re.fullmatch(r"data/briefings/[^/]+\.ya?ml", p) and (ROOT / p).is_file()]
    out = ["## Plain words", ""]
    if _textstat() is None:
        out += ["(textstat is not installed, so no reading grades: `pip install -r requirements-test.txt`.)", ""]
    if not files:
        out.append("No briefing changed.")
    known = glossary_terms(args.data)
    for path in dict.fromkeys(files):
        name = path.resolve().relative_to(ROOT).as_posix() if path.resolve().is_relative_to(ROOT) else str(path)
        try:
            out.append(report(path, name, known).markdown())
        except Exception as e:  # advice only: a file `make check` refuses is reported there, not here
            out.append(f"### `{name}`\n\nNot read: {type(e).__name__}. `make check` says what is wrong.\n")
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
