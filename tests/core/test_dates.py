"""Dates one way per language: the medium format on screens, day month year in every language."""

from __future__ import annotations

import datetime as dt

import pytest

from ecodesk.i18n import date_field_pattern, translator
from ecodesk.memo.content import memo_date

SEPTEMBER = dt.date(2026, 9, 5)


@pytest.mark.parametrize(("lang", "medium", "long"), [
    ("en", "5 Sept 2026", "5 September 2026"),
    ("fr", "5 sept. 2026", "5 septembre 2026"),
    ("es", "5 sept 2026", "5 de septiembre de 2026"),
])
def test_one_date_format_per_language(lang: str, medium: str, long: str) -> None:
    tr = translator(lang)
    assert tr.format_date(SEPTEMBER) == medium  # lists, Home, the wizard (not "Sep 5, 2026" in English)
    assert tr.format_date(SEPTEMBER, "long") == long  # a memo's sentences
    assert date_field_pattern(lang) == "d MMM yyyy"


def test_the_memo_writes_dates_with_the_same_function() -> None:
    class Context:
        t = translator("en")

    assert memo_date(Context(), SEPTEMBER, "medium") == translator("en").format_date(SEPTEMBER)  # type: ignore[arg-type]


def test_date_and_time_follow_the_same_order() -> None:
    import datetime as dt

    moment = dt.datetime(2026, 12, 4, 16, 36, 37)
    assert translator("en").format_datetime(moment) == "4 Dec 2026, 16:36:37"  # not "Dec 4, 2026, 4:36:37 PM"
