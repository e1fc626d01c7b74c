"""French and Spanish: every message translated with its placeholders intact, and the CLI speaks the user's language."""

from __future__ import annotations

import json
import re

import pytest
from babel.messages.pofile import read_po

from ecodesk.catalogs import check, extract, placeholders
from ecodesk.resources import resource_path
from tests.conftest import CliRunner

FOUNDATION = ("ecodesk/cli/", "ecodesk/models/", "ecodesk/storage/", "ecodesk/crypto/")


def _in_foundation(problem: str) -> bool:
    where = problem.rsplit("(", 1)[-1]
    in_core = where.startswith("ecodesk/") and where.count("/") == 1
    return in_core or where.startswith(FOUNDATION)


def test_every_message_has_a_french_and_a_spanish_translation_with_the_same_placeholders() -> None:
    problems = check()
    assert problems == [], "\n".join(problems[:40])


def test_foundation_messages_are_translated() -> None:
    """The part of the check that covers the core, the CLI, the models, storage and crypto."""
    problems = [problem for problem in check() if _in_foundation(problem)]
    assert problems == [], "\n".join(problems)


def test_each_message_lives_in_the_catalog_of_its_folder() -> None:
    """``ecodesk/<area>/…`` → ``<area>.po`` and ``ecodesk/ui/<area>/…`` → ``ui-<area>.po``: no hand-kept table."""
    messages = extract()
    assert messages["Unlock EcoDesk"].area == "ui-vault"
    for lang in ("fr", "es"):
        misplaced = []
        for path in sorted(resource_path("locale", lang).glob("*.po")):
            with path.open("rb") as fh:
                for entry in read_po(fh, locale=lang):
                    key = entry.id[0] if isinstance(entry.id, tuple | list) else entry.id
                    if key in messages and messages[key].area != path.stem:
                        misplaced.append(f"{path.name}: {key!r} belongs in {messages[key].area}.po")
        assert misplaced == [], "\n".join(misplaced[:20])


def _argparse_entries(lang: str) -> list[tuple[object, object]]:
    with resource_path("locale", lang, "cli.po").open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    return [(m.id, m.string) for m in catalog if m.id and "argparse" in m.auto_comments]


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_argparse_translations_keep_their_percent_placeholders(lang: str) -> None:
    entries = _argparse_entries(lang)
    assert len(entries) >= 20
    for msgid, msgstr in entries:
        ids = msgid if isinstance(msgid, tuple) else (msgid,)
        texts = msgstr if isinstance(msgstr, tuple) else (msgstr,)
        expected = set().union(*(placeholders(i) for i in ids))
        for text in texts:
            assert text, f"{lang}: {msgid!r} is not translated"
            assert placeholders(text) == expected, f"{lang}: {msgid!r} -> {text!r}"
            names = expected - {""}
            positional = len(re.findall(r"%[sdr]", text))
            text % ({name: "x" for name in names} if names else ("x",) * positional)  # must not raise


@pytest.mark.parametrize(("lang", "expected"), [
    ("fr", "choix non valide : 'nope' (choisissez parmi"),
    ("es", "opción no válida: 'nope' (elija entre"),
])
def test_argparse_errors_are_translated(cli: CliRunner, lang: str, expected: str) -> None:
    result = cli("--lang", lang, "nope")
    assert result.code == 2
    assert expected in result.err


@pytest.mark.parametrize(("lang", "heading", "required"), [
    ("fr", "utilisation : ecodesk", "les arguments suivants sont obligatoires : ACTION"),
    ("es", "uso: ecodesk", "los siguientes argumentos son obligatorios: ACCIÓN"),
])
def test_argparse_usage_and_missing_arguments_are_translated(
    cli: CliRunner, lang: str, heading: str, required: str
) -> None:
    shown = cli("--lang", lang, "--help")
    assert shown.code == 0 and shown.out.startswith(heading)
    missing = cli("--lang", lang, "case")
    assert missing.code == 2 and required in missing.err


@pytest.mark.parametrize(("lang", "expected"), [
    ("fr", "error: Phrase secrète incorrecte, ou ce n'est pas un coffre-fort chiffré EcoDesk.\n"),
    ("es", "error: Frase de contraseña incorrecta, o no es una bóveda cifrada de EcoDesk.\n"),
])
def test_wrong_passphrase_is_reported_in_the_chosen_language(
    cli_vault: CliRunner, lang: str, expected: str
) -> None:
    result = cli_vault("--lang", lang, "case", "list", passphrase="not the passphrase")
    assert result.code == 3
    assert result.err == expected


@pytest.mark.parametrize(("lang", "expected"), [
    ("fr", "error: Champ received_on : date non valide (format attendu : AAAA-MM-JJ).\n"),
    ("es", "error: Campo received_on: fecha no válida (formato: AAAA-MM-DD).\n"),
])
def test_invalid_json_field_is_reported_in_the_chosen_language(
    cli_vault: CliRunner, lang: str, expected: str
) -> None:
    data = {"title": "Non-renewal", "complainant": {"name": "Awa"}, "received_on": "2026-13-40"}
    result = cli_vault("--lang", lang, "case", "add", "-", stdin=json.dumps(data))
    assert result.code == 2
    assert result.err == expected  # names the field, never echoes the value


@pytest.mark.parametrize(("lang", "header", "date"), [
    ("en", "Reference", "3 Feb 2026"),
    ("fr", "Référence", "3 févr. 2026"),
    ("es", "Referencia", "3 feb 2026"),
])
def test_case_list_dates_and_headers_follow_the_language(
    cli_vault: CliRunner, lang: str, header: str, date: str
) -> None:
    data = {"title": "Non-renewal", "complainant": {"name": "Awa"}, "received_on": "2026-02-03"}
    assert cli_vault("case", "add", "-", stdin=json.dumps(data)).code == 0
    result = cli_vault("--lang", lang, "case", "list")
    assert result.code == 0, result.err
    header_line, row = result.out.splitlines()[:2]
    assert header_line.startswith(header)
    assert date in row
