"""Explanations the rules produce, kept as message templates so each reader sees them in their language."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

from ecodesk.i18n import translator


class Explanation(BaseModel):
    """A translatable sentence: an ``N_()`` template and its parameters (never confidential values)."""

    template: str
    params: dict[str, str | int | dt.date] = Field(default_factory=dict)

    def render(self, lang: str | None = None) -> str:
        """The sentence in ``lang`` (default: the current language), dates and numbers formatted for it."""
        tr = translator(lang)
        values: dict[str, str] = {}
        for key, value in self.params.items():
            if isinstance(value, dt.date):
                values[key] = tr.format_date(value)
            elif isinstance(value, int):
                values[key] = tr.format_number(value)
            else:
                values[key] = tr.gettext(value) if value else value
        return tr.gettext(self.template, **values)


def explain(template: str, /, **params: str | int | dt.date) -> Explanation:
    return Explanation(template=template, params=params)
