from types import SimpleNamespace

from db.opening_hours import format_opening_hours, format_time


def rows(*triples):
    return [SimpleNamespace(weekday=d, opens=o, closes=c) for d, o, c in triples]


def test_workdays_with_lunch_break_compress_to_one_range():
    hours = rows(*[(d, "08:00", "12:00") for d in range(5)], *[(d, "13:00", "16:00") for d in range(5)])
    assert format_opening_hours(hours) == "Po–Pá 8:00–12:00, 13:00–16:00"


def test_a_different_day_splits_the_range_and_keeps_day_order():
    hours = rows(*[(d, "08:00", "12:00") for d in (0, 1, 3, 4)], *[(d, "13:00", "16:00") for d in (0, 1, 3, 4)],
                 (2, "08:00", "17:00"))
    assert format_opening_hours(hours) == "Po–Út, Čt–Pá 8:00–12:00, 13:00–16:00; St 8:00–17:00"


def test_single_days_weekend_and_nonstop():
    assert format_opening_hours(rows((0, "09:00", "11:30"), (3, "14:00", "18:00"))) == \
        "Po 9:00–11:30; Čt 14:00–18:00"
    assert format_opening_hours(rows((5, "10:00", "12:00"), (6, "10:00", "12:00"))) == "So–Ne 10:00–12:00"
    assert format_opening_hours(rows(*[(d, "00:00", "24:00") for d in range(7)])) == "nepřetržitě (24 hodin denně)"
    assert format_opening_hours([]) == ""


def test_time_without_leading_zero():
    assert format_time("08:05") == "8:05"
    assert format_time("12:00") == "12:00"
