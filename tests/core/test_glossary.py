"""One vocabulary per language (resources/locale/glossary.json) and real plural forms in the catalogs."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from ecodesk import catalogs
from ecodesk.i18n import translator
from ecodesk.resources import resource_path

GLOSSARY = json.loads(resource_path("locale", "glossary.json").read_text(encoding="utf-8"))


def _translations(lang: str) -> list[tuple[str, str, str]]:
    """(catalog, msgid, translation) for every translated string of ``lang``, each plural form on its own."""
    found = []
    for path in sorted(resource_path("locale", lang).glob("*.po")):
        with path.open("rb") as fh:
            catalog = read_po(fh, locale=lang)
        for entry in catalog:
            if not entry.id:
                continue
            key = entry.id[0] if isinstance(entry.id, tuple | list) else entry.id
            strings = entry.string if isinstance(entry.string, tuple | list) else (entry.string,)
            found.extend((path.name, key, str(text)) for text in strings if text)
    return found


def forbidden_uses(lang: str, terms: list[dict[str, object]]) -> list[str]:
    rules = [(str(t["en"]), re.compile(rule)) for t in terms for rule in t[f"{lang}_forbidden"]]  # type: ignore[attr-defined]
    return [f"{name}: {text!r} (msgid {msgid!r}) uses a variant forbidden for {term!r}"
            for name, msgid, text in _translations(lang) for term, rule in rules if rule.search(text)]  # fmt: skip


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_catalogs_use_only_the_glossary_terms(lang: str) -> None:
    assert forbidden_uses(lang, GLOSSARY["terms"]) == []


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_a_glossary_term_is_translated_by_its_one_word(lang: str) -> None:
    """E.g. every message about the determination says "conclusion" in French, never "décision"."""
    wrong = []
    for term in GLOSSARY["terms"]:
        if "msgid" not in term:
            continue
        for name, msgid, text in _translations(lang):
            about_it = re.search(term["msgid"], re.sub(r"\{[^}]*\}", "", msgid))  # placeholders ignored
            if about_it and not re.search(term[f"{lang}_required"], text):
                wrong.append(f"{name}: {msgid!r} -> {text!r} lacks {term[lang]!r}")
    assert wrong == []


def test_the_glossary_catches_the_variants_the_issue_named() -> None:
    """The rules would have caught the old wording (so the test above can fail)."""
    terms = GLOSSARY["terms"]
    old_fr = ["Cas de représailles", "Nouveau cas", "Conseil", "Elément de preuve", "Evaluation", "Eléments",
              "Langue des mémos", "{done} élément(s) traité(s) sur {total}"]  # fmt: skip
    old_es = ["Este almacén", "Nombre del oficial", "Elemento de prueba", "Decisión: {label}", "{n} paquete(s)"]
    for lang, samples in (("fr", old_fr), ("es", old_es)):
        rules = [re.compile(r) for t in terms for r in t[f"{lang}_forbidden"]]
        for sample in samples:
            assert any(rule.search(sample) for rule in rules), sample


def test_sidebar_terms_follow_the_glossary() -> None:
    fr, es = translator("fr"), translator("es")
    assert fr.gettext("Cases") == "Dossiers" and fr.gettext("New case") == "Nouveau dossier"
    assert fr.gettext("Advice") == "Avis"
    assert es.gettext("Evidence") == "Prueba"


def test_plural_messages_have_real_plural_forms() -> None:
    fr, es = translator("fr"), translator("es")
    one = fr.ngettext("{done} of {total} item settled", "{done} of {total} items settled", 1, done=1, total=1)
    many = fr.ngettext("{done} of {total} item settled", "{done} of {total} items settled", 5, done=2, total=5)
    assert (one, many) == ("1 élément traité sur 1", "2 éléments traités sur 5")
    relied = ("Evidence relied on: {n} item", "Evidence relied on: {n} items")
    assert es.ngettext(*relied, 3) == "Pruebas en que se basa: 3"
    assert es.ngettext(*relied, 1) == "Prueba en que se basa: 1"


def test_catalog_check_reports_a_plural_message_without_plural_forms(tmp_path: Path, monkeypatch) -> None:
    copy = tmp_path / "resources"
    shutil.copytree(resource_path("locale"), copy / "locale")
    po = copy / "locale" / "fr" / "ui-wizard.po"
    text = po.read_text(encoding="utf-8")
    start = text.index('msgid "{done} of {total} item settled"')
    end = text.index("\n\n", start)
    po.write_text(text[:start] + 'msgid "{done} of {total} item settled"\nmsgstr "{done} sur {total}"' + text[end:],
                  encoding="utf-8")  # fmt: skip
    monkeypatch.setattr(catalogs, "resource_path", lambda *parts: copy.joinpath(*parts))
    problems = catalogs.check()
    assert any("plural message (ngettext) without plural forms" in p for p in problems), problems
