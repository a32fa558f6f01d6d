"""Read one YAML data file safely, remembering the line of every value.

Editors' mistakes must come back as `path:line: message`, so loading keeps a map from
each value's path (the keys and list indexes that lead to it, as jsonschema reports
them) to its line. It also refuses what PyYAML would quietly accept: duplicate keys
(the last one wins, losing text) and anchors/aliases (expansion bombs).
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Iterator

import yaml

from .errors import DataError, Problem

MAX_BYTES = 1_000_000
Lines = dict[tuple, int]


class _Loader(yaml.SafeLoader):
    """SafeLoader that refuses anchors and aliases, and never raises on impossible dates."""

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise yaml.MarkedYAMLError(
                problem="YAML anchors and aliases (& and *) are not allowed: write the text out in full",
                problem_mark=event.start_mark,
            )
        return super().compose_node(parent, index)

    def construct_yaml_timestamp(self, node):
        # `2022-13-45` matches YAML's date pattern but is no date: keep the text so that
        # validation can say so, with its line, instead of raising ValueError here.
        try:
            return yaml.SafeLoader.construct_yaml_timestamp(self, node)
        except (ValueError, OverflowError):
            return self.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


class _FastLoader(getattr(yaml, "CSafeLoader", _Loader)):
    """libyaml's parser (many times quicker) for text that cannot hold an anchor or alias.

    Anchors need '&' and aliases '*': text with either goes through _Loader, which refuses
    them; so does text libyaml rejects, so that every YAML error reads the same.
    """


class _Reread(Exception):
    """libyaml found a YAML error: read the text again with _Loader for its message."""


_FastLoader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


def load_yaml(path: Path, name: str | None = None) -> tuple[Any, Lines]:
    """Return (document, lines) for the file, or raise DataError naming file and line."""
    name = name or str(path)
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise DataError([Problem(name, None, f"cannot be read: {e.strerror}")]) from None
    return parse_yaml(raw, name)


def parse_yaml(raw: bytes, name: str) -> tuple[Any, Lines]:
    if len(raw) > MAX_BYTES:
        raise DataError([Problem(name, None, f"is {len(raw):,} bytes; a data file may be at most {MAX_BYTES:,} bytes: split it into smaller files")])
    try:
        text = raw.decode("utf-8-sig")  # a BOM, as some Windows editors write, is fine
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise DataError([Problem(name, line, f"is not valid UTF-8 text (byte 0x{raw[e.start]:02x}): save the file as UTF-8")]) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise DataError([Problem(name, line, "contains a NUL character: this is not a text file")])
    if "&" not in text and "*" not in text and _FastLoader is not _Loader and _shallow(text):
        try:
            return _parse(_FastLoader, text, name)
        except _Reread:
            pass
    return _parse(_Loader, text, name)


def _shallow(text: str, limit: int = 200) -> bool:
    """True when the text cannot nest much deeper than `limit` levels.

    libyaml's composer recurses in C with no limit (a file of 200,000 '[' crashes Python), so
    deep text goes to _Loader, which stops at Python's recursion limit. A level needs a '[', a
    '{', or more indentation or '- ' / '? ' markers at the start of a line.
    """
    if text.count("[") + text.count("{") > limit:
        return False
    return all(len(line) - len(line.lstrip(" -?:")) <= limit for line in text.splitlines())


def _parse(loader_class, text: str, name: str) -> tuple[Any, Lines]:
    loader = None
    try:
        loader = loader_class(text)  # its reader refuses control characters, with ReaderError
        node = loader.get_single_node()
        if node is None:
            raise DataError([Problem(name, 1, "is empty: it should hold the fields described in CONTRIBUTING.md")])
        lines: Lines = {(): node.start_mark.line + 1}
        problems: list[Problem] = []
        _walk(loader, node, (), lines, problems, name)
        if problems:
            raise DataError(problems)
        value = loader.construct_document(node)
    except (yaml.YAMLError, RecursionError) as e:
        if loader_class is _FastLoader:
            raise _Reread from None
        if isinstance(e, yaml.reader.ReaderError):
            line = text[: e.position].count("\n") + 1
            raise DataError([Problem(name, line, f"contains a control character (code {e.character:#04x}) that text files "
                                                 "should not have: retype that line")]) from None
        if isinstance(e, yaml.MarkedYAMLError):
            raise DataError([_yaml_problem(e, name, text)]) from None
        if isinstance(e, yaml.YAMLError):  # unmarked errors are rare; still no traceback
            raise DataError([Problem(name, None, f"is not valid YAML: {e}")]) from None
        raise DataError([Problem(name, None, "is nested too deeply to be data")]) from None
    finally:
        if loader is not None:
            loader.dispose()
    return value, lines


def _walk(loader, node, path: tuple, lines: Lines, problems: list[Problem], name: str) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True) if isinstance(key_node, yaml.ScalarNode) else None
            line = key_node.start_mark.line + 1
            try:
                hash(key)
            except TypeError:
                key = None
            if key is not None and key in seen:
                problems.append(Problem(name, line, f"'{key}' appears twice in the same place (first on line {seen[key]}): keep one and merge the text"))
                continue
            if key is not None:
                seen[key] = line
                lines[path + (key,)] = line
                _walk(loader, value_node, path + (key,), lines, problems, name)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            lines[path + (i,)] = item.start_mark.line + 1
            _walk(loader, item, path + (i,), lines, problems, name)


def _yaml_problem(e: yaml.MarkedYAMLError, name: str, text: str) -> Problem:
    mark = e.problem_mark or e.context_mark
    line = mark.line + 1 if mark else None
    message = e.problem or "is not valid YAML"
    if "\t" in message or "'\\t'" in message:
        message = "a tab character is used for indenting: YAML needs spaces (set your editor to indent with spaces)"
    elif "mapping values are not allowed" in message:
        message += " (a ':' inside text? put the whole text in quotes)"
    elif e.context:
        message = f"{e.context}: {message}"
    if line and mark and mark.line < len(text.splitlines()) and "\t" in text.splitlines()[mark.line][: mark.column + 1]:
        message = "a tab character is used for indenting: YAML needs spaces (set your editor to indent with spaces)"
    return Problem(name, line, message)


def line_of(lines: Lines, path: tuple) -> int | None:
    """The line of `path`, or of its nearest ancestor that has one."""
    path = tuple(path)
    while path not in lines and path:
        path = path[:-1]
    return lines.get(path)


def jsonable(value: Any, path: tuple = (), bad_keys: list | None = None) -> Any:
    """The document as JSON-schema sees it: dates as ISO text; non-text keys recorded."""
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if not isinstance(k, str):
                if bad_keys is not None:
                    bad_keys.append(path + (k,))
                k = str(k)
            out[k] = jsonable(v, path + (k,), bad_keys)
        return out
    if isinstance(value, list):
        return [jsonable(v, path + (i,), bad_keys) for i, v in enumerate(value)]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def strings(node: Any, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """Every text value in a document, with its path (for line_of)."""
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from strings(value, path + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from strings(value, path + (i,))
