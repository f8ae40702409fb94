"""The deadline rule as tables worked out by hand from the decrees, and its properties.

Every expected date below was counted on paper from the official lists, not from klipctl:
- 2024: SKB 3 Menteri on libur nasional and cuti bersama 2024, plus Keppres 2024 making
  14 February (pemilu) and 27 November (pilkada) holidays;
- 2025: SKB 2025 as revised (cuti bersama 18 August added);
- 2026: SKB 2026 (libur nasional 17 dates; cuti bersama 16 Feb, 18 Mar, 20/23/24 Mar, 15 May,
  28 May, 24 Dec);
- 2027: SKB 2027 for 1 January (Friday) and Isra Mikraj on Tuesday 5 January, as listed in
  holidays 0.109; the decree text itself could not be checked offline.
"Day n" is the n-th working day counted; "off" a day skipped.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from klipctl.domain.model import JAKARTA
from klipctl.domain.workdays import (
    DeadlineRule,
    OfficeDay,
    WorkCalendar,
    explain,
    office_days,
)
from klipctl.storage.holidaycache import NationalCalendar

NATIONAL = NationalCalendar("id", None)
CAL = WorkCalendar.from_years(NATIONAL)
DEFAULT = DeadlineRule()
COUNTS = DeadlineRule(receipt_day_counts=True)


def at(day: str, clock: str = "09:00") -> datetime:
    return datetime.combine(date.fromisoformat(day), time.fromisoformat(clock), JAKARTA)


def closed(*days: str) -> dict[date, OfficeDay]:
    return {date.fromisoformat(d): OfficeDay(date.fromisoformat(d), "tutup", False) for d in days}


def working(*days: str) -> dict[date, OfficeDay]:
    return {date.fromisoformat(d): OfficeDay(date.fromisoformat(d), "kerja", True) for d in days}


# (assigned, office changes, deadline under the default rule, deadline when receipt day counts)
CASES = [
    # Every weekday in a quiet fortnight (October 2026 has no holiday until 24 December).
    # Default: Mon 5 not counted; Tue 6..Fri 9 days 1-4, Mon 12..Fri 16 days 5-9, Mon 19 day 10.
    # Receipt counts: Mon 5 day 1 ... Fri 16 day 10.
    ("2026-10-05", {}, "2026-10-19", "2026-10-16"),
    # Tue 6: W7-F9 1-3, 12-16 4-8, M19 9, T20 10. Counts: T6 1 ... M19 10.
    ("2026-10-06", {}, "2026-10-20", "2026-10-19"),
    ("2026-10-07", {}, "2026-10-21", "2026-10-20"),  # same pattern, one day on
    ("2026-10-08", {}, "2026-10-22", "2026-10-21"),
    # Fri 9: 12-16 days 1-5, 19-23 days 6-10. Counts: F9 1, 12-16 2-6, 19-22 7-10.
    ("2026-10-09", {}, "2026-10-23", "2026-10-22"),
    # Weekends: counting starts Monday 12 under both rules; F23 is day 10.
    ("2026-10-10", {}, "2026-10-23", "2026-10-23"),
    # The example: Sunday 4 October, Mon 5 day 1 ... Fri 16 day 10.
    ("2026-10-04", {}, "2026-10-16", "2026-10-16"),
    # The example: Tue 17 March 2026. Off: 18 cuti bersama Nyepi, 19 Nyepi, 20 cuti
    # bersama Idul Fitri, 21-22 Idul Fitri (weekend), 23-24 cuti bersama. W25 1, T26 2, F27 3,
    # M30 4, T31 5, W1 6, T2 7, F3 Good Friday off, M6 8, T7 9, W8 10.
    # Counts: T17 1, W25 2 ... T2 8, M6 9, T7 10.
    ("2026-03-17", {}, "2026-04-08", "2026-04-07"),
    # Assigned on cuti bersama Mon 23 March 2026: W25 1 ... W8 April 10 under both rules.
    ("2026-03-23", {}, "2026-04-08", "2026-04-08"),
    # Idul Fitri 2025, Thu 27 March: F28 cuti bersama Nyepi, 29 Nyepi (Sat), 31 Mar-1 Apr Idul
    # Fitri, 2/3/4/7 Apr cuti bersama. T8 1, W9 2, T10 3, F11 4, M14 5, T15 6, W16 7, T17 8,
    # F18 Good Friday off, M21 9, T22 10. Counts: T27 1, T8 2 ... T17 9, M21 10.
    ("2025-03-27", {}, "2025-04-22", "2025-04-21"),
    # Assigned on cuti bersama Wed 2 April 2025: T8 1 ... T22 10 under both rules.
    ("2025-04-02", {}, "2025-04-22", "2025-04-22"),
    # The example: Fri 15 August 2025. M18 cuti bersama (revised SKB) off; T19 1, W20 2,
    # T21 3, F22 4, M25-F29 5-9, M1 Sep 10. Counts: F15 1, T19 2 ... F29 10.
    ("2025-08-15", {}, "2025-09-01", "2025-08-29"),
    # Pemilu 2024 (Keppres): Mon 5 Feb: T6 1, W7 2, T8 Isra Mikraj off, F9 cuti bersama Imlek
    # off, M12 3, T13 4, W14 pemilu off, T15 5, F16 6, M19 7, T20 8, W21 9, T22 10.
    # Counts: M5 1, T6 2, W7 3, M12 4, T13 5, T15 6, F16 7, M19 8, T20 9, W21 10.
    ("2024-02-05", {}, "2024-02-22", "2024-02-21"),
    # Year end 2024 to 2025, Mon 23 Dec: T24 1, W25 Natal, T26 cuti bersama, F27 2, M30 3,
    # T31 4, W1 Jan off, T2 5, F3 6, M6 7, T7 8, W8 9, T9 10. Counts: M23 1 ... W8 10.
    ("2024-12-23", {}, "2025-01-09", "2025-01-08"),
    # Year end 2025 to 2026, Wed 24 Dec: T25 Natal, F26 cuti bersama, M29 1, T30 2, W31 3,
    # T1 Jan off, F2 4, M5 5, T6 6, W7 7, T8 8, F9 9, M12 10. Counts: W24 1, M29 2 ... F9 10.
    ("2025-12-24", {}, "2026-01-12", "2026-01-09"),
    # Into 2026's Isra Mikraj, Fri 9 Jan: M12-T15 1-4, F16 off, M19-F23 5-9, M26 10.
    # Counts: F9 1, M12-T15 2-5, M19-F23 6-10.
    ("2026-01-09", {}, "2026-01-26", "2026-01-23"),
    # Year end 2026 to 2027, Wed 23 Dec: T24 cuti bersama, F25 Natal, M28 1, T29 2, W30 3, T31 4,
    # F1 Jan off, M4 5, T5 Isra Mikraj off, W6 6, T7 7, F8 8, M11 9, T12 10.
    # Counts: W23 1, M28 2 ... F8 9, M11 10.
    ("2026-12-23", {}, "2027-01-12", "2027-01-11"),
    # Office closure Wed 7 Oct 2026 on the quiet fortnight: Mon 5 → one day later, T20.
    # Counts: M5 1, T6 2, T8 3, F9 4, 12-16 5-9, M19 10.
    ("2026-10-05", closed("2026-10-07"), "2026-10-20", "2026-10-19"),
    # Office working Saturday 10 Oct: T6-F9 1-4, S10 5, M12-F16 6-10. Counts: M5 1 ... T15 10.
    ("2026-10-05", working("2026-10-10"), "2026-10-16", "2026-10-15"),
    # Office works on cuti bersama Mon 23 Mar 2026 (a removal): M23 1, W25 2, T26 3, F27 4,
    # M30 5, T31 6, W1 7, T2 8, M6 9, T7 10. Counts: T17 1, M23 2 ... M6 10.
    ("2026-03-17", working("2026-03-23"), "2026-04-07", "2026-04-06"),
    # 18 August 2025 removed again (as the SKB stood before its revision): M18 1 ... F29 10.
    # Counts: F15 1, M18 2 ... T28 10.
    ("2025-08-15", working("2025-08-18"), "2025-08-29", "2025-08-28"),
    # Office closed over the year end, Mon 29 and Tue 30 Dec 2025 (from the 24 Dec case):
    # W31 1, F2 2, M5-F9 3-7, M12 8, T13 9, W14 10. Counts: W24 1, W31 2 ... T13 10.
    ("2025-12-24", closed("2025-12-29", "2025-12-30"), "2026-01-14", "2026-01-13"),
]


@pytest.mark.parametrize(("assigned", "office", "default", "counts"), CASES)
def test_deadline_table(assigned: str, office: dict, default: str, counts: str) -> None:
    cal = CAL.with_office_days(office)
    assert cal.deadline(at(assigned), DEFAULT) == date.fromisoformat(default)
    assert cal.deadline(at(assigned), COUNTS) == date.fromisoformat(counts)


# (assigned at, office hours end, receipt counts, deadline)
AFTER_HOURS = [
    # Tue 6 Oct 2026 at 17:00, office hours end 16:00: received Wed 7. Default: T8 1, F9 2,
    # 12-16 3-7, M19 8, T20 9, W21 10. Counts: W7 1, T8 2, F9 3, 12-16 4-8, M19 9, T20 10.
    ("2026-10-06T17:00", "16:00", False, "2026-10-21"),
    ("2026-10-06T17:00", "16:00", True, "2026-10-20"),
    # Before the end of office hours nothing moves: the weekday table above.
    ("2026-10-06T15:59", "16:00", False, "2026-10-20"),
    # Friday 9 Oct after hours counts as received Sat 10, like an assignment that Saturday:
    # M12 1, T13 2, W14 3, T15 4, F16 5, M19 6, T20 7, W21 8, T22 9, F23 10.
    ("2026-10-09T16:30", "16:00", False, "2026-10-23"),
    # After hours on a Saturday changes nothing: counting starts Monday anyway.
    ("2026-10-10T20:00", "16:00", False, "2026-10-23"),
]


@pytest.mark.parametrize(("moment", "end", "counts", "expected"), AFTER_HOURS)
def test_office_hours(moment: str, end: str, counts: bool, expected: str) -> None:
    rule = DeadlineRule(10, counts, time.fromisoformat(end))
    when = datetime.fromisoformat(moment).replace(tzinfo=JAKARTA)
    assert CAL.deadline(when, rule) == date.fromisoformat(expected)


def test_years_the_package_has_not_settled_are_flagged() -> None:
    assert NATIONAL(2026).uncertain is None
    assert NATIONAL(2025).uncertain is None
    assert NATIONAL(2027).uncertain == "estimated"  # Idul Fitri and Idul Adha 2027 "(perkiraan)"
    assert NATIONAL(2028).uncertain == "no_joint_estimated"  # no SKB 2028 yet
    assert CAL.uncertain_years(date(2026, 12, 23), date(2027, 1, 12)) == {2027: "estimated"}


def test_office_changes_fold() -> None:
    from klipctl.domain.workdays import CalendarChange

    now = at("2026-01-02")
    d = date(2026, 8, 18)
    changes = [
        CalendarChange("add", d, "A", False, "", "budi", now),
        CalendarChange("remove", d, "A", False, "x", "budi", now),
        CalendarChange("add", d, "B", True, "", "budi", now),
    ]
    assert office_days(changes) == {d: OfficeDay(d, "B", True, "")}
    assert office_days(changes[:2]) == {}


# --- properties ---------------------------------------------------------------------------------

moments = st.datetimes(
    min_value=datetime(2024, 1, 1), max_value=datetime(2027, 6, 30), timezones=st.just(JAKARTA)
)
rules = st.builds(
    DeadlineRule,
    days=st.integers(1, 30),
    receipt_day_counts=st.booleans(),
    office_hours_end=st.sampled_from([None, time(16, 0), time(17, 30)]),
)
closures = st.lists(st.dates(date(2024, 1, 1), date(2027, 12, 31)), max_size=6)


@settings(max_examples=200, deadline=None)
@given(moments, rules, closures)
def test_the_deadline_is_a_working_day(when: datetime, rule: DeadlineRule, off: list) -> None:
    cal = CAL.with_office_days({d: OfficeDay(d, "x", False) for d in off})
    assert cal.is_working_day(cal.deadline(when, rule))


@settings(max_examples=200, deadline=None)
@given(moments, st.integers(1, 30))
def test_n_minus_one_working_days_strictly_between(when: datetime, n: int) -> None:
    rule = DeadlineRule(days=n)
    received = when.date()
    deadline = CAL.deadline(when, rule)
    between = sum(
        1
        for k in range(1, (deadline - received).days)
        if CAL.is_working_day(received + timedelta(days=k))
    )
    assert between == n - 1


@settings(max_examples=200, deadline=None)
@given(moments, st.timedeltas(timedelta(0), timedelta(days=40)), rules)
def test_a_later_receipt_never_gives_an_earlier_deadline(
    when: datetime, later: timedelta, rule: DeadlineRule
) -> None:
    assert CAL.deadline(when + later, rule) >= CAL.deadline(when, rule)


@settings(max_examples=200, deadline=None)
@given(moments, rules, closures, st.dates(date(2024, 1, 1), date(2027, 12, 31)))
def test_an_office_closure_never_gives_an_earlier_deadline(
    when: datetime, rule: DeadlineRule, off: list, extra: date
) -> None:
    before = CAL.with_office_days({d: OfficeDay(d, "x", False) for d in off})
    after = CAL.with_office_days({d: OfficeDay(d, "x", False) for d in [*off, extra]})
    assert after.deadline(when, rule) >= before.deadline(when, rule)


@settings(max_examples=100, deadline=None)
@given(moments, rules)
def test_the_explanation_counts_to_the_deadline(when: datetime, rule: DeadlineRule) -> None:
    steps = explain(CAL, when, rule)
    numbers = [s.number for s in steps if s.number is not None]
    assert numbers == list(range(1, rule.days + 1))
    assert steps[-1].info.day == CAL.deadline(when, rule)
    assert all(
        s.info.working == (s.number is not None)
        for s in steps
        if s.role not in ("received", "after_hours")
    )
