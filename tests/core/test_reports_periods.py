"""Report periods as users type them; every mistake named in the message."""

from __future__ import annotations

import datetime as dt

import pytest

from ecodesk.errors import InvalidInput
from ecodesk.i18n import translator
from ecodesk.reports.periods import parse_period, period_between, period_from_text


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2026", dt.date(2026, 1, 1), dt.date(2026, 12, 31)),
        ("2026-Q3", dt.date(2026, 7, 1), dt.date(2026, 9, 30)),
        ("2026-q1", dt.date(2026, 1, 1), dt.date(2026, 3, 31)),
        ("2026-H2", dt.date(2026, 7, 1), dt.date(2026, 12, 31)),
        ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
        ("2026-01..2026-03", dt.date(2026, 1, 1), dt.date(2026, 3, 31)),
        ("2026-01-15..2026-02-10", dt.date(2026, 1, 15), dt.date(2026, 2, 10)),
    ],
)
def test_accepted_forms(text: str, start: dt.date, end: dt.date) -> None:
    period = period_from_text(text)
    assert (period.start, period.end) == (start, end)


@pytest.mark.parametrize("text", ["2026-Q5", "2026-13", "26", "last year", "2026-H3", ""])
def test_refused_periods_name_the_text(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_period(text)
    assert caught.value.exit_code == 2
    assert f"The period {text.strip()} is not valid" in str(caught.value)


def test_refused_dates_and_reversed_ranges() -> None:
    with pytest.raises(InvalidInput, match="2026-02-30 is not valid"):
        period_between("2026-02-30", "2026-03-01")
    with pytest.raises(InvalidInput, match=r"starts \(2026-05-01\) after it ends \(2026-04-30\)"):
        period_between("2026-05-01", "2026-04-30")
    with pytest.raises(InvalidInput, match="longer than ten years"):
        period_between("2000-01-01", "2026-12-31")


def test_a_range_that_is_a_quarter_is_called_a_quarter() -> None:
    assert period_between("2026-07-01", "2026-09-30").label == "2026-Q3"
    assert period_between("2026-07", "2026-07").label == "2026-07"
    assert not period_between("2026-07-02", "2026-09-30").whole_months


def test_months_of_a_period() -> None:
    assert parse_period("2026-Q4").months() == ["2026-10", "2026-11", "2026-12"]
    assert period_between("2025-12-20", "2026-01-05").months() == ["2025-12", "2026-01"]


def test_titles_in_each_language() -> None:
    assert parse_period("2026-Q3").title(translator("en")) == "Quarter 3 2026"
    assert parse_period("2026-07").title(translator("fr")) == "Juillet 2026"
    assert parse_period("2026-07").title(translator("es")) == "Julio 2026"
