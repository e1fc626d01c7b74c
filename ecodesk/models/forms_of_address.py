"""Forms of address (Ms/Mr/Mx, Mme/M., Sra./Sr.) and the grammatical forms of "the complainant" per language.

French and Spanish nouns and articles agree with the person's gender: "la plaignante / le plaignant",
"la denunciante / el denunciante", with "du" and "al" after a preposition. Mx or no form of address gives the
neutral forms ("la personne plaignante", "la persona denunciante"). This is grammar, like Babel's locale data,
so it is a table here rather than catalog messages; the sentences that use it are in the catalogs with the
placeholders ``{complainant}``, ``{Complainant}`` (sentence start), ``{of_complainant}`` and ``{to_complainant}``.
"""

from __future__ import annotations

from ecodesk.i18n import N_, Translator
from ecodesk.models.common import FormOfAddress

FORM_OF_ADDRESS_LABELS: dict[FormOfAddress, str] = {
    FormOfAddress.ms: N_("Ms"),
    FormOfAddress.mr: N_("Mr"),
    FormOfAddress.mx: N_("Mx"),
}

_NEUTRAL = "neutral"
# language -> gender -> (the complainant, of the complainant, to the complainant)
_COMPLAINANT: dict[str, dict[str, tuple[str, str, str]]] = {
    "en": {g: ("the complainant", "of the complainant", "to the complainant") for g in ("ms", "mr", _NEUTRAL)},
    "fr": {
        "ms": ("la plaignante", "de la plaignante", "à la plaignante"),
        "mr": ("le plaignant", "du plaignant", "au plaignant"),
        _NEUTRAL: ("la personne plaignante", "de la personne plaignante", "à la personne plaignante"),
    },
    "es": {
        "ms": ("la denunciante", "de la denunciante", "a la denunciante"),
        "mr": ("el denunciante", "del denunciante", "al denunciante"),
        _NEUTRAL: ("la persona denunciante", "de la persona denunciante", "a la persona denunciante"),
    },
}


def complainant_forms(language: str, form: FormOfAddress | None) -> dict[str, str]:
    """The placeholders a sentence about the complainant may use, in ``language`` and the right gender."""
    gender = form.value if form in (FormOfAddress.ms, FormOfAddress.mr) else _NEUTRAL
    the, of, to = _COMPLAINANT.get(language, _COMPLAINANT["en"])[gender]
    return {"complainant": the, "Complainant": the[:1].upper() + the[1:], "of_complainant": of, "to_complainant": to}


# Spanish puts the article before a title when speaking about someone: "presentada por la Sra. Adébáyọ̀".
_ARTICLES = {"es": {FormOfAddress.ms: "la ", FormOfAddress.mr: "el "}}


def addressed(t: Translator, name: str, form: FormOfAddress | None) -> str:
    """``name`` preceded by its form of address in the translator's language, as written about a third person
    ("Mme Ngozi Adébáyọ̀", "la Sra. Ngozi Adébáyọ̀")."""
    if not name or form is None:
        return name
    article = _ARTICLES.get(t.lang, {}).get(form, "")
    return f"{article}{t.gettext(FORM_OF_ADDRESS_LABELS[form])} {name}"
