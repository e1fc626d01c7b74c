"""Organization documents inside packages: hostile certificates or CRLs from a trusted sender are refused as a
whole (exit code 5, nothing changed), never a crash; a CRL of another root is ignored."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecodesk.errors import PackageRejected
from ecodesk.models.exchange import PartyName
from ecodesk.org.authority import RevocationReason, build_crl, create_root, der, utc_now
from ecodesk.org.headquarters import init_root
from ecodesk.org.service import current_crl, trust_root
from ecodesk.org.trust import fingerprint
from ecodesk.packages.cards import add_contact_from_card, card_bytes
from ecodesk.packages.export import write_package
from ecodesk.packages.format import PackageKind, Party
from ecodesk.packages.importing import import_package
from ecodesk.packages.org_documents import CRL_DOCUMENT, DIRECTORY_DOCUMENT, ROOT_DOCUMENT, SENDER_DOCUMENT
from ecodesk.storage.vault import Vault
from tests.conftest import PASSPHRASE

_counter = itertools.count()


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Vault, Vault, Path]]:
    folder = tmp_path_factory.mktemp("org-packages")
    hq, _k = Vault.create(folder / "hq", PASSPHRASE, office="HQ", officer_name="Head Office")
    dkr, _k2 = Vault.create(folder / "dkr", PASSPHRASE, office="DKR", officer_name="Awa Diop")
    root = init_root(hq, "Ethics Office")
    trust_root(dkr, der(root), fingerprint(root))
    for me, other, name, role in ((hq, dkr, "Dakar", "officer"), (dkr, hq, "HQ", "hq")):
        contact = add_contact_from_card(me, card_bytes(other), name=name, role=role)
        me.contacts.trust(contact.name, contact.fingerprint)
    yield hq, dkr, folder
    hq.close()
    dkr.close()


def _send(hq: Vault, dkr: Vault, folder: Path, documents: dict[str, bytes]) -> Path:
    out = folder / f"p{next(_counter)}.ecopkg"
    public = dkr.identity().public
    # HQ's own org documents would replace the planted ones: the sender here carries only what the test gives.
    with mock.patch("ecodesk.packages.org_documents.package_documents", return_value={}):
        write_package(
            hq, recipients=[Party.of(public)],
            recipient_names=[PartyName(name="Dakar", office="DKR", fingerprint=public.fingerprint)],
            out=out, kind=PackageKind.stats, documents={"stats.json": b"{}", **documents},
        )
    return out


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from([CRL_DOCUMENT, ROOT_DOCUMENT, SENDER_DOCUMENT, DIRECTORY_DOCUMENT]),
       data=st.binary(max_size=600))
def test_hostile_org_documents_are_refused_whole(pair, name: str, data: bytes) -> None:  # type: ignore[no-untyped-def]
    hq, dkr, folder = pair
    before = dkr.db.scalar("SELECT count(*) FROM audit")
    stats = dkr.db.scalar("SELECT count(*) FROM received_stats")
    path = _send(hq, dkr, folder, {name: data})
    try:
        import_package(dkr, path)
    except PackageRejected as exc:
        assert exc.exit_code == 5
        assert dkr.db.scalar("SELECT count(*) FROM received_stats") == stats  # nothing of it was applied
    assert dkr.db.scalar("SELECT count(*) FROM audit") > before  # accepted or refused, it is recorded


def test_a_crl_signed_by_another_root_is_ignored(pair) -> None:  # type: ignore[no-untyped-def]
    hq, dkr, folder = pair
    other_key, other = create_root("Ethics Office")
    forged = build_crl(other_key, other, [(1, utc_now(), RevocationReason.key_compromise)], number=99)
    result = import_package(dkr, _send(hq, dkr, folder, {CRL_DOCUMENT: der(forged)}))
    assert result.org is not None and not result.org.crl_updated
    assert current_crl(dkr) is None


def test_a_real_certificate_in_a_hostile_place_is_not_installed(pair) -> None:  # type: ignore[no-untyped-def]
    """A certificate for another key, sent as this vault's own, is not installed."""
    from cryptography.hazmat.primitives.asymmetric import ec

    from ecodesk.org.authority import issue_certificate, officer_request
    from ecodesk.org.headquarters import authority_of
    from ecodesk.org.service import own_certificate
    from ecodesk.packages.org_documents import recipient_document

    hq, dkr, folder = pair
    _a, key, root = authority_of(hq)
    stranger = ec.generate_private_key(ec.SECP256R1())
    request = officer_request(stranger, name="Awa Diop", organization="x", office="DKR", duty_station="")
    wrong = issue_certificate(key, root, request)
    name = recipient_document(dkr.identity().public.fingerprint)
    result = import_package(dkr, _send(hq, dkr, folder, {name: der(wrong)}))
    assert result.org is not None and not result.org.certificate_installed
    assert own_certificate(dkr) is None
