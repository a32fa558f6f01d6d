"""What an editor reads: each kind of message word for word, and no message that repeats an identifier.

EXACT is the text `make check` prints for each kind of mistake (issue 18 §5: "each message kind has a
test with the exact text an editor sees"). PATHS feeds every way a message can quote the data a value
full of identifiers, with a line break and a GitHub workflow command in it, and looks at everything
printed: standard output and error, the GitHub annotations, the build's report and the preview's banner
(issue 17 §2). A new kind of message, or a new way of printing one, gets a row in one of them.
"""
from __future__ import annotations

import base64
import datetime as dt
import json
import re

import pytest

from conftest import make_data
from macros.tools import check, fix, linkcheck, new, report
from macros.outputs import cms, preview
from macros.data.catalogue import load
from macros.data.errors import DataError, Problem

TODAY = dt.date(2026, 1, 1)
B = "title: T\ntype: rapid-review\ndate: 2023-05-02\nsummary: S\n"
R = "- id: r\n  title: R\n  kind: tool\n  description: D\n"
FIELDS = ("title, type, date, source, summary, key_messages, cohort, needs, agencies, worries, good_practice, learning, "
          "resources, questions, used_by")
MORE = ". The rest of this file is checked once this is fixed, so more problems may follow"
TAG = "delete the tag and write the value as plain text"
DATES = "Write dates as YYYY-MM-DD, or YYYY-MM when only the month is known"
WHERE = "briefings/2023-05-x.yml"
GUARD = "briefings are published and must never identify a child or family, so remove it"

EXACT = {  # name: (file under data/, its text, [what `make check` says about it, each after "data/<file>:"])
    "not UTF-8": (WHERE, b"title: caf\xe9\n", ["1: is not valid UTF-8 text (byte 0xe9): save the file as UTF-8"]),
    "NUL": (WHERE, "title: a\x00b\n", ["1: contains a NUL character: this is not a text file"]),
    "raw line break": (WHERE, B + "worries: [a\x85b]\n",
                       ["5: has an invisible line-break character (U+0085, often pasted from a word processor) that YAML "
                        "would silently change: delete it and retype that line"]),
    "control character": (WHERE, B + 'worries: ["a\\x01b"]\n',
                          ["5: has an invisible control character (U+0001) that published text cannot hold: delete it (or "
                           "its \\x or \\u escape) and retype that text" + MORE]),
    "surrogate pair": (WHERE, B.replace("title: T", 'title: "Emoji \\ud83d\\ude00"'),
                       ["1: has a character written as two \\u escapes (a UTF-16 pair, U+D83D), which YAML does not join: "
                        "write the character itself, or \\U0001F600 in double quotes" + MORE]),
    "lone surrogate": (WHERE, B.replace("title: T", 'title: "half \\ud83d"'),
                       ["1: has half of a character (U+D83D, a lone UTF-16 surrogate): write the whole character itself "
                        "instead" + MORE]),
    "long number": (WHERE, B + "cohort:\n  children: " + "9" * 101 + "\n",
                    ["6: has a number 101 characters long: no field takes one so long. If it is meant as text, put it in "
                     "quotes" + MORE]),
    "empty file": (WHERE, "# nothing\n", ["1: is empty: it should hold the fields described in CONTRIBUTING.md"]),
    "duplicate key": (WHERE, B + "summary: again\n",
                      ["5: 'summary' appears twice in the same place (first on line 4): keep one and merge the text" + MORE]),
    "anchor": (WHERE, B + "questions: [&a x, *a]\n",
               ["5: YAML anchors and aliases (& and *) are not allowed: write the text out in full" + MORE]),
    "own tag": (WHERE, B.replace("title: T", "title: !NHS%20943%20476%205919 x"),
                [f"1: has a YAML tag (a word starting with '!' before the value) that these files do not use: {TAG}" + MORE]),
    "!!set": (WHERE, B.replace("title: T", 'title: !!set {"Lives at BS1 4DJ, call 07700 900123"}'),
              [f"1: has a YAML tag (!!set) that makes a set, which no field holds: {TAG}" + MORE]),
    "!!binary": (WHERE, B.replace("title: T", "title: !!binary " + base64.b64encode(b"DoB 12/03/2015 NHS 943 476 5919").decode()),
                 [f"1: has a YAML tag (!!binary) that makes binary data, which no field holds: {TAG}" + MORE]),
    "!!int on text": (WHERE, B + "cohort:\n  children: !!int eight\n",
                      [f"6: has a YAML tag (!!int) on a value that is not a whole number: {TAG}" + MORE]),
    "colon, as YAML reads it": (WHERE, B.replace("summary: S", "summary: Attendance officer wrote: family believe the school "
                                                               "cannot meet his needs and have asked for home tuition"),
                                ["4: this line has a ': ' inside its text, which YAML reads as a new field: put the whole "
                                 "text in quotes, like this: summary: \"Attendance officer wrote: family believe the school "
                                 "cannot meet his needs and have asked for home tuition\" (`make fix` writes it so)" + MORE]),
    "colon in a list item": (WHERE, B + "worries:\n  - Attendance officer wrote: family believe the school cannot meet his "
                                        "needs and have asked for home tuition\n",
                             ["6: item 1 of worries has a ': ' inside its text, so YAML read it as a field name and value, "
                              "not text: put the whole text in quotes, like this: - \"Attendance officer wrote: family "
                              "believe the school cannot meet his needs and have asked for home tuition\" (`make fix` writes it so)"]),
    "colon after an unclosed curly quote": (WHERE, B + "worries:\n  - “Elective home education: no visit by the school\n",
                                            ["6: item 1 of worries has a ': ' inside its text, so YAML read it as a field name "
                                             "and value, not text: put the whole text in quotes, like this: - \"Elective home "
                                             "education: no visit by the school\" (`make fix` writes it so)"]),
    "colon with both quotes in the text": (WHERE, B + "questions:\n  - It's \"ours\": isn't it\n",
                                           ["6: item 1 of questions has a ': ' inside its text, so YAML read it as a field "
                                            "name and value, not text: put the whole text in quotes, like this: - "
                                            "'It''s \"ours\": isn''t it' (`make fix` writes it so)"]),
    "backslash escape": (WHERE, B.replace("title: T", 'title: "C:\\q"'),
                         ["1: has a backslash (\\) inside double quotes that YAML reads as the start of an escape: write \\\\ "
                          "for a backslash, or use single quotes (') around the text" + MORE]),
    "reserved first character": (WHERE, B.replace("title: T", "title: @home"),
                                 ["1: has a value starting with a character that YAML keeps for itself (@ or `): put the whole "
                                  "text in quotes" + MORE]),
    "unclosed quote": (WHERE, B.replace("title: T", 'title: "home'),
                       ["5: has a quoted text whose closing quote is missing: add it at the end of the text (a quote inside "
                        "the text is written \\\" inside double quotes, '' inside single quotes)" + MORE]),
    "indent": (WHERE, B + "worries:\n  - a\n b: c\n",
               ["7: has text YAML cannot read here: a line indented differently from the lines around it, or more text after "
                "a closing quote. Line up each field with the others at its level, and put a text that has quotes inside it "
                "in quotes as a whole" + MORE]),
    "unclosed bracket": (WHERE, B + "needs: [neglect\n",
                         ["6: has a list or set of fields in brackets ([ ] or { }) that is not closed, or text in it that "
                          "needs quotes: close the bracket, or put the text in quotes" + MORE]),
    "document end": (WHERE, B + "---\nsummary: x\n",
                     ["5: has a line '---' or '...', which YAML reads as the end of the file: delete it" + MORE]),
    # mechanical faults: reported at their lines, and the rest of the file checked as mended (issue 18 §4)
    "tab": (WHERE, B + "cohort:\n\tchildren: 8\n\tnotes: n\nwories: [x]\n",
            ["6: a tab character is used for indenting here and on 1 more line: YAML needs spaces (set your editor to indent "
             "with spaces). `make fix` replaces each tab with spaces",
             f"8: unknown field 'wories' (did you mean 'worries'?). Fields allowed here: {FIELDS}"]),
    "tab that could mean two indents": (WHERE, B + "questions:\n  - x\n\t- y\n",
                                        ["7: a tab character is used for indenting: YAML needs spaces (set your editor to "
                                         "indent with spaces)" + MORE]),
    "curly quotes": (WHERE, B.replace("summary: S", "summary: “Review: fathers”"),
                     ["4: the text is in curly quotes (“…”), which YAML does not read as quotes: write straight quotes (\"…\") "
                      "instead, or run `make fix`. If the curly quotes are to be published, put straight quotes around them "
                      "too: '“…”'"]),
    "UK date": (WHERE, B.replace("2023-05-02", "30/05/2023"),
                ["3: date '30/05/2023' is written another way: write dates as YYYY-MM-DD, or YYYY-MM when only the month is "
                 "known: did you mean 2023-05-30? (`make fix` writes it so)"]),
    "US date": (WHERE, B.replace("2023-05-02", "05/30/2023"),
                ["3: date '05/30/2023' is written another way: write dates as YYYY-MM-DD, or YYYY-MM when only the month is "
                 "known: did you mean 2023-05-30? (`make fix` writes it so)"]),
    "date read two ways": (WHERE, B.replace("2023-05-02", "03/05/2023"),
                           ["3: date '03/05/2023' could be 3 May 2023 (day first, as in the UK) or 5 March 2023 (month "
                            f"first, as in the US). {DATES}"]),
    "two-digit year": (WHERE, B.replace("2023-05-02", "30/05/23"), [f"3: date '30/05/23' has a two-digit year. {DATES}"]),
    "no such day": (WHERE, B.replace("2023-05-02", "2023-02-30"),
                    [f"3: date '2023-02-30' is not a real date: February 2023 has 28 days. {DATES}"]),
    "no such day, UK": (WHERE, B.replace("2023-05-02", "30/02/2023"),
                        [f"3: date '30/02/2023' is not a real date: February 2023 has 28 days. {DATES}"]),
    "month in words": (WHERE, B.replace("2023-05-02", "May 2023"),
                       ["3: date 'May 2023' is written another way: write dates as YYYY-MM-DD, or YYYY-MM when only the month "
                        "is known: did you mean 2023-05? (`make fix` writes it so)"]),
    "no such month": (WHERE, B.replace("2023-05-02", "2023-13"), [f"3: date '2023-13' is not a real date: there is no month 13. {DATES}"]),
    "date and time": (WHERE, B.replace("2023-05-02", "2023-05-02T10:00:00"),
                      ["3: date '2023-05-02T10:00:00' has a time of day as well as the date: write the day only: did you mean "
                       "2023-05-02?"]),
    "not a date": (WHERE, B.replace("2023-05-02", "soon"),
                   ["3: date 'soon' is not a date: write dates as YYYY-MM-DD, or YYYY-MM when only the month is known, e.g. "
                    "2022-12-06"]),
    "a month where a day is needed": ("resources.yml", R + "  reviewed: June 2023\n",
                                      ["5: reviewed 'June 2023' needs the day as well as the month: write the date as "
                                       "YYYY-MM-DD, e.g. 2023-06-01"]),
    "review date to come": ("resources.yml", R + "  reviewed: 2026-06-01\n",
                            ["5: reviewed 2026-06-01 is in the future: write the day someone last checked the resource, today "
                             "(2026-01-01) or before"]),
    # the schema
    "empty field": (WHERE, B.replace("summary: S", "summary:"), ["4: summary is empty: fill it in, or delete the line"]),
    "a list for a file": (WHERE, "- a\n", ['1: the file should be a set of "field: value" lines, not a list: see '
                                          "data/schema/briefing.schema.json or CONTRIBUTING.md"]),
    "text for a number": (WHERE, B + "cohort:\n  children: eight\n", ["6: children should be a whole number, not the text 'eight'"]),
    "12.0 for 12": (WHERE, B + "cohort:\n  children: 8.0\n", ["6: children should be a whole number: write 8, not 8.0"]),
    "text for a list": (WHERE, B + "questions: a question\n",
                        ["5: questions should be a list (lines starting with \"- \"), not the text 'a question'"]),
    "a list for an item": (WHERE, B + "worries:\n  - [a, b]\n",
                           ["6: item 1 of worries should be text, or a set of fields starting with 'text:', not a list"]),
    "missing fields": (WHERE, "title: T\n", ['1: missing required fields type, date, summary: add them (CONTRIBUTING.md, '
                                            '"What each field means", says what goes there)']),
    "unknown field": (WHERE, B + "wories: [x]\n", [f"5: unknown field 'wories' (did you mean 'worries'?). Fields allowed here: {FIELDS}"]),
    "not one of": (WHERE, B.replace("rapid-review", "rapid-reveiw"),
                   ["2: type 'rapid-reveiw' is not one of: multi-agency-audit, practice-review, rapid-review, thematic-review, "
                    "learning-briefing (did you mean 'rapid-review'?)"]),
    "id written wrongly": (WHERE, B + "needs: [Domestic_Abuse]\n",
                           ["5: 'Domestic_Abuse' is not a valid id: use lower-case letters, digits and single hyphens, e.g. "
                            "cumulative-harm"]),
    "not a web address": ("resources.yml", R + "  url: javascript:alert(1)\n",
                          ["5: url 'javascript:alert(1)' must be a web address starting with https:// or http://: copy it "
                           "from the browser's address bar"]),
    "space in a web address": ("resources.yml", R + "  url: https://example.org/a file.pdf\n",
                               ["5: url 'https://example.org/a file.pdf' has a space in it (after 'https://example.org/a'): a "
                                "web address cannot hold spaces. Copy the address again from the browser's address bar, or "
                                "write each space as %20"]),
    "port": ("resources.yml", R + "  url: https://example.org:80x/a\n",
             ["5: url 'https://example.org:80x/a' is not a web address that can be read (after the site's name, a ':' must be "
              "followed by a port number from 0 to 65535): copy the address again from the browser's address bar"]),
    "bracket in a web address": ("resources.yml", R + "  url: https://[example.org/a\n",
                                 ["5: url 'https://[example.org/a' is not a web address that can be read (a [ or ] in the "
                                  "site's name): copy the address again from the browser's address bar"]),
    "blank": (WHERE, B.replace("title: T", "title: '  '"), ["1: title is blank: fill it in, or delete the line"]),
    "one age": (WHERE, B + "cohort:\n  age_range: [2]\n", ["6: age_range should be two ages in years, youngest first, e.g. [2, 16]"]),
    "ages the wrong way round": (WHERE, B + "cohort:\n  age_range: [16, 2]\n", ["6: age_range should be youngest first, e.g. [2, 16]"]),
    "too many": (WHERE, B + "key_messages: [a, b, c, d, e, f]\n",
                 ["5: key_messages has 6 entries but at most 5 are allowed: keep the most important ones and delete the rest"]),
    "too long": (WHERE, B + "key_messages: [" + "word " * 40 + "]\n",
                 ["5: item 1 of key_messages is 199 characters long but at most 160 are allowed: shorten it"]),
    "too small": (WHERE, B + "cohort:\n  children: 0\n", ["6: children should be at least 1, not 0"]),
    "allow without a reason": (WHERE, B + "worries:\n  - text: x\n    allow: [postcode]\n",
                               ["7: 'allow' needs 'reason' beside it: an exception to the identifiers guard is 'allow: [kind]' "
                                "with a 'reason:' saying who checked it and why it identifies nobody"]),
    "the same entry twice": (WHERE, B + "needs: [neglect, neglect]\n", ["5: needs lists the same entry twice: delete one"]),
    "a number for a field name": (WHERE, B + "2015: x\n",
                                  ["5: field name '2015' should be a word, not a number or date: write it as the field's name",
                                   f"5: unknown field '2015'. Fields allowed here: {FIELDS}"]),
    # references
    "unknown theme": (WHERE, B + "worries:\n  - text: x\n    themes: [cumulative-harms]\n",
                      ["7: unknown theme 'cumulative-harms' (did you mean 'cumulative-harm'?): the theme ids are "
                       "cumulative-harm, engagement-with-fathers, information-sharing, professional-challenge, "
                       "professional-curiosity, safety-planning, step-up-step-down, voice-of-the-child, working-with-parents. "
                       "To add a new theme, see \"Adding a theme, resource, agency or need\" in CONTRIBUTING.md"]),
    "unknown agency": (WHERE, B + "agencies: [polise]\n",
                       ["5: unknown agency 'polise' (did you mean 'police'?): the agency ids are camhs, edt, education, gp, "
                        "nbt, police, preventative-services, sirona, social-care, yot. To add a new agency, see \"Adding a "
                        "theme, resource, agency or need\" in CONTRIBUTING.md"]),
    # the identifiers guard: each kind in words that fit it (a date of birth is no "service's public number")
    "date of birth": (WHERE, B + "worries: [Child born 12/03/2015 was seen]\n",
                      [f"5: this looks like a date of birth ('bo•• ••/••/••••'): {GUARD} (a child's age, or 'a baby', says "
                       "enough). If it is not anyone's date of birth (the day a service opened, say), add 'allow: "
                       "[date-of-birth]' and a 'reason:' to the item"]),
    "NHS number": (WHERE, B + "worries: [NHS 943 476 5919]\n",
                   [f"5: this looks like an NHS number (10 digits that pass the NHS number check) ('94• ••• ••••'): {GUARD} "
                    "(nothing here needs one). If it is not an NHS number (another reference that passes the same check, say), "
                    "add 'allow: [nhs-number]' and a 'reason:' to the item"]),
    "postcode": (WHERE, B + "worries: [Lives near BS1 4DJ]\n",
                 [f"5: this looks like a UK postcode ('BS• •••'): {GUARD} (the area's name says enough). If it is a service's "
                  "public address, not a family's, add 'allow: [postcode]' and a 'reason:' to the item"]),
    "phone number": (WHERE, B + "worries: [Call 07700 900123]\n",
                     [f"5: this looks like a UK phone number ('07••• ••••••'): {GUARD} (a service's name says enough). If it "
                      "is a service's public number, not a family's, add 'allow: [phone-number]' and a 'reason:' to the item"]),
    "email address": (WHERE, B + "worries: [Wrote to mum.smith@example.com]\n",
                      [f"5: this looks like an email address ('mu•.•••••@•••••••.•••'): {GUARD} (a service's name says "
                       "enough). If it is a service's public address, not a person's, add 'allow: [email]' and a 'reason:' "
                       "to the item"]),
    # the rest of the catalogue's own rules
    "TODO left in": (WHERE, B.replace("summary: S", "summary: TODO"),
                     ["4: warning: summary still has the TODO text from `make new`: write the aim and scope of the audit"]),
    "a date to come": ("briefings/2026-05-x.yml", B.replace("2023-05-02", "2026-05-02"),
                       ["3: warning: date 2026-05-02 is in the future: is it a typo?"]),
    "a date outside the window": ("briefings/2023-05-x.yml", B.replace("2023-05-02", "2999-05-02"),
                                  ["3: date '2999-05-02' is not between 1990 and 2027, the years a date here may be in: "
                                   "check the year (a date outside them is a typo)"]),
    "name and date disagree": ("briefings/2023-06-x.yml", B,
                               ["3: warning: the file name starts 2023-06 but the date is 2023-05: rename the file or correct "
                                "the date"]),
    "an id twice": ("needs.yml", "- id: neglect\n  label: N\n  description: D\n- id: neglect\n  label: N\n  description: D\n",
                    ["4: id 'neglect' is used twice (first on line 1): ids must be unique, so change one of them"]),
    "reserved id": ("needs.yml", "- id: index\n  label: N\n  description: D\n",
                    ["1: id 'index' is reserved: its page /needs/index/ would replace a page or folder the site already has. "
                     "The reserved need ids are index: choose another id"]),
    "file name": ("briefings/2023-05-X Y.yml", B,
                  [" file name should be YYYY-MM-short-title.yml in lower case, with hyphens for spaces, e.g. "
                   "2022-12-engagement-with-fathers.yml"]),
}


def said_about(data, name: str) -> list[str]:
    """What `make check` says about one file, each message after its "data/<name>:"."""
    try:
        problems = load(data, today=TODAY).warnings
    except DataError as e:
        problems = e.problems
    prefix = f"data/{name}:"
    return [str(p)[len(prefix):] for p in problems if p.path == f"data/{name}"]


@pytest.mark.parametrize("kind", EXACT)
def test_each_kind_of_message_says_exactly_this(tmp_path, kind):
    name, content, expected = EXACT[kind]
    data = make_data(tmp_path, seeds=False)
    (data / name).write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    assert said_about(data, name) == expected


# ---- no message path repeats an identifier, or writes a line GitHub would obey ----

PAYLOAD = "born 2015-03-04, NHS 943 476 5919, 07700 900123, BS1 4DJ, jane.doe@example.com"
INJECTION = "\n::error file=README.md::injected\n##[warning]injected"
QUOTED = json.dumps(PAYLOAD + INJECTION)  # JSON text is YAML: the payload as one double-quoted value
# The identifiers in PAYLOAD as letters and digits only: found however a message spaces or punctuates them.
IDENTIFIERS = ["20150304", "9434765919", "07700900123", "bs14dj", "janedoeexamplecom"]
ID_FILE = "briefings/2022-12-dad-born-2015-03-04-nhs-943-476-5919.yml"


def leaks(text: str) -> list[str]:
    letters = re.sub(r"[^0-9a-z]", "", text.lower())
    return [i for i in IDENTIFIERS if i in letters]


def commands(text: str) -> list[str]:
    """Lines a GitHub runner would obey that are not the check's own annotations on data files."""
    return [line for line in text.split("\n") if (line.lstrip().startswith("::") and not re.match(r"::(error|warning) file=data/", line))
            or "README.md" in line.split("::")[1:2] or "##[" in line]


DATA_PATHS = {  # name: ({file under data/: text}, what the message says, so the row is known to take its path)
    "a key twice (yamlload)": ({WHERE: B + f"{QUOTED}: 1\n{QUOTED}: 2\n"}, "appears twice"),
    "a tag of the data's own (yamlload)": ({WHERE: B.replace("title: T", "title: !NHS%20943%20476%205919 x")}, "YAML tag"),
    "a tag handle (yamlload)": ({WHERE: B.replace("title: T", "title: !n9434765919!x y")}, "YAML tag"),
    "!!set (yamlload)": ({WHERE: B.replace("title: T", f"title: !!set {{{QUOTED}}}")}, "(!!set)"),
    "!!binary (yamlload)": ({WHERE: B.replace("title: T", "title: !!binary " + base64.b64encode(PAYLOAD.encode()).decode())},
                            "(!!binary)"),
    "!!int on text (yamlload)": ({WHERE: B + f"cohort:\n  children: !!int {QUOTED}\n"}, "(!!int)"),
    "!!timestamp on text (yamlload)": ({WHERE: B.replace("2023-05-02", "!!timestamp 07700 900123")}, "(!!timestamp)"),
    "a colon, as YAML reads it (yamlload)": ({WHERE: B.replace("summary: S", f"summary: Note: {PAYLOAD}")}, "like this"),
    "a control character (yamlload)": ({WHERE: B + 'worries: ["\\x01 ' + PAYLOAD + '"]\n'}, "control character"),
    "a syntax error beside the data (yamlload)": ({WHERE: B + f'questions: ["{PAYLOAD}" {PAYLOAD}]\n'}, "brackets"),
    "unknown field (validate)": ({WHERE: B + f"{QUOTED}: x\n"}, "unknown field"),
    "not one of (validate)": ({WHERE: B.replace("rapid-review", QUOTED)}, "is not one of"),
    "text for a number (validate)": ({WHERE: B + f"cohort:\n  children: {QUOTED}\n"}, "whole number"),
    "a colon in an item (validate)": ({WHERE: B + f"worries:\n  - Note: {PAYLOAD}\n"}, "like this"),
    "a date (validate)": ({WHERE: B.replace("2023-05-02", QUOTED)}, "is not a date"),
    "an id (validate)": ({WHERE: B + f"needs: [{QUOTED}]\n"}, "not a valid id"),
    "a web address (validate)": ({"resources.yml": R + f"  url: {QUOTED}\n"}, "web address"),
    "a number (validate)": ({WHERE: B + "cohort:\n  children: 9434765919.0\n  age_range: [2, 9434765919]\n"}, "whole number"),
    "a port (validate)": ({"resources.yml": R + "  url: https://example.org:9434765919x/a\n"}, "port number"),
    "an unknown id (validate)": ({WHERE: B + "needs: [nhs-943-476-5919, born-2015-03-04]\n"}, "unknown need"),
    "an id in a registry (catalogue)": ({"needs.yml": "- id: nhs-943-476-5919\n  label: N\n  description: D\n"
                                                      "- id: nhs-943-476-5919\n  label: N\n  description: D\n"}, "used twice"),
    "a file name (catalogue)": ({"briefings/NHS 943 476 5919 x.yml": B, "briefings/x\n::error file=README.md::y.yml": B},
                                "file name should be"),
    # a file whose name identifies someone is refused by its name alone: nothing else is said about it
    "a file named with identifiers (every message)": ({ID_FILE: B + "wories: [x]\n"}, "the file name looks like it holds"),
    "the guard (guard)": ({WHERE: B + f"worries: [{QUOTED}]\n"}, "this looks like"),
    "curly quotes (mend)": ({WHERE: B.replace("summary: S", f"summary: “{PAYLOAD}”")}, "curly quotes"),
    "a tab (mend)": ({WHERE: B + f"cohort:\n\tnotes: {PAYLOAD}\n"}, "tab character"),
    "the comment line's suggestion (check)": ({ID_FILE: B}, "Suggestion"),
}


def data_outputs(tmp_path, monkeypatch, capsys, files: dict[str, str]) -> tuple[str, list[Problem]]:
    """Everything `make check` (in GitHub Actions), the build's report and the preview's banner show for the data."""
    data = make_data(tmp_path, seeds=False)
    for name, content in files.items():
        (data / name).write_text(content, encoding="utf-8")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    check.main([str(data)])
    out = capsys.readouterr()
    try:
        problems = load(data, today=TODAY).warnings
        built = ""
    except DataError as e:
        problems, built = e.problems, e.report()
    return "\n".join([out.out, out.err, built, str(preview.banner(problems))]), problems


@pytest.mark.parametrize("path", DATA_PATHS)
def test_no_message_about_the_data_repeats_an_identifier_or_obeys_it(tmp_path, monkeypatch, capsys, path):
    files, says = DATA_PATHS[path]
    shown, problems = data_outputs(tmp_path, monkeypatch, capsys, files)
    assert says in shown
    assert leaks(shown) == [] and commands(shown) == []
    # each message quotes what it quotes itself, not only when printed (the path is masked as it is printed)
    assert [p.message for p in problems if leaks(p.message)] == []


def new_title(tmp_path, capsys):
    new.main({"TITLE": PAYLOAD, "DATE": "2024-06"}, root=tmp_path)
    return capsys.readouterr().err, "looks like it holds"


def new_date(tmp_path, capsys):
    new.main({"TITLE": "Neglect", "DATE": PAYLOAD + INJECTION}, root=tmp_path)
    return capsys.readouterr().err, "is not a date"


def new_type(tmp_path, capsys):
    new.main({"TITLE": "Neglect", "DATE": "2024-06", "TYPE": PAYLOAD + INJECTION}, root=tmp_path)
    return capsys.readouterr().err, "is not one of"


def linkcheck_report(tmp_path, capsys, monkeypatch):
    data = make_data(tmp_path, {ID_FILE: B + "worries: [See https://example.org/jane.doe@example.com/x?nhs=9434765919]\n"},
                     seeds=False)
    monkeypatch.setattr(linkcheck, "check_url", lambda url, timeout, allow_loopback=False, **_: ("broken", "HTTP 404 Not Found"))
    linkcheck.main([str(data)])
    return capsys.readouterr().out, "BROKEN"


def form_schema(tmp_path, capsys):
    schema = {"type": "object", "properties": {PAYLOAD + INJECTION: {"type": "nonsense"}}}
    (tmp_path / "briefing.schema.json").write_text(json.dumps(schema))
    with pytest.raises(cms.SchemaNotMapped) as e:
        cms.config(tmp_path, "o/r")
    return str(e.value), "no form field"


def fix_report(tmp_path, capsys):
    data = make_data(tmp_path, {ID_FILE: B.replace("summary: S", f"summary: “{PAYLOAD}”")}, seeds=False)
    fix.main([str(data)])
    return capsys.readouterr().out, "straightened"


def housekeeping_line(tmp_path, capsys):
    lines = report.lines([Problem(f"data/{ID_FILE}", 3, "x", "warning")], changed=report.Changes(tmp_path, {}, set()))
    return "\n".join(lines), "housekeeping"


OTHER_PATHS = {  # name: a function returning (what it printed, what it says, so the row is known to take its path)
    "make new's TITLE (new)": new_title,
    "make new's DATE (new)": new_date,
    "make new's TYPE (new)": new_type,
    "make linkcheck's report (linkcheck)": linkcheck_report,
    "the form's schema (cms)": form_schema,
    "make fix's report (fix)": fix_report,
    "the housekeeping line (report)": housekeeping_line,
}
# macros/data/sources.py's messages (a source's lines, `source:` values) are tested with that module.


@pytest.mark.parametrize("path", OTHER_PATHS)
def test_no_other_message_repeats_an_identifier_or_obeys_it(tmp_path, capsys, monkeypatch, path):
    function = OTHER_PATHS[path]
    args = {"tmp_path": tmp_path, "capsys": capsys, "monkeypatch": monkeypatch}
    shown, says = function(**{k: v for k, v in args.items() if k in function.__code__.co_varnames})
    assert says in shown
    assert leaks(shown) == [] and commands(shown) == []


def test_a_line_that_would_be_a_workflow_command_is_not_one():
    from macros.data.text import line
    assert line("::error file=README.md::x") == ": :error file=README.md::x"
    assert line("  ::warning::x") == "  : :warning::x"
    assert line("see ##[error]x") == "see ## [error]x"
    assert line("a\nb\r\u2028c") == "a\\nb\\r\\u2028c"


def test_values_that_are_not_text_are_named_by_their_kind():
    from macros.data.text import quote
    assert quote(b"NHS 943 476 5919") == "binary data"
    assert quote({"07700 900123"}) == "a set"
    assert quote(("a", "07700 900123")) == "a list"
    assert quote(dt.date(2015, 3, 4)) == "'2015-03-04'" and quote(12) == "'12'" and quote(None) == "'nothing'"


def test_a_value_without_identifiers_is_shown_as_written():
    """Masking reads normalised text (full-width digits as digits); what it does not mask keeps its own characters,
    so a file named in full-width digits is not shown as the ASCII name it imitates."""
    from macros.data.text import path, quote
    assert path("data/briefings/２０２２-１２-x.yml") == "data/briefings/２０２２-１２-x.yml"
    assert quote("Ymgysylltu â Thadau – “Łódź”") == "'Ymgysylltu â Thadau – “Łódź”'"
    assert quote("NHS ９４３ ４７６ ５９１９") == "'NHS 94• ••• ••••'"
