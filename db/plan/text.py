"""Cleaning of the texts a clerk types or pastes into the plan."""
from __future__ import annotations

import re

# Invisible control characters (pasted from a terminal or a broken export) cannot be written to a
# workbook or printed; tab and line breaks are kept.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(value: str | None) -> str:
    """`value` without control characters, with "\\n" line breaks and no surrounding blanks."""
    return _CONTROL_CHARACTERS.sub("", (value or "").replace("\r\n", "\n").replace("\r", "\n")).strip()
