"""The feedback form's agency list, kept as data/agencies.yml says.

"Tell us how you used this briefing" is a GitHub issue form, `.github/ISSUE_TEMPLATE/used-a-briefing.yml`,
and its "Your agency" dropdown lists each agency of data/agencies.yml as `Name (id)`. GitHub reads the
form from the repository as it stands, so the list cannot be made at build time: `make check` says
when it differs from data/agencies.yml (problems) and `make fix` writes it (write). Only the agency
options are ever written; every other byte of the file, the options that are not an agency's
("Another organisation ...") too, stays as it is.
"""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from .errors import DataError, Problem
from .text import quote
from .yamlload import load_yaml

FORM = ".github/ISSUE_TEMPLATE/used-a-briefing.yml"
AGENCIES = "data/agencies.yml"
FIELD = "agency"  # the dropdown's id
# An agency's option ends in its id in brackets; "Another organisation (say which in "Your team")" does not.
AGENCY_OPTION = re.compile(r" \([a-z0-9]+(?:-[a-z0-9]+)*\)$")
WHOLE = 500  # quote() never cuts an option short: an editor may copy it into the form by hand


def option(agency: dict) -> str:
    return f"{agency['name']} ({agency['id']})"


def _wanted(root: Path) -> list[str] | None:
    """The options data/agencies.yml asks for; None when it cannot be read (the data check says why)."""
    try:
        agencies, _ = load_yaml(root / AGENCIES, AGENCIES)
    except (DataError, OSError):
        return None
    if not isinstance(agencies, list) or not all(isinstance(a, dict) and isinstance(a.get("id"), str)
                                                 and isinstance(a.get("name"), str) for a in agencies):
        return None
    return [option(a) for a in agencies]


class _Options:
    """Where the agency dropdown's options are in the form's text, and what they are."""

    def __init__(self, text: str, key: yaml.Node, seq: yaml.SequenceNode):
        self.lines = text.splitlines(keepends=True)
        self.values = [item.value for item in seq.value]
        self.ending = "\r\n" if self.lines[key.start_mark.line].endswith("\r\n") else "\n"
        if seq.flow_style or not seq.value:  # `options: [a, b]`: written out as a block list from the key's line
            self.start, self.end = key.start_mark.line, seq.end_mark.line
            self.head = [" " * key.start_mark.column + "options:" + self.ending]
            self.indent = " " * (key.start_mark.column + 2)
            self.kept = [self._line(v) for v in self.values if not AGENCY_OPTION.search(str(v))]
        else:
            self.start, self.head = seq.value[0].start_mark.line, []
            last = seq.value[-1].end_mark
            self.end = last.line if last.column else last.line - 1
            first_line = self.lines[self.start]
            self.indent = first_line[: len(first_line) - len(first_line.lstrip(" "))]
            # each option's own lines (a comment after it goes with it), kept for the options that are not an agency's
            starts = [item.start_mark.line for item in seq.value] + [self.end + 1]
            self.kept = ["".join(self.lines[a:b]) for item, a, b in zip(seq.value, starts, starts[1:])
                         if not AGENCY_OPTION.search(str(item.value))]
        self.line = self.start + 1

    @property
    def agencies(self) -> list[str]:
        return [v for v in self.values if isinstance(v, str) and AGENCY_OPTION.search(v)]

    def _line(self, value: str) -> str:
        """`- value` at the list's indent, quoted when YAML needs it."""
        return self.indent + yaml.safe_dump([value], allow_unicode=True, width=1_000_000).rstrip("\n") + self.ending

    def written(self, wanted: list[str]) -> str:
        listed = [self._line(w) for w in wanted]
        return "".join(self.lines[: self.start] + self.head + listed + self.kept + self.lines[self.end + 1:])


def _find(text: str) -> _Options | None:
    """The options of the dropdown with id `agency`; None when the form has none (or is not YAML)."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None

    def get(node, name):
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if isinstance(k, yaml.ScalarNode) and k.value == name:
                    return k, v
        return None, None

    _, body = get(root, "body")
    for element in body.value if isinstance(body, yaml.SequenceNode) else []:
        _, ident = get(element, "id")
        _, attributes = get(element, "attributes")
        key, options = get(attributes, "options")
        if isinstance(ident, yaml.ScalarNode) and ident.value == FIELD and isinstance(options, yaml.SequenceNode) \
                and all(isinstance(item, yaml.ScalarNode) for item in options.value):
            return _Options(text, key, options)
    return None


def _read(root: Path) -> tuple[str, _Options, list[str]] | None:
    form = Path(root) / FORM
    if not form.is_file():  # a partnership without the feedback form: nothing to keep in step
        return None
    wanted = _wanted(Path(root))
    with open(form, encoding="utf-8", newline="") as f:  # newline="": the file's own line endings, kept
        text = f.read()
    options = _find(text)
    if wanted is None or options is None:
        return None
    return text, options, wanted


def expected(root: Path) -> str:
    """The form's text with its agency options written from data/agencies.yml (as it is, when there is nothing to write)."""
    read = _read(root)
    if read is None:
        form = Path(root) / FORM
        return form.read_text(encoding="utf-8") if form.is_file() else ""
    text, options, wanted = read
    return text if options.agencies == wanted else options.written(wanted)


def problems(root: Path) -> list[Problem]:
    """An error when the form's agencies are not data/agencies.yml's, in its order, saying which differ."""
    read = _read(root)
    if read is None:
        return []
    _, options, wanted = read
    have = options.agencies
    if have == wanted:
        return []
    differences = [f"it lacks {quote(w, WHOLE)}" for w in wanted if w not in have]
    differences += [f"it has {quote(h, WHOLE)}, which {AGENCIES} has not" for h in have if h not in wanted]
    if not differences:
        differences = [f"it lists them in another order than {AGENCIES}"]
    return [Problem(FORM, options.line, f"the feedback form's agency list is not {AGENCIES}'s: {'; '.join(differences)}. "
                                        f"Run `make fix`, which writes it from {AGENCIES}; or, by hand, make the options under "
                                        f"'Your agency' one line '- Name (id)' for each agency, in {AGENCIES}'s order")]


def write(root: Path) -> bool:
    """Write the form's agency options from data/agencies.yml (`make fix`); True when the file changed."""
    read = _read(root)
    if read is None:
        return False
    text, options, wanted = read
    if options.agencies == wanted:
        return False
    with open(Path(root) / FORM, "w", encoding="utf-8", newline="") as f:
        f.write(options.written(wanted))
    return True
