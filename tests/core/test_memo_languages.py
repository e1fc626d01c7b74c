"""One case printed in English, French and Spanish: every sentence in the memo's language (issue #14, point 1).

The text is extracted with pdftotext. What the officer typed (narratives, names, notes) is printed as typed and is
left out of the check; every other sentence must come from the memo's own catalog: no English message of the
assessment/memo/models catalogs may appear in the French or Spanish memo, and no French or Spanish translation
in the English memo.
"""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
from memo_support import normalized, pdf_text

from ecodesk.assessment.answers import answers_from_case
from ecodesk.catalogs import extract
from ecodesk.i18n import Translator
from ecodesk.memo.render import render_memo
from ecodesk.memo.specimen import specimen_case, specimen_settings
from ecodesk.models import Determination, FormOfAddress, OfficeSettings, RetaliationCase

AREAS = {"assessment", "memo", "models"}
LANGUAGES = ("en", "fr", "es")


def _fragments(message: str) -> list[str]:
    """The literal runs of a message (placeholders cut out) long enough to identify a sentence."""
    runs = [literal for literal, *_rest in string.Formatter().parse(message) if literal]
    found = []
    for run in runs:
        run = normalized(run).strip(" .,:;()[]")
        if len(run) >= 18 and len(run.split()) >= 3:
            found.append(run)
    return found


def _catalog_fragments() -> dict[str, set[str]]:
    """For each language, fragments of its messages that are not also the other languages' text."""
    texts: dict[str, set[str]] = {lang: set() for lang in LANGUAGES}
    for msgid, message in extract().items():
        if message.area not in AREAS:
            continue
        versions = {lang: Translator(lang).gettext(msgid) for lang in LANGUAGES}
        for lang, text in versions.items():
            others = {versions[o] for o in LANGUAGES if o != lang}
            if text not in others:
                texts[lang].update(_fragments(text))
    return texts


def _typed_by_the_officer(case: RetaliationCase, settings: OfficeSettings) -> list[str]:
    """Every value the officer typed: printed as typed, whatever the memo's language."""
    values = [case.title, case.summary, case.assessment.conclusion, case.assessment.recommendations]
    values += [settings.organization_name, settings.organization_name_fr, settings.organization_name_es]
    values += [settings.letterhead, settings.duty_station, settings.officer_title]
    # The officer's notes on the elements as typed in the wizard (not the stored reasoning: that is under test).
    values += list(answers_from_case(case).decision.element_notes.values())
    values += [m.details for m in case.assessment.measure_details]
    for item in [*case.protected_activities, *case.detrimental_actions]:
        values += [item.description, getattr(item, "reported_to", ""), getattr(item, "decision_maker", "")]
    for person in [case.complainant, *case.alleged_retaliators]:
        values += [person.name, person.position, person.office, getattr(person, "role", "")]
    for evidence in case.evidence:
        values += [evidence.title, evidence.source]
    paragraphs = [p for value in values for p in value.split("\n\n")]
    return sorted((normalized(p) for p in paragraphs if p.strip()), key=len, reverse=True)


def _memo_text(case: RetaliationCase, language: str, tmp_path: Path) -> str:
    settings = specimen_settings()
    text = pdf_text(render_memo(case, settings, language=language, signed=True).pdf, tmp_path)
    for typed in _typed_by_the_officer(case, settings):
        text = text.replace(typed, " ")
    return re.sub(r"\s+", " ", text)


def _variants() -> dict[str, RetaliationCase]:
    referred = specimen_case(paragraph_repeats=1)
    not_referred = referred.model_copy(
        update={
            "complainant": referred.complainant.model_copy(update={"form_of_address": FormOfAddress.mx}),
            "complainant_consents_to_disclosure": False,
            "assessment": referred.assessment.model_copy(update={"determination": Determination.out_of_mandate}),
        }
    )
    return {"referred": referred, "outside the mandate": not_referred}


@pytest.mark.parametrize("variant", ["referred", "outside the mandate"])
def test_every_sentence_of_each_memo_is_in_the_memos_language(variant: str, tmp_path: Path) -> None:
    case = _variants()[variant]
    fragments = _catalog_fragments()
    assert len(fragments["fr"]) > 100  # the check has something to check
    for language in LANGUAGES:
        text = _memo_text(case, language, tmp_path)
        foreign = sorted(
            fragment
            for other in LANGUAGES
            if other != language
            for fragment in fragments[other]
            if fragment in text and fragment not in fragments[language]
        )
        assert not foreign, f"{language} memo carries text of another language: {foreign}"


def test_the_check_catches_english_reasoning_in_a_french_memo(tmp_path: Path) -> None:
    case = specimen_case(paragraph_repeats=1)
    english = Translator("en").gettext("The stated reasons are weak or have shifted.")
    finding = case.assessment.contributing_factor.model_copy(update={"reasoning": english})
    case = case.model_copy(update={"assessment": case.assessment.model_copy(update={"contributing_factor": finding})})
    assert "The stated reasons are weak or have shifted" in _memo_text(case, "fr", tmp_path)


def test_the_english_reasoning_of_an_english_case_is_french_in_the_french_memo(tmp_path: Path) -> None:
    case = specimen_case(paragraph_repeats=1)
    assert case.language == "en"
    french = _memo_text(case, "fr", tmp_path)
    assert "Le bureau du contrôle interne a confirmé ce point le 12 mars 2026." in french
    assert "Le récit de la plaignante est corroboré par les documents obtenus." in french
    english = _memo_text(case, "en", tmp_path)
    assert "The internal oversight office confirmed this point on 12 March 2026." in english
