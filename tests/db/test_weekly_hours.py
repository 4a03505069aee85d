import pytest

from db.weekly_hours import Interval, format_hours, format_hours_and_note, parse_hours


def test_split_intervals_and_day_ranges_round_trip():
    text = "Po–Pá 8:00–12:00, 13:00–16:00; So 9:00–11:00"
    intervals, note = parse_hours(text)
    assert note == ""
    assert Interval(0, "08:00", "12:00") in intervals and Interval(4, "13:00", "16:00") in intervals
    assert Interval(5, "09:00", "11:00") in intervals and len(intervals) == 11
    assert format_hours(intervals) == text


@pytest.mark.parametrize("typed, canonical", [
    ("po-pa 8.00-16.00", "Po–Pá 8:00–16:00"),
    ("Po, St 7:30–17:00; Út, Čt 7:30–15:00", "Po, St 7:30–17:00; Út, Čt 7:30–15:00"),
    ("Po–St, Pá 9:00–12:00", "Po–St, Pá 9:00–12:00"),
    ("ut 08:00 - 10:00", "Út 8:00–10:00"),
    ("Po–Ne 0:00–24:00", "Po–Ne 0:00–24:00"),
])
def test_loose_spellings_become_canonical(typed, canonical):
    intervals, note = parse_hours(typed)
    assert note == ""
    assert format_hours(intervals) == canonical


def test_text_that_is_not_hours_is_kept_as_note():
    intervals, note = parse_hours("Po–Pá 8:00–16:00; jinak po domluvě\nv srpnu zavřeno")
    assert format_hours(intervals) == "Po–Pá 8:00–16:00"
    assert note == "jinak po domluvě\nv srpnu zavřeno"
    assert format_hours_and_note(intervals, note) == "Po–Pá 8:00–16:00\njinak po domluvě\nv srpnu zavřeno"


@pytest.mark.parametrize("bad", ["Po 25:00–26:00", "Po 16:00–8:00", "Pá–Po 8:00–9:00", "denně 8:00–9:00",
                                 "Po 8:00–12:00, 11:00–13:00"])
def test_impossible_hours_are_not_taken_as_hours(bad):
    intervals, note = parse_hours(bad)
    assert intervals == [] and note == bad
