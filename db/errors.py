"""Errors the core raises with a message meant for the clerk (Czech)."""


class UserError(Exception):
    """A failure the clerk can understand and act on; str(exc) is the Czech message."""


class DatabaseRefused(UserError):
    """The file cannot be opened as this application's database; it was left untouched."""


class ValidationError(UserError):
    """Input failed validation; `problems` lists (field, Czech message) pairs."""

    def __init__(self, problems: list[tuple[str, str]]):
        self.problems = problems
        super().__init__("; ".join(f"{field}: {msg}" for field, msg in problems))
