"""Names by id that a window read when it opened, read again when asked for one it does not know."""
from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping


class FreshNames(Mapping[int, str]):
    """Names by id as the window knows them, read again (`read()`) when asked for an id it does not
    know: the other clerk may have chosen a person or a provider added after the window opened."""

    def __init__(self, names: Mapping[int, str], read: Callable[[], Mapping[int, str]]):
        self._names, self._read, self._fresh = dict(names), read, False

    def __getitem__(self, key: int) -> str:
        if key not in self._names and not self._fresh:
            self._names, self._fresh = dict(self._read()), True
        return self._names[key]

    def __contains__(self, key: object) -> bool:
        try:
            self[key]  # type: ignore[index]
        except KeyError:
            return False
        return True

    def __iter__(self) -> Iterator[int]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)
