"""Byte-level guards between rpss.json and the JSON parser, for values the parser cannot take.

- A string of hundreds of megabytes: ijson's C backend grows a token in time quadratic in its length
  (a 200 MB field took 98 s). Whatever a string holds beyond MAX_STRING_BYTES is dropped while
  streaming; no field of the directory holds a thousandth of that.
- An integer over 64 bits or a number beyond the range of a double: yajl stops with "integer
  overflow" and the whole file would be refused as not JSON. Such a number is rewritten to a double
  of the same sign and magnitude (±1e308 where even that overflows), so the record that carries it
  is refused by the range checks of db/registry/records.py and the rest of the file imports.

Both work on chunks at C speed (find, regex) and keep only a few bytes of state between chunks.
"""
from __future__ import annotations

import math
import re

MAX_STRING_BYTES = 1024 * 1024
# A number is rewritten only where JSON puts a value (after ':', ',' or '[') and ends (before ',',
# '}' or ']'); the same characters inside a string are left alone unless they look exactly so.
# Digits → "0", e/E → "e", signs → "s", anything else → ".": 19 digits in a row, or an exponent of
# three digits, is what a double or a 64-bit integer may not hold.
_SHAPES = bytes(ord("0") if chr(b).isdigit() and b < 128 else ord("e") if b in b"eE" else
                ord("s") if b in b"+-" else ord(".") for b in range(256))
_SUSPECT_SHAPES = (b"0" * 19, b"e000", b"es000")
_NUMBER = re.compile(rb"(?<=[:\[,])(\s*)(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)(?=\s*[,}\]])")
_NUMBER_AT_END = re.compile(rb"[:\[,]\s*-?[0-9.eE+-]*\Z")
HOLD_BACK = 4096  # a number longer than this at a chunk's end is not looked at
_CONTINUATION = range(0x80, 0xC0)
_HIGH_SURROGATE = re.compile(rb"\\u[dD][89abAB][0-9a-fA-F]{2}")


class StringCap:
    """Drops what a string holds past MAX_STRING_BYTES (measured from the last unescaped quote),
    cutting only between whole characters and escape sequences. Chunks fed must be shorter than the
    limit (runs inside one chunk are not measured)."""

    def __init__(self, limit: int = MAX_STRING_BYTES):
        self.limit = limit
        self.run = 0  # bytes since the last unescaped quote, already passed on
        self.skipping = False
        self.lead = 0  # backslashes just before the next byte: they may escape a quote
        self.tail = b""  # the last bytes passed on, for the escape state at a cut

    def feed(self, data: bytes) -> bytes:
        out = self._feed(data)
        if out:
            self.tail = (self.tail + out)[-16:]
        if data:
            stripped = data.rstrip(b"\\")
            self.lead = self.lead + len(data) if not stripped else len(data) - len(stripped)
        return out

    def _feed(self, data: bytes) -> bytes:
        quote = _real_quote(data, self.lead)
        if self.skipping:
            if quote < 0:
                return b""
            # The quote ends the string: the backslashes dropped before it were an even number.
            self.skipping, self.run = False, 0
            return data[quote:quote + 1] + self._rest(data[quote + 1:])
        span = len(data) if quote < 0 else quote
        if self.run + span < self.limit:
            if quote < 0:
                self.run += len(data)
                return data
            self.run = 0
            return data[:quote + 1] + self._rest(data[quote + 1:])
        cut = self._safe_cut(data, max(0, self.limit - self.run))
        if cut >= span:  # the run ends before a safe place to cut it: barely over, let it be
            if quote < 0:
                self.run += len(data)
                return data
            self.run = 0
            return data[:quote + 1] + self._rest(data[quote + 1:])
        self.skipping = True
        return data[:cut] + self._skip_from(data, cut)

    def _rest(self, data: bytes) -> bytes:
        """After an unescaped quote: everything passes (a run inside one chunk is shorter than the
        limit); the run after the chunk's last unescaped quote is counted."""
        self.run = len(data) - _last_real_quote(data) - 1
        return data

    def _skip_from(self, data: bytes, cut: int) -> bytes:
        rest = data[cut:]
        quote = _real_quote(rest, _backslashes_before(data, cut, self.lead))
        if quote < 0:
            return b""
        self.skipping, self.run = False, 0
        return rest[quote:quote + 1] + self._rest(rest[quote + 1:])

    def _safe_cut(self, data: bytes, keep: int) -> int:
        """The first position at or after `keep` that is neither inside an escape nor a UTF-8 sequence."""
        context = self.tail + data
        at = len(self.tail) + keep
        backslashes = len(context[:at]) - len(context[:at].rstrip(b"\\"))
        if backslashes % 2:  # just after the backslash of an escape
            at += 5 if context[at:at + 1] == b"u" else 1
        else:
            start = context.rfind(b"\\u", max(0, at - 5), at)
            if start >= 0 and (start - len(context[:start].rstrip(b"\\"))) % 2 == 0:
                at = max(at, start + 6)
        if _HIGH_SURROGATE.fullmatch(context, max(0, at - 6), at):  # keep a \uD83D\uDE00 pair whole
            at += 6
        while at < len(context) and context[at] in _CONTINUATION:
            at += 1
        return at - len(self.tail)


def _backslashes_before(data: bytes, index: int, lead: int) -> int:
    count, i = 0, index - 1
    while i >= 0 and data[i] == 0x5C:
        count, i = count + 1, i - 1
    return count + (lead if i < 0 else 0)


def _real_quote(data: bytes, lead: int) -> int:
    """Index of the first quote not escaped by a backslash, or -1; `lead` backslashes precede data."""
    quote = data.find(b'"')
    while quote >= 0 and _backslashes_before(data, quote, lead) % 2:
        quote = data.find(b'"', quote + 1)
    return quote


def _last_real_quote(data: bytes) -> int:
    quote = data.rfind(b'"')
    while quote >= 0 and _backslashes_before(data, quote, 0) % 2:
        quote = data.rfind(b'"', 0, quote)
    return quote


class NumberGuard:
    """Rewrites numbers a double cannot hold exactly enough for yajl (see the module docstring)."""

    def __init__(self):
        self.pending = b""

    def feed(self, data: bytes) -> bytes:
        # Rewritten first (a number needs the character after it), then a number not yet ended at the
        # chunk's end is held back with what precedes it, to be looked at with the next chunk.
        buffer = _rewrite(self.pending + data)
        held = _NUMBER_AT_END.search(buffer, max(0, len(buffer) - HOLD_BACK))
        split = held.start() if held else len(buffer)
        self.pending = buffer[split:]
        return buffer[:split]

    def flush(self) -> bytes:
        rest, self.pending = self.pending, b""
        return _rewrite(rest)


def _rewrite(data: bytes) -> bytes:
    # translate + `in` run at memory speed; the regex only looks at chunks that may need it.
    shape = data.translate(_SHAPES)
    if not any(pattern in shape for pattern in _SUSPECT_SHAPES):
        return data
    return _NUMBER.sub(_as_double, data)


def _as_double(match: re.Match) -> bytes:
    space, token = match.group(1), match.group(2)
    integer_digits = len(re.match(rb"-?(\d+)", token).group(1))
    exponent = re.search(rb"[eE][+-]?(\d+)", token)
    if integer_digits < 19 and not (exponent and len(exponent.group(1)) >= 3):
        return match.group(0)
    value = float(token)
    if math.isinf(value):
        value = math.copysign(1e308, value)
    return space + repr(value).encode("ascii")
