"""Translations and locale formatting for the whole product (core, CLI, GUI, memos).

One mechanism everywhere: gettext catalogs (``resources/locale/<lang>/*.po``) read with Babel. Every ``.po``
file of a language is merged into one catalog, so each part of the product keeps its own file. Messages use
``str.format`` placeholders (``{reference}``); a test checks that every message has a French and a Spanish
translation with the same placeholders.

``_`` translates into the current UI language; the memo renderer asks for an explicit language with
``translator(lang)``.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from ecodesk.resources import resource_path

LANGUAGES: tuple[str, ...] = ("en", "fr", "es")
LANGUAGE_NAMES: dict[str, str] = {"en": "English", "fr": "Français", "es": "Español"}

# Dates: one way per language, day month year as international organizations write them ("5 Mar 2026", not
# "Mar 5, 2026"). Screens (lists, date fields, the wizard) use the medium format; sentences the long one.
DATE_LOCALES: dict[str, str] = {"en": "en_GB", "fr": "fr_FR", "es": "es_ES"}

_current = "en"
_catalogs: dict[str, dict[str, str | tuple[str, ...]]] = {}
_plurals: dict[str, Callable[[int], int]] = {}
_lock = threading.Lock()


def N_(message: str) -> str:
    """Mark a message for extraction without translating it now (translate it where it is shown)."""
    return message


def normalize_language(lang: str | None) -> str:
    """Return one of LANGUAGES for a code such as 'fr', 'fr_FR' or 'es-PA'; 'en' when unknown."""
    if not lang:
        return "en"
    code = lang.replace("-", "_").split("_")[0].lower()
    return code if code in LANGUAGES else "en"


def _load_catalog(lang: str) -> dict[str, str | tuple[str, ...]]:
    with _lock:
        if lang in _catalogs:
            return _catalogs[lang]
        messages: dict[str, str | tuple[str, ...]] = {}
        directory = resource_path("locale", lang)
        if lang != "en" and directory.is_dir():
            from babel.messages.pofile import read_po  # imported lazily: start-up time matters

            for po_file in sorted(directory.glob("*.po")):
                with po_file.open("rb") as fh:
                    catalog = read_po(fh, locale=lang)
                if catalog.plural_expr:
                    import gettext

                    _plurals[lang] = gettext.c2py(catalog.plural_expr)
                for message in catalog:
                    if not message.id or message.fuzzy:
                        continue
                    if isinstance(message.id, tuple | list):
                        strings = tuple(str(text) for text in (message.string or ()))
                        if all(strings):
                            messages[message.id[0]] = strings
                    elif message.string:
                        messages[message.id] = str(message.string)
        _catalogs[lang] = messages
        return messages


class Translator:
    """Translations into one fixed language, independent of the UI language (used by memos and reports)."""

    def __init__(self, lang: str) -> None:
        self.lang = normalize_language(lang)

    def gettext(self, message: str, /, **params: Any) -> str:
        translated = _load_catalog(self.lang).get(message, message)
        text = translated if isinstance(translated, str) else translated[0]
        return text.format(**params) if params else text

    def ngettext(self, singular: str, plural: str, n: int, /, **params: Any) -> str:
        forms = _load_catalog(self.lang).get(singular)
        if isinstance(forms, tuple):
            index = int(_plurals.get(self.lang, _one_or_other)(n))
            text = forms[min(index, len(forms) - 1)]
        else:
            text = singular if n == 1 else plural
        return text.format(n=self.format_number(n), **params)

    def format_date(self, value: dt.date | None, fmt: str = "medium") -> str:
        if value is None:
            return ""
        from babel.dates import format_date

        return french_first(format_date(value, format=fmt, locale=date_locale(self.lang)), value, self.lang)

    def format_datetime(self, value: dt.datetime | None, fmt: str = "medium") -> str:
        if value is None:
            return ""
        from babel.dates import format_datetime

        return format_datetime(value, format=fmt, locale=date_locale(self.lang))

    def format_number(self, value: int | float | Decimal) -> str:
        from babel.numbers import format_decimal

        return format_decimal(value, locale=self.lang)

    def format_size(self, size: int) -> str:
        units = [N_("{size} bytes"), N_("{size} KB"), N_("{size} MB"), N_("{size} GB")]
        amount: float = float(size)
        for unit in units:
            if amount < 1024 or unit is units[-1]:
                shown = self.format_number(round(amount, 1) if unit is not units[0] else int(amount))
                return self.gettext(unit, size=shown)
            amount /= 1024
        raise AssertionError("unreachable")


def french_first(formatted: str, value: dt.date, lang: str) -> str:
    """French writes the first day of a month as an ordinal: "1er juillet 2026" (Babel gives "1 juillet")."""
    if lang != "fr" or value.day != 1:
        return formatted
    import re

    return re.sub(r"(?<!\d)1(?= [^\d\s])", "1er", formatted, count=1)


def _one_or_other(n: int) -> int:
    return int(n != 1)


def translator(lang: str | None = None) -> Translator:
    """A translator for ``lang``, or for the current UI language."""
    return Translator(lang or _current)


def set_language(lang: str) -> None:
    """Switch the language of every message shown from now on (the GUI also installs Qt's translator, which
    makes every widget re-apply its texts)."""
    global _current
    _current = normalize_language(lang)


def get_language() -> str:
    return _current


def _(message: str, /, **params: Any) -> str:
    """Translate ``message`` into the current language and fill its ``{placeholders}``."""
    return Translator(_current).gettext(message, **params)


def ngettext(singular: str, plural: str, n: int, /, **params: Any) -> str:
    return Translator(_current).ngettext(singular, plural, n, **params)


def format_date(value: dt.date | None, fmt: str = "medium") -> str:
    return Translator(_current).format_date(value, fmt)


def format_number(value: int | float | Decimal) -> str:
    return Translator(_current).format_number(value)


def date_locale(lang: str | None = None) -> str:
    """The locale whose date formats ``lang`` uses (the UI language by default), e.g. ``en_GB`` for English."""
    lang = normalize_language(lang or _current)
    return DATE_LOCALES.get(lang, lang)


def date_field_pattern(lang: str | None = None) -> str:
    """The medium date format as a date field's display pattern (Qt's ``yyyy`` for the year): a date typed in a
    field reads as the same date in a list."""
    import re

    from babel.dates import get_date_format

    pattern = str(get_date_format("medium", locale=date_locale(lang)).pattern)
    return re.sub(r"(?<![y])y+(?![y])", "yyyy", pattern)
