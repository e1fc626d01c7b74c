"""A date reads the same in a list, a record's date field and the wizard; the header says "revision N"."""

from __future__ import annotations

import datetime as dt

import pytest

from ecodesk.i18n import LANGUAGES, format_date, set_language, translator
from ecodesk.ui.records.fields import OptionalDateEdit
from ecodesk.ui.wizard.controls import OptionalDate

DAYS = [dt.date(2026, month, 5) for month in range(1, 13)]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_date_fields_show_what_the_lists_show(qtbot, lang: str) -> None:  # type: ignore[no-untyped-def]
    set_language(lang)
    try:
        field, wizard_field = OptionalDateEdit(), OptionalDate()
        qtbot.addWidget(field)
        qtbot.addWidget(wizard_field)
        for day in DAYS:
            field.set_value(day)
            wizard_field.set_value(day)
            assert field.edit.text() == format_date(day)  # e.g. "5 Sept 2026" in both, never "Sep" beside "Sept"
            assert wizard_field.edit.text() == format_date(day)
    finally:
        set_language("en")


def test_the_header_says_revision_in_every_language() -> None:
    words = {"en": "revision 3", "fr": "révision 3", "es": "revisión 3"}
    for lang, word in words.items():
        tr = translator(lang)
        assert tr.gettext("{reference} · revision {n}", reference="RET", n="3") == f"RET · {word}"
        assert tr.gettext("revision {n}", n="3") == word
        assert word in tr.gettext("{reference}, revision {n} (read-only)", reference="RET", n="3")
