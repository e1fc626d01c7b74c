"""PAdES signature of a memo with the vault's ECDSA P-256 memo key and its X.509 certificate (pyHanko).

The key never leaves memory: pyHanko's signer is built from the key and certificate objects, not from files.
"""

from __future__ import annotations

import hashlib
import io

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko.sign.general import SigningError
from pyhanko.stamp import TextStampStyle
from pyhanko_certvalidator.registry import SimpleCertificateStore

from ecodesk.errors import EcoDeskError
from ecodesk.i18n import N_

SIGNATURE_FIELD = "OfficerSignature"


def memo_signer(
    key: ec.EllipticCurvePrivateKey, certificate: x509.Certificate, chain: list[x509.Certificate] | None = None
) -> signers.SimpleSigner:
    """A pyHanko signer for ``key`` and ``certificate``, built in memory; ``chain`` (the organization's root)
    is embedded in the signature so that readers can build the path to a root they trust."""
    cert = asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER))
    others = [asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER)) for c in chain or []]
    private = asn1_keys.PrivateKeyInfo.load(
        key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return signers.SimpleSigner(
        signing_cert=cert, signing_key=private, cert_registry=SimpleCertificateStore.from_certs([cert, *others])
    )


def sign_pdf(
    pdf: bytes,
    key: ec.EllipticCurvePrivateKey,
    certificate: x509.Certificate,
    *,
    box: tuple[int, tuple[float, float, float, float]] | None = None,
    caption: str = "Digitally signed",
    chain: list[x509.Certificate] | None = None,
) -> bytes:
    """``pdf`` with a PAdES baseline (B-B) signature appended as an incremental update.

    ``box`` (page index, rectangle) places the signature field over the signature block; without it the
    field is invisible; ``caption`` heads the visible stamp. Raises EcoDeskError when the PDF cannot be signed.
    """
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
        if box is not None:
            page, rect = box
            fields.append_signature_field(
                writer,
                fields.SigFieldSpec(SIGNATURE_FIELD, on_page=page, box=tuple(int(v) for v in rect)),  # type: ignore[arg-type]
            )
        metadata = signers.PdfSignatureMetadata(
            field_name=SIGNATURE_FIELD,
            md_algorithm="sha256",
            subfilter=fields.SigSeedSubFilter.PADES,
        )
        out = io.BytesIO()
        signer = memo_signer(key, certificate, chain)
        signers.PdfSigner(metadata, signer=signer, stamp_style=_stamp_style(caption)).sign_pdf(writer, output=out)
        return out.getvalue()
    except (ValueError, OSError, SigningError) as exc:
        raise EcoDeskError(N_("The memo could not be signed. Nothing was saved.")) from exc


def _stamp_style(caption: str) -> TextStampStyle:
    """The appearance of the visible signature: a caption and the signing time, no border.

    pyHanko's built-in font covers only Western European characters, so the caption is fixed text (the signer's
    name is printed by the memo itself, in its Unicode font).
    """
    safe = caption.encode("cp1252", errors="replace").decode("cp1252")
    return TextStampStyle(
        stamp_text=safe + "\n%(ts)s", border_width=0, background=None, timestamp_format="%Y-%m-%d %H:%M UTC"
    )


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
