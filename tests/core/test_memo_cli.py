"""``ecodesk memo REF ...`` and ``ecodesk memo verify FILE``: outputs, exit codes, error messages."""

from __future__ import annotations

import json
from pathlib import Path

from memo_support import NAMES, normalized, pdf_text

from ecodesk.memo.specimen import specimen_case


def _add_case(cli, tmp_path: Path) -> str:  # type: ignore[no-untyped-def]
    data = specimen_case().model_dump(mode="json")
    data.pop("reference")
    data.pop("id")
    (tmp_path / "case.json").write_text(json.dumps(data), encoding="utf-8")
    result = cli("case", "add", str(tmp_path / "case.json"))
    assert result.code == 0, result.err
    return result.out.strip()


def test_sign_then_verify(cli_vault, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    reference = _add_case(cli_vault, tmp_path)
    out = tmp_path / "memo.pdf"
    made = cli_vault("memo", reference, "--lang", "fr", "--out", str(out), "--sign", "--json")
    assert made.code == 0, made.err
    summary = json.loads(made.out)
    assert summary["signed"] and summary["language"] == "fr" and summary["reference"] == reference
    text = pdf_text(out.read_bytes(), tmp_path)
    assert "RAPPEL DES FAITS" in text and all(normalized(name) in text for name in NAMES)
    checked = cli_vault("memo", "verify", str(out))
    assert checked.code == 0, checked.err
    assert "Signature intact" in checked.out and "Signer: Awa Diop (DKR)" in checked.out
    assert "you (this vault's certificate)" in checked.out
    report = json.loads(cli_vault("memo", "verify", str(out), "--json").out)
    assert report["ok"] and report["signer_status"] == "this_vault"


def test_draft_is_the_default_and_warns_that_the_copy_is_not_encrypted(cli_vault, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    reference = _add_case(cli_vault, tmp_path)
    out = tmp_path / "draft.pdf"
    made = cli_vault("memo", reference, "--lang", "es", "--out", str(out))
    assert made.code == 0, made.err
    assert "not encrypted" in made.err
    assert "Borrador: sin firmar." in pdf_text(out.read_bytes(), tmp_path)
    checked = cli_vault("memo", "verify", str(out))
    assert checked.code == 1 and "Not signed" in checked.out


def test_altered_memo_fails_verification(cli_vault, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    reference = _add_case(cli_vault, tmp_path)
    out = tmp_path / "memo.pdf"
    assert cli_vault("memo", reference, "--out", str(out), "--sign").code == 0
    out.write_bytes(out.read_bytes().replace(b"/Title (Memorandum)", b"/Title (Memorandun)", 1))
    checked = cli_vault("memo", "verify", str(out))
    assert checked.code == 1 and "SIGNATURE BROKEN" in checked.out


def test_errors_and_exit_codes(cli_vault, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    reference = _add_case(cli_vault, tmp_path)
    missing_out = cli_vault("memo", reference)
    assert missing_out.code == 2 and "--out FILE" in missing_out.err
    unknown = cli_vault("memo", "RET-2026-DKR-0999", "--out", str(tmp_path / "x.pdf"))
    assert unknown.code == 4 and unknown.err.startswith("error: ")
    both = cli_vault("memo", reference, "--sign", "--draft", "--out", str(tmp_path / "x.pdf"))
    assert both.code == 2
    no_file = cli_vault("memo", "verify")
    assert no_file.code == 2 and "ecodesk memo verify FILE" in no_file.err
    (tmp_path / "note.txt").write_text("not a pdf", encoding="utf-8")
    not_pdf = cli_vault("memo", "verify", str(tmp_path / "note.txt"))
    assert not_pdf.code == 2 and "not a PDF" in not_pdf.err
    assert not (tmp_path / "x.pdf").exists()
    assert "Traceback" not in missing_out.err + unknown.err + no_file.err + not_pdf.err


def test_verify_works_without_a_vault(cli, cli_vault, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    reference = _add_case(cli_vault, tmp_path)
    out = tmp_path / "memo.pdf"
    assert cli_vault("memo", reference, "--out", str(out), "--sign").code == 0
    result = cli("--vault", str(tmp_path / "nowhere"), "memo", "verify", str(out), passphrase=None)
    assert result.code == 0, result.err
    assert "unknown: not you and not one of your contacts" in result.out
