"""What the file imports of every area share: the action a row leads to, the problem of a bad row, and
the Czech message that refuses a file with bad rows (db/spreadsheet, db/meetings/people_import, and the
message of db/plan/exchange_import)."""
from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass

# A refusal lists this many problems at most; a file with hundreds would bury the first ones.
MAX_LISTED_PROBLEMS = 30
FIX_AND_RELOAD = "Opravte je a načtěte soubor znovu."


class Action(enum.Enum):
    ADD = "add"
    CHANGE = "change"
    SAME = "same"


@dataclass(frozen=True)
class RowProblem:
    """Why one row of a file cannot be saved, in Czech."""

    row: int  # as Excel numbers the rows of the sheet
    column: str  # the column as its header names it
    message: str

    def __str__(self) -> str:
        return f"Řádek {self.row}, sloupec {self.column}: {self.message}"


class RowsPreview:
    """Mixin of an import preview with a `problems` list of RowProblem."""

    problems: list[RowProblem]

    @staticmethod
    def count(plans: list, action: Action) -> int:
        """How many of `plans` (anything with an `action`) lead to `action`."""
        return sum(1 for p in plans if p.action is action)

    @property
    def bad_rows(self) -> list[int]:
        return sorted({p.row for p in self.problems})


def bad_rows_message(problems: Sequence[object], rows: int, advice: str) -> str:
    """The Czech message refusing a file with `rows` bad rows: the count, `advice` (what to do), then
    the problems one a line, at most MAX_LISTED_PROBLEMS of them."""
    lines = [f"Soubor obsahuje chybné řádky ({rows}), nic nebylo uloženo. {advice}"]
    lines.extend(str(p) for p in problems[:MAX_LISTED_PROBLEMS])
    if len(problems) > MAX_LISTED_PROBLEMS:
        lines.append(f"… a dalších {len(problems) - MAX_LISTED_PROBLEMS} chyb.")
    return "\n".join(lines)
