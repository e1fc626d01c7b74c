"""Explanations the rules produce, kept as message templates so each reader sees them in their language."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from pydantic import BaseModel, Field

from ecodesk.i18n import translator
from ecodesk.models import StatedReason


class Explanation(BaseModel):
    """A translatable sentence: an ``N_()`` template and its parameters (never confidential values).

    String parameters are message ids (translated in turn). Sentences about the complainant use the
    placeholders of ``ecodesk.models.forms_of_address.complainant_forms``, filled at rendering time.
    """

    template: str
    params: dict[str, str | int | dt.date] = Field(default_factory=dict)

    def render(self, lang: str | None = None, forms: dict[str, str] | None = None) -> str:
        """The sentence in ``lang`` (default: the current language), dates and numbers formatted for it;
        ``forms``: the complainant's grammatical forms (default: neutral)."""
        return render_reason(self.stored(), lang, forms)

    def stored(self) -> StatedReason:
        """The explanation as it is kept in the case (message id and typed arguments)."""
        reason = StatedReason(message=self.template)
        for key, value in self.params.items():
            if isinstance(value, dt.date):
                reason.dates[key] = value
            elif isinstance(value, int):
                reason.numbers[key] = value
            else:
                reason.terms[key] = value
        return reason


def render_reason(
    reason: StatedReason,
    lang: str | None = None,
    forms: dict[str, str] | None = None,
    date_format: Callable[[dt.date], str] | None = None,
) -> str:
    """A stored reason in ``lang``: terms translated, numbers and dates formatted for the language
    (``date_format``: how the caller writes dates, e.g. a memo's "23 November 2026")."""
    from ecodesk.models.forms_of_address import complainant_forms

    tr = translator(lang)
    values: dict[str, str] = complainant_forms(tr.lang, None) | (forms or {})
    write_date = date_format or (lambda value: written_date(value, tr.lang))
    values |= {key: write_date(value) for key, value in reason.dates.items()}
    values |= {key: tr.format_number(value) for key, value in reason.numbers.items()}
    values |= {key: tr.gettext(value) if value else value for key, value in reason.terms.items()}
    return tr.gettext(reason.message, **values)


def written_date(value: dt.date, lang: str) -> str:
    """A date as a sentence writes it: "5 October 2026" (international organizations' English), "1er juillet"."""
    from ecodesk.i18n import translator

    return translator(lang).format_date(value, "long")


def explain(template: str, /, **params: str | int | dt.date) -> Explanation:
    return Explanation(template=template, params=params)
