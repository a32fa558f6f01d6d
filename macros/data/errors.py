"""The one error type for data problems: every check reports through it."""
from __future__ import annotations

from dataclasses import dataclass, field

from . import text


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong (or worth a warning) in one data file, at one line."""

    path: str
    line: int | None
    message: str
    level: str = "error"  # "error" stops the build; "warning" is only reported
    rule: str = field(default="", compare=False)  # the code of the rule that found it (macros.data.rules)

    def __str__(self) -> str:
        """One line, `path:line: message`, as `make check`, the build and the preview's banner show it.

        Every printed form goes through macros.data.text: the path masked (a file name is data too), the
        message kept to one line that no GitHub runner would read as a workflow command."""
        path = text.path(self.path)
        where = f"{path}:{self.line}" if self.line else path
        prefix = "" if self.level == "error" else f"{self.level}: "
        return text.line(f"{where}: {prefix}{self.message}")

    def github_annotation(self) -> str:
        """The problem as a GitHub Actions workflow command, so a pull request shows it on its line."""
        props = f"file={_escape_property(text.path(self.path))}" + (f",line={self.line}" if self.line else "")
        return f"::{'error' if self.level == 'error' else 'warning'} {props}::{_escape_data(text.line(self.message))}"


class DataError(Exception):
    """The data cannot be published. Carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=_sort_key)
        super().__init__(self.report())

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]

    def report(self) -> str:
        errors = self.errors
        lines = [str(p) for p in self.problems]
        count = len(errors)
        lines.append(f"{count} problem{'s' if count != 1 else ''} in the data: fix {'them' if count != 1 else 'it'} and build again.")
        return "\n".join(lines)


def _escape_data(data: str) -> str:
    # GitHub's rules for a workflow command's message (actions/toolkit, command.ts)
    return data.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def _sort_key(p: Problem):
    return (p.path, p.line or 0, p.message)


def raise_if_errors(problems: list[Problem]) -> None:
    if any(p.level == "error" for p in problems):
        raise DataError(problems)
