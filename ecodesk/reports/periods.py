"""Report periods: a year (``2026``), a half (``2026-H1``), a quarter (``2026-Q3``), a month (``2026-07``), or
any range of days given by its first and last day.

Every parse failure is an ``InvalidInput`` (exit code 2) whose message names the text that was refused and
the forms that are accepted.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from pydantic import BaseModel, model_validator

from ecodesk.errors import InvalidInput
from ecodesk.i18n import N_, Translator

MAX_MONTHS = 120  # a chart of more than ten years of months is unreadable; ask for a shorter period

_YEAR = re.compile(r"^(\d{4})$")
_HALF = re.compile(r"^(\d{4})-H([12])$", re.IGNORECASE)
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$", re.IGNORECASE)
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")

_PERIOD_FORMS = N_(
    "The period {value} is not valid: use a year (2026), a half-year (2026-H1), a quarter (2026-Q3) "
    "or a month (2026-07)."
)
_DATE_FORMS = N_("The date {value} is not valid: use YYYY-MM-DD (or YYYY-MM for a whole month).")


def _last_day(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _month_key(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


class Period(BaseModel):
    """Records received from ``start`` to ``end``, both included; ``label`` is the canonical text form."""

    start: dt.date
    end: dt.date
    label: str

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.start > self.end:
            raise ValueError("a period ends after it starts")
        return self

    def months(self) -> list[str]:
        """Every month the period touches, as ``YYYY-MM``."""
        keys, year, month = [], self.start.year, self.start.month
        while (year, month) <= (self.end.year, self.end.month):
            keys.append(f"{year:04d}-{month:02d}")
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return keys

    @property
    def whole_months(self) -> bool:
        """True when the period starts on a first and ends on a last day of a month."""
        return self.start.day == 1 and self.end == _last_day(self.end.year, self.end.month)

    def title(self, tr: Translator) -> str:
        """The period in words, in the translator's language (e.g. "3rd quarter 2026")."""
        if m := _QUARTER.match(self.label):
            return tr.gettext("Quarter {quarter} {year}", quarter=m.group(2), year=m.group(1))
        if m := _HALF.match(self.label):
            return tr.gettext("Half-year {half} {year}", half=m.group(2), year=m.group(1))
        if _YEAR.match(self.label):
            return tr.gettext("Year {year}", year=self.label)
        if _MONTH.match(self.label):
            from babel.dates import format_date

            return format_date(self.start, "MMMM y", locale=tr.lang).capitalize()
        return tr.gettext(
            "{start} to {end}", start=tr.format_date(self.start, "long"), end=tr.format_date(self.end, "long")
        )


def _checked(period: Period) -> Period:
    if len(period.months()) > MAX_MONTHS:
        raise InvalidInput(N_("The period is longer than ten years; choose a shorter one."))
    return period


def parse_period(text: str) -> Period:
    """``2026``, ``2026-H1``, ``2026-Q3`` or ``2026-07``; InvalidInput naming the text otherwise."""
    value = text.strip()
    try:
        if m := _YEAR.match(value):
            year = int(m.group(1))
            return Period(start=dt.date(year, 1, 1), end=dt.date(year, 12, 31), label=value)
        if m := _HALF.match(value):
            year, half = int(m.group(1)), int(m.group(2))
            return Period(
                start=dt.date(year, 6 * half - 5, 1), end=_last_day(year, 6 * half), label=f"{year}-H{half}"
            )
        if m := _QUARTER.match(value):
            year, quarter = int(m.group(1)), int(m.group(2))
            return Period(
                start=dt.date(year, 3 * quarter - 2, 1), end=_last_day(year, 3 * quarter), label=f"{year}-Q{quarter}"
            )
        if m := _MONTH.match(value):
            year, month = int(m.group(1)), int(m.group(2))
            return Period(start=dt.date(year, month, 1), end=_last_day(year, month), label=value)
    except ValueError:
        pass
    raise InvalidInput(_PERIOD_FORMS, value=value[:40])


def parse_day(text: str, *, end: bool = False) -> dt.date:
    """``YYYY-MM-DD``, or ``YYYY-MM`` meaning its first day (its last day when ``end``)."""
    value = text.strip()
    try:
        if m := _DAY.match(value):
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if m := _MONTH.match(value):
            year, month = int(m.group(1)), int(m.group(2))
            return _last_day(year, month) if end else dt.date(year, month, 1)
    except ValueError:
        pass
    raise InvalidInput(_DATE_FORMS, value=value[:40])


def period_between(start: str | dt.date, end: str | dt.date) -> Period:
    """The period from ``start`` to ``end`` (dates or texts as ``parse_day`` reads them)."""
    first = start if isinstance(start, dt.date) else parse_day(start)
    last = end if isinstance(end, dt.date) else parse_day(end, end=True)
    if first > last:
        raise InvalidInput(
            N_("The period starts ({start}) after it ends ({end})."), start=first.isoformat(), end=last.isoformat()
        )
    for label in (f"{first.year}", _month_key(first)):
        candidate = parse_period(label)
        if (candidate.start, candidate.end) == (first, last):
            return _checked(candidate)
    quarter = (first.month - 1) // 3 + 1
    candidate = parse_period(f"{first.year}-Q{quarter}")
    if (candidate.start, candidate.end) == (first, last):
        return candidate
    return _checked(Period(start=first, end=last, label=f"{first.isoformat()}..{last.isoformat()}"))


def period_from_text(text: str) -> Period:
    """A named period, or ``FROM..TO`` (each ``YYYY-MM-DD`` or ``YYYY-MM``)."""
    if ".." in text:
        start, _sep, end = text.partition("..")
        return period_between(start, end)
    return parse_period(text)


def current_year(today: dt.date) -> Period:
    return parse_period(str(today.year))


__all__ = ["MAX_MONTHS", "Period", "current_year", "parse_day", "parse_period", "period_between", "period_from_text"]
