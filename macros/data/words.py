"""Counts in words, the same on every page and in every message: "1 briefing", "2 briefings", "no briefings"."""
from __future__ import annotations


def plural(n: int, word: str, words: str | None = None) -> str:
    """'1 briefing', '3 briefings', and 'no briefings' for none (a new partnership's site has none at first)."""
    return f"{'no' if n == 0 else n} {word if n == 1 else (words or word + 's')}"


def listing(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
