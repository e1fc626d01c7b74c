"""Signed memos: pdfsig and pyHanko agree that the signature is valid, and both notice a change after signing."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from memo_support import pdfsig, stored_specimen
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

from ecodesk.crypto.identity import VaultIdentity
from ecodesk.errors import InvalidInput
from ecodesk.memo.render import render_memo
from ecodesk.memo.service import (
    UnassessedPoints,
    draft_memo,
    sign_memo,
    signed_memos,
    stored_memo,
    verify_memo_file,
)
from ecodesk.memo.signing import sign_pdf
from ecodesk.memo.specimen import specimen_case, specimen_settings
from ecodesk.memo.verify import SignerStatus, verify_memo
from ecodesk.models import AdviceCategory, AdviceRecord
from ecodesk.records.service import save_record
from ecodesk.storage.vault import Vault


def _append_update(pdf: bytes) -> bytes:
    """What a forger would do: add an incremental update after the signature."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    writer.root["/Lang"] = generic.TextStringObject("en")
    writer.update_root()
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_signed_memo_is_valid_for_pdfsig_and_pyhanko_and_recorded(vault: Vault, tmp_path: Path) -> None:
    case = stored_specimen(vault)
    memo = sign_memo(vault, case.reference or "", "fr")
    report = pdfsig(memo.pdf, tmp_path)
    assert "Signature is Valid." in report
    assert "Total document signed" in report and "Not total document signed" not in report
    assert "Signer Certificate Common Name: Awa Diop" in report
    check = verify_memo_file(vault, memo.pdf)
    assert check.ok and check.intact and check.unaltered
    assert check.signer_status == SignerStatus.this_vault and check.signer_name == "Awa Diop"
    # Kept in the vault and in the case history.
    [info] = signed_memos(vault, case.reference or "")
    assert info.sha256 == memo.sha256 and info.language == "fr"
    assert stored_memo(vault, info).pdf == memo.pdf
    [event] = [e for e in vault.audit.events(record_id=case.id) if e.action == "memo_signed"]
    assert memo.sha256 in str(event.detail) and vault.identity().public.fingerprint in str(event.detail)


def test_byte_changed_after_signing_is_flagged(vault: Vault, tmp_path: Path) -> None:
    memo = sign_memo(vault, stored_specimen(vault).reference or "", "en")
    forged = memo.pdf.replace(b"/Title (Memorandum)", b"/Title (Memorandun)", 1)
    assert forged != memo.pdf
    assert "Signature is Valid." not in pdfsig(forged, tmp_path)
    check = verify_memo_file(vault, forged)
    assert check.signed and not check.intact and not check.ok


def test_content_added_after_signing_is_flagged(vault: Vault, tmp_path: Path) -> None:
    memo = sign_memo(vault, stored_specimen(vault).reference or "", "es")
    forged = _append_update(memo.pdf)
    assert "Not total document signed" in pdfsig(forged, tmp_path)
    check = verify_memo_file(vault, forged)
    assert check.intact and not check.unaltered and not check.ok


def test_signer_is_recognized_among_contacts(vault: Vault) -> None:
    colleague = VaultIdentity.generate("Nguyễn Thị Hồng", "BKK")
    rendered = render_memo(specimen_case(), specimen_settings(), language="en", signed=True)
    pdf = sign_pdf(rendered.pdf, colleague.memo_private_key(), colleague.memo_certificate())
    unknown = verify_memo_file(vault, pdf)
    assert unknown.ok and unknown.signer_status == SignerStatus.unknown and unknown.signer_name == "Nguyễn Thị Hồng"
    contacts = vault.contacts
    contacts.add(colleague.public, name="Bangkok office", role="officer")
    assert verify_memo_file(vault, pdf).signer_status == SignerStatus.unverified_contact
    contacts.trust("Bangkok office", colleague.public.fingerprint)
    known = verify_memo_file(vault, pdf)
    assert known.signer_status == SignerStatus.verified_contact and known.contact_name == "Bangkok office"


def test_draft_is_not_signed_and_not_stored(vault: Vault) -> None:
    case = stored_specimen(vault)
    memo = draft_memo(vault, case.reference or "", "en")
    assert not memo.signed and not verify_memo(memo.pdf, []).signed
    assert signed_memos(vault, case.reference or "") == []


def test_memo_of_an_advice_record_is_refused(vault: Vault) -> None:
    import datetime as dt

    advice = save_record(
        vault, AdviceRecord(category=AdviceCategory.gifts, question="May I accept?", received_on=dt.date(2026, 1, 5))
    )
    with pytest.raises(InvalidInput):
        draft_memo(vault, advice.reference or "", "en")


def test_not_a_pdf_is_refused() -> None:
    with pytest.raises(InvalidInput):
        verify_memo(b"hello, this is not a PDF", [])


def test_vault_of_schema_1_upgrades_and_keeps_signed_memos(tmp_path: Path) -> None:
    import json
    import shutil

    from ecodesk.models import RetaliationCase

    fixtures = Path(__file__).resolve().parents[1] / "fixtures" / "vaults"
    expected = json.loads((fixtures / "schema-1.expected.json").read_text())
    shutil.copytree(fixtures / "schema-1", tmp_path / "old")
    vault = Vault.open(tmp_path / "old", expected["passphrase"])
    try:
        reference = next(ref for ref in expected["records"] if isinstance(vault.records.get(ref), RetaliationCase))
        with pytest.raises(UnassessedPoints) as refused:  # the old case was never assessed
            sign_memo(vault, reference, "en")
        assert "mandate" in refused.value.points and "determination" in refused.value.points
        memo = sign_memo(vault, reference, "en", confirm_unassessed=True)
        [info] = signed_memos(vault, reference)
        assert info.sha256 == memo.sha256 and verify_memo_file(vault, memo.pdf).ok
    finally:
        vault.close()
