"""The byte-level guards between rpss.json and the parser keep the JSON valid for any content and any
chunking: strings are cut to a prefix of themselves, numbers a double cannot hold are rewritten."""
import io
import json

import ijson
from hypothesis import given, settings
from hypothesis import strategies as st

from db.registry.stream_guard import NumberGuard, StringCap

LIMIT = 64  # longer than any run of the document's structure, as 1 MB is for the register's


def _guarded(doc: bytes, chunk: int, limit: int = LIMIT) -> bytes:
    strings, numbers = StringCap(limit), NumberGuard()
    out = b"".join(numbers.feed(strings.feed(doc[i:i + chunk])) for i in range(0, len(doc), chunk))
    return out + numbers.flush()


def _items(data: bytes) -> list:
    return list(ijson.items(io.BytesIO(data), "polozky.item", use_float=True))


TEXT = st.text(alphabet=st.sampled_from(['a', 'ž', '\\', '"', '\n', '\u1234', '\U0001F600', '5', ':', ',', ' ']),
               max_size=400)


@settings(max_examples=300, deadline=None)
@given(text=TEXT, ascii_only=st.booleans(), chunk=st.integers(1, LIMIT - 1))
def test_any_string_comes_through_as_a_prefix_of_itself_and_the_rest_intact(text, ascii_only, chunk):
    doc = json.dumps({"polozky": [{"a": text, "n": 7}, {"b": "ok"}]}, ensure_ascii=ascii_only).encode()
    first, second = _items(_guarded(doc, chunk))
    assert text.startswith(first["a"]) and first["n"] == 7 and second == {"b": "ok"}
    if len(json.dumps(text, ensure_ascii=ascii_only).encode()) < LIMIT:
        assert first["a"] == text


@settings(max_examples=200, deadline=None)
@given(number=st.one_of(st.integers(-(10**40), 10**40), st.sampled_from(["1e999", "-1e999", "1e-999", "1.5e300"])),
       chunk=st.integers(1, LIMIT - 1))
def test_any_number_is_read_without_failing_the_file(number, chunk):
    doc = b'{"polozky": [{"x": %s, "y": [%s]}, {"b": 1}]}' % (str(number).encode(), str(number).encode())
    first, second = _items(_guarded(doc, chunk))
    expected = float(number)
    if abs(expected) == float("inf"):
        expected = 1e308 if expected > 0 else -1e308
    for value in (first["x"], first["y"][0]):
        assert value == number if isinstance(number, int) and abs(number) < 10**18 else value == expected
    assert second == {"b": 1}


def test_untouched_when_nothing_needs_guarding():
    doc = json.dumps({"polozky": [{"nazev": "Domov „U Lípy“", "pocet": 30, "x": [1.5, -2]}]},
                     ensure_ascii=False).encode()
    assert _guarded(doc, 7, limit=1024) == doc
