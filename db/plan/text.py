"""The plan's texts go through the project's one normalisation (db/text.py) before they are stored.

Titles, names and short fields are one line; descriptions, evaluations and the like keep their line
breaks. The Excel exchange compares with the same functions, so a file always reads as what is stored.
"""
from __future__ import annotations

from db.text import normalize_text


def clean_line(value: str | None) -> str:
    """A one-line field (title, name, unit, note): invisible marks and control characters removed, odd
    spaces made plain and collapsed, line breaks made spaces, ends trimmed."""
    return normalize_text(value)


def clean_text(value: str | None) -> str:
    """A longer text (description, evaluation, vision): as `clean_line`, but line breaks kept as "\\n"."""
    return normalize_text(value, multiline=True)
