import pytest

from db.opening_hours import check_intervals, format_intervals, parse_intervals


@pytest.mark.parametrize("text,expected", [
    ("8:00–12:00, 13:00–16:00", [("08:00", "12:00"), ("13:00", "16:00")]),
    ("13-16; 8-12", [("08:00", "12:00"), ("13:00", "16:00")]),
    ("7.30 - 15.30", [("07:30", "15:30")]),
    ("0:00–24:00", [("00:00", "24:00")]),
    ("  ", []),
])
def test_parse_accepts_what_clerks_type(text, expected):
    assert parse_intervals(text) == expected


@pytest.mark.parametrize("text,fragment", [
    ("8 až 12", "není platný časový interval"),
    ("8:00–25:00", "není platný časový interval"),
    ("8:70–9:00", "není platný časový interval"),
    ("12:00–8:00", "začátek dřív než konec"),
    ("8–12, 11–14", "se překrývají"),
])
def test_parse_explains_in_czech(text, fragment):
    assert fragment in check_intervals(text)


def test_format_drops_leading_zero_and_uses_en_dash():
    assert format_intervals([("08:00", "12:00"), ("13:30", "16:00")]) == "8:00–12:00, 13:30–16:00"
