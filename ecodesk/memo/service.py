"""Memos of a case in the vault: draft, sign (recorded in the case history), keep, verify.

The CLI and the GUI both call these functions. PDF bytes stay in memory; the only file ever written is the
one the user asks for (``save_memo_copy``), and that copy is not encrypted.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ecodesk.errors import EcoDeskError, InvalidInput
from ecodesk.i18n import N_, Translator
from ecodesk.memo import findings
from ecodesk.memo.render import render_memo
from ecodesk.memo.signing import sha256_hex, sign_pdf
from ecodesk.memo.verify import KnownSigner, MemoVerification, SignerStatus, verify_memo
from ecodesk.models import OfficeSettings, RetaliationCase
from ecodesk.models.memos import MemoInfo
from ecodesk.org.service import current_crl, signing_chain, trusted_root
from ecodesk.storage.atomic import atomic_write
from ecodesk.storage.vault import Vault

Progress = Callable[[int, int], bool]


@dataclass(frozen=True)
class Memo:
    """A memo in memory."""

    reference: str
    record_id: uuid.UUID
    language: str
    pdf: bytes
    pages: int
    signed: bool
    sha256: str


def memo_case(vault: Vault, reference: str) -> RetaliationCase:
    """The retaliation case a memo is written for. NotFound / InvalidInput (an advice record) otherwise."""
    record = vault.records.get(reference)
    if not isinstance(record, RetaliationCase):
        raise InvalidInput(
            N_("{reference} is a confidential advice record: memos are written for retaliation cases."),
            reference=record.reference,
        )
    return record


def _memo_settings(vault: Vault) -> OfficeSettings:
    settings = vault.settings
    if not settings.officer_name:
        # The name the vault's certificate was issued to, so the signature block and the signature agree.
        settings = settings.model_copy(update={"officer_name": vault.identity().public.name})
    return settings


def draft_memo(
    vault: Vault, reference: str, language: str, *, addressee: str = "", date: dt.date | None = None,
    interim: bool = False,
) -> Memo:  # fmt: skip
    """The memo with a DRAFT watermark on every page (for preview, review or a draft copy); ``interim``: the
    urgent interim-measures memo."""
    case = memo_case(vault, reference)
    rendered = render_memo(
        case, _memo_settings(vault), language=language, signed=False, addressee=addressee, date=date, interim=interim
    )
    return Memo(case.reference or "", case.id, language, rendered.pdf, rendered.pages, False, sha256_hex(rendered.pdf))


def unassessed_points(vault: Vault, reference: str) -> list[str]:
    """The points of the case's assessment not assessed yet (codes: mandate, timeliness, protected_activity,
    detrimental_action, contributing_factor, determination); a memo shows them as "not yet assessed"."""
    return findings.unassessed_points(memo_case(vault, reference))


def unassessed_labels(points: list[str], language: str) -> list[str]:
    """The points' names in ``language``."""
    t = Translator(language)
    return [t.gettext(findings.POINT_LABELS[point]) for point in points]


class UnassessedPoints(InvalidInput):
    """Signing asked for a memo whose assessment still has unassessed points, without confirming it."""

    def __init__(self, points: list[str]) -> None:
        super().__init__(
            N_("These points are not yet assessed: {points}. Confirm to sign the memo with them shown as such."),
            points=", ".join(points),
        )
        self.points = points

    def translated(self, lang: str | None = None) -> str:
        from ecodesk.i18n import translator

        tr = translator(lang)
        names = ", ".join(unassessed_labels(self.points, tr.lang))
        return tr.gettext(
            N_("These points are not yet assessed: {points}. Confirm to sign the memo with them shown as such."),
            points=names,
        )


def sign_memo(
    vault: Vault,
    reference: str,
    language: str,
    *,
    addressee: str = "",
    date: dt.date | None = None,
    progress: Progress | None = None,
    confirm_unassessed: bool = False,
    interim: bool = False,
) -> Memo:
    """Render the final memo, sign it (PAdES) with the vault's memo key, and keep it in the vault.

    One transaction stores the signed PDF and the ``memo_signed`` audit event (SHA-256, language, signer
    fingerprint). Raises NotFound, InvalidInput, UnassessedPoints (points not yet assessed and
    ``confirm_unassessed`` not given; the ``interim`` memo states no assessment, so it has none), or EcoDeskError
    if signing fails (nothing is stored then).
    """
    case = memo_case(vault, reference)
    points = [] if interim else findings.unassessed_points(case)  # the interim memo states no assessment
    if points and not confirm_unassessed:
        raise UnassessedPoints(points)
    if progress and not progress(0, 3):
        raise EcoDeskError(N_("Signing was cancelled. Nothing was saved."))
    rendered = render_memo(
        case, _memo_settings(vault), language=language, signed=True, addressee=addressee, date=date, interim=interim
    )
    if progress and not progress(1, 3):
        raise EcoDeskError(N_("Signing was cancelled. Nothing was saved."))
    identity = vault.identity()
    spot = rendered.signature_spot
    box = (spot.page, spot.box) if spot.page >= 0 else None
    # A certified officer signs with HQ's certificate and embeds the root; before that, the self-issued one.
    chain = signing_chain(vault) or [identity.memo_certificate()]
    pdf = sign_pdf(
        rendered.pdf,
        identity.memo_private_key(),
        chain[0],
        box=box,
        caption=Translator(language).gettext("Digitally signed"),
        chain=chain[1:],
    )
    if progress and not progress(2, 3):
        raise EcoDeskError(N_("Signing was cancelled. Nothing was saved."))
    digest = sha256_hex(pdf)
    info = MemoInfo(
        id=uuid.uuid4(),
        record_id=case.id,
        reference=case.reference or "",
        language=language,
        sha256=digest,
        size=len(pdf),
        pages=rendered.pages,
        signed_at=dt.datetime.now(dt.UTC).replace(microsecond=0),
        signer_fingerprint=identity.public.fingerprint,
    )
    with vault.db.transaction():
        vault.memos.add(info, pdf)
        vault.audit.append(
            "memo_signed",
            record_id=case.id,
            reference=info.reference,
            memo_id=str(info.id),
            sha256=digest,
            language=language,
            signer_fingerprint=info.signer_fingerprint,
            unassessed=",".join(points),
            interim=interim,
        )
    if progress:
        progress(3, 3)
    return Memo(info.reference, case.id, language, pdf, rendered.pages, True, digest)


def signed_memos(vault: Vault, reference: str) -> list[MemoInfo]:
    return vault.memos.list(memo_case(vault, reference).id)


def stored_memo(vault: Vault, info: MemoInfo) -> Memo:
    pdf = vault.memos.pdf(info.id)
    return Memo(info.reference, info.record_id, info.language, pdf, info.pages, True, info.sha256)


def save_memo_copy(vault: Vault, memo: Memo, path: Path) -> None:
    """Write ``memo`` to ``path`` (atomically) and record the export. The copy is NOT encrypted: callers warn."""
    try:
        atomic_write(Path(path), memo.pdf)
    except OSError as exc:
        raise InvalidInput(N_("Cannot write the file {path}. Choose another folder."), path=str(path)) from exc
    vault.audit.append(
        "memo_saved",
        record_id=memo.record_id,
        reference=memo.reference,
        sha256=memo.sha256,
        language=memo.language,
        signed=memo.signed,
    )


def known_signers(vault: Vault) -> list[KnownSigner]:
    """This vault's own memo certificate, then the contacts' certificates."""
    own = vault.identity().public
    known = [KnownSigner(name=own.name, certificate_pem=own.memo_certificate_pem, status=SignerStatus.this_vault)]

    for contact in vault.contacts.list():
        status = SignerStatus.verified_contact if contact.verified else SignerStatus.unverified_contact
        known.append(KnownSigner(name=contact.name, certificate_pem=contact.public.memo_certificate_pem, status=status))
    return known


def verify_memo_file(vault: Vault | None, pdf: bytes) -> MemoVerification:
    """Verify ``pdf``; with an open vault, also say whether the signer is you or one of your contacts."""
    if vault is None:
        return verify_memo(pdf, [])
    return verify_memo(pdf, known_signers(vault), trusted_root(vault), current_crl(vault))
