"""Text from outside never acts on the terminal (issue 12, point 4): control characters are refused in one-line
fields, and everything the command line prints shows control and bidi characters as visible escapes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from packages_support import introduce, make_case, new_vault

from ecodesk.crypto.identity import VaultIdentity
from ecodesk.display import has_control_characters, visible
from ecodesk.packages.export import export_package
from tests.conftest import CliRunner

# What must never reach a terminal raw: C0 (but tab and line feed), DEL, C1, bidi overrides/isolates/marks.
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
HOSTILE = "Mallory\x1b]52;c;ZWNobyBoaQ==\x07\r\x1b[2KImported package OK from HQ\x1b[0m"
BIDI_TITLE = "Invoice \u202eFDP.exe\u202c review"


def _case(title: str, **extra: object) -> str:
    return json.dumps({"kind": "retaliation", "title": title, "received_on": "2026-11-02",
                       "complainant": {"name": "Ama"}, **extra})


def test_visible_escapes_controls_and_bidi_and_keeps_ordinary_text() -> None:
    assert visible("a\x1b[2Kb\x07\r") == "a\\x1b[2Kb\\x07\\x0d"
    assert visible("x\u202ey\u2066z\u200f") == "x\\u202ey\\u2066z\\u200f"
    assert visible("\x9b31m\x7f") == "\\u009b31m\\u007f"
    assert visible("two\nlines\tand tab") == "two\\x0alines\\x09and tab"
    assert visible("two\nlines\tand tab", multiline=True) == "two\nlines\tand tab"
    assert visible("Ngozi Adébáyọ̀ — محمد — 日本") == "Ngozi Adébáyọ̀ — محمد — 日本"
    assert has_control_characters("a\tb") and has_control_characters("\x85") and not has_control_characters("é\u202e")


@pytest.mark.parametrize("bad", ["\x1b[31mRed", "Line\rOverwrite", "Bell\x07", "Two\nlines", "C1\x9b", "Del\x7f"])
def test_case_add_refuses_control_characters_in_titles_and_names(cli_vault: CliRunner, bad: str) -> None:
    titled = cli_vault("case", "add", "-", stdin=_case(bad))
    assert titled.code == 2
    assert titled.err.startswith("error: Field title: must not contain control characters")
    named = cli_vault("case", "add", "-", stdin=_case("Fine", complainant={"name": bad}))
    assert named.code == 2 and "complainant.name" in named.err
    assert not RAW.search(titled.err + named.err)
    assert "Fine" not in cli_vault("case", "list").out  # nothing was stored


def test_bidi_characters_in_a_title_are_kept_but_printed_escaped(cli_vault: CliRunner) -> None:
    narrative = "Said:\x1b]52;c;aGk=\x07 then\r\x1b[2Kdone.\nSecond line\twith a tab, \u202eevil"
    added = cli_vault("case", "add", "-", "--json", stdin=_case(BIDI_TITLE, summary=narrative))
    assert added.code == 0, added.err
    reference = json.loads(added.out)["reference"]

    for args in (("case", "list"), ("case", "show", reference), ("search", "Invoice")):
        out = cli_vault(*args)
        assert out.code == 0, (args, out.err)
        assert not RAW.search(out.out + out.err), args
    shown = cli_vault("case", "show", reference).out
    assert "Invoice \\u202eFDP.exe\\u202c review" in shown
    assert "\\x1b]52;c;aGk=\\x07 then\\x0d\\x1b[2Kdone." in shown
    assert "\nSecond line\twith a tab" in shown  # multi-line narratives keep their line breaks and tabs

    as_json = cli_vault("case", "show", reference, "--json").out
    assert not RAW.search(as_json)
    document = json.loads(as_json)  # still valid JSON, and it decodes to the stored text
    assert document["title"] == BIDI_TITLE and document["summary"] == narrative


def _stranger_package(tmp_path: Path, name: str) -> tuple[Path, Path]:
    """A validly signed package to HQ from a vault HQ does not know, whose identity carries ``name``."""
    hq = new_vault(tmp_path, "HQ", "Maria Lopez")
    stranger = new_vault(tmp_path, "ABJ", "Kofi")
    stranger._settings.store_identity(VaultIdentity.generate(name, "ABJ"))
    introduce(stranger, hq, name_of_b="HQ Geneva", role="hq")
    case = make_case(stranger)
    out = tmp_path / "from-stranger.ecopkg"
    export_package(stranger, to=["HQ Geneva"], out=out, cases=[case.reference or ""])
    hq_path = hq.path
    hq.close()
    stranger.close()
    return hq_path, out


@pytest.mark.parametrize("name", [HOSTILE, "HQ \u202eavenèG\u202c Office"], ids=["escape-sequences", "bidi"])
def test_a_hostile_sender_name_never_reaches_the_terminal_raw(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    hq_path, package = _stranger_package(tmp_path, name)
    hq = CliRunner(hq_path, monkeypatch)
    refused = hq("package", "import", str(package))
    assert refused.code == 5
    assert refused.err.startswith("error: ")
    listed = hq("package", "list")
    listed_json = hq("package", "list", "--json")
    for output in (refused.out, refused.err, listed.out, listed_json.out, hq("package", "inspect", str(package)).err):
        assert not RAW.search(output)
    json.loads(listed_json.out)
    if "\u202e" in name:  # a bidi name is allowed in an identity, so the refusal names the sender, escaped
        assert "HQ \\u202eavenèG\\u202c Office" in refused.err
    else:  # a sender name with control characters makes the manifest invalid: refused before it is shown
        assert refused.err.startswith("error: The package") and "Mallory" not in refused.err


def test_a_title_stored_by_an_older_version_with_control_characters_still_reads_and_prints_escaped(
    cli_vault: CliRunner, vault_path: Path
) -> None:
    from ecodesk.storage.vault import Vault
    from tests.conftest import PASSPHRASE

    reference = json.loads(cli_vault("case", "add", "-", "--json", stdin=_case("Plain")).out)["reference"]
    with Vault.open(vault_path, PASSPHRASE) as vault:  # what an older version could have stored
        body = json.loads(vault.db.scalar("SELECT body FROM records WHERE reference = ?", (reference,)))
        body["title"] = "Old\x1b[2Ktitle"
        with vault.db.transaction():
            vault.db.execute("UPDATE records SET body = ?, title = ? WHERE reference = ?",
                             (json.dumps(body), body["title"], reference))
    for args in (("case", "show", reference), ("case", "list")):
        result = cli_vault(*args)
        assert result.code == 0, result.err
        assert "Old\\x1b[2Ktitle" in result.out and not RAW.search(result.out)
