from types import SimpleNamespace

import pytest

from db.directory.opening_hours import (
    Interval, check_intervals, describe_week, format_intervals, format_time, format_week, format_week_and_note,
    parse_intervals, parse_week,
)


def rows(*triples):
    return [SimpleNamespace(weekday=d, opens=o, closes=c) for d, o, c in triples]


def test_workdays_with_lunch_break_compress_to_one_range():
    hours = rows(*[(d, "08:00", "12:00") for d in range(5)], *[(d, "13:00", "16:00") for d in range(5)])
    assert describe_week(hours) == "Po–Pá 8:00–12:00, 13:00–16:00"


def test_a_different_day_splits_the_range_and_keeps_day_order():
    hours = rows(*[(d, "08:00", "12:00") for d in (0, 1, 3, 4)], *[(d, "13:00", "16:00") for d in (0, 1, 3, 4)],
                 (2, "08:00", "17:00"))
    assert describe_week(hours) == "Po–Út, Čt–Pá 8:00–12:00, 13:00–16:00; St 8:00–17:00"


def test_single_days_weekend_and_nonstop():
    assert describe_week(rows((0, "09:00", "11:30"), (3, "14:00", "18:00"))) == \
        "Po 9:00–11:30; Čt 14:00–18:00"
    assert describe_week(rows((5, "10:00", "12:00"), (6, "10:00", "12:00"))) == "So–Ne 10:00–12:00"
    assert describe_week(rows(*[(d, "00:00", "24:00") for d in range(7)])) == "nepřetržitě (24 hodin denně)"
    assert describe_week([]) == ""


def test_time_without_leading_zero():
    assert format_time("08:05") == "8:05"
    assert format_time("12:00") == "12:00"


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


def test_split_intervals_and_day_ranges_round_trip():
    text = "Po–Pá 8:00–12:00, 13:00–16:00; So 9:00–11:00"
    intervals, note = parse_week(text)
    assert note == ""
    assert Interval(0, "08:00", "12:00") in intervals and Interval(4, "13:00", "16:00") in intervals
    assert Interval(5, "09:00", "11:00") in intervals and len(intervals) == 11
    assert format_week(intervals) == text


@pytest.mark.parametrize("typed, canonical", [
    ("po-pa 8.00-16.00", "Po–Pá 8:00–16:00"),
    ("Po, St 7:30–17:00; Út, Čt 7:30–15:00", "Po, St 7:30–17:00; Út, Čt 7:30–15:00"),
    ("Po–St, Pá 9:00–12:00", "Po–St, Pá 9:00–12:00"),
    ("ut 08:00 - 10:00", "Út 8:00–10:00"),
    ("Po–Ne 0:00–24:00", "Po–Ne 0:00–24:00"),
])
def test_loose_spellings_become_canonical(typed, canonical):
    intervals, note = parse_week(typed)
    assert note == ""
    assert format_week(intervals) == canonical


def test_text_that_is_not_hours_is_kept_as_note():
    intervals, note = parse_week("Po–Pá 8:00–16:00; jinak po domluvě\nv srpnu zavřeno")
    assert format_week(intervals) == "Po–Pá 8:00–16:00"
    assert note == "jinak po domluvě\nv srpnu zavřeno"
    assert format_week_and_note(intervals, note) == "Po–Pá 8:00–16:00\njinak po domluvě\nv srpnu zavřeno"


@pytest.mark.parametrize("bad", ["Po 25:00–26:00", "Po 16:00–8:00", "Pá–Po 8:00–9:00", "denně 8:00–9:00",
                                 "Po 8:00–12:00, 11:00–13:00"])
def test_impossible_hours_are_not_taken_as_hours(bad):
    intervals, note = parse_week(bad)
    assert intervals == [] and note == bad


def test_week_from_seven_days_and_back():
    from db.directory.opening_hours import days_from_week, week_from_days
    days = ("8:00–17:00", "8-14", "8.00-17.00", "8:00–14:00", "8:00–12:00", "", "")
    week = week_from_days(days)
    assert week == "Po, St 8:00–17:00; Út, Čt 8:00–14:00; Pá 8:00–12:00"
    assert days_from_week(week) == ("8:00–17:00", "8:00–14:00", "8:00–17:00", "8:00–14:00", "8:00–12:00", "", "")
    assert days_from_week("") == ("",) * 7
    with pytest.raises(ValueError, match="^Středa: "):
        week_from_days(("", "", "12:00–8:00"))
