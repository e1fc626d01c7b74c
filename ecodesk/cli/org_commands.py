"""``ecodesk org ...``: the organization's root at HQ (init, export-root, certify, revoke, crl) and, in every
vault, trusting that root (trust-root). Commands that need the root fail with exit 2 in an officer vault."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ecodesk.cli.common import open_vault, read_input
from ecodesk.errors import InvalidInput
from ecodesk.i18n import _, format_date
from ecodesk.org import texts
from ecodesk.org.authority import DEFAULT_VALID_DAYS, RevocationReason

ORDER = 32


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    org = subparsers.add_parser("org", help=_(texts.HELP_ORG))
    actions = org.add_subparsers(dest="action", metavar=_("ACTION"), required=True)
    init = actions.add_parser("init", help=_(texts.HELP_INIT))
    init.add_argument("--name", default="", help=_(texts.HELP_NAME))
    init.set_defaults(func=cmd_init)
    export = actions.add_parser("export-root", help=_(texts.HELP_EXPORT_ROOT))
    export.add_argument("--out", required=True, metavar="FILE", help=_(texts.HELP_OUT))
    export.set_defaults(func=cmd_export_root)
    certify = actions.add_parser("certify", help=_(texts.HELP_CERTIFY))
    certify.add_argument("contact", metavar="CONTACT", help=_(texts.HELP_CONTACT))
    certify.add_argument(
        "--valid-days", type=int, default=DEFAULT_VALID_DAYS, metavar="N",
        help=_(texts.HELP_VALID_DAYS, days=DEFAULT_VALID_DAYS),
    )
    certify.set_defaults(func=cmd_certify)
    revoke = actions.add_parser("revoke", help=_(texts.HELP_REVOKE))
    revoke.add_argument("contact", metavar="CONTACT", help=_(texts.HELP_CONTACT))
    revoke.add_argument(
        "--reason", required=True, choices=[r.value for r in RevocationReason], help=_(texts.HELP_REASON)
    )
    revoke.set_defaults(func=cmd_revoke)
    crl = actions.add_parser("crl", help=_(texts.HELP_CRL))
    crl.add_argument("--out", required=True, metavar="FILE", help=_(texts.HELP_OUT))
    crl.set_defaults(func=cmd_crl)
    trust = actions.add_parser("trust-root", help=_(texts.HELP_TRUST_ROOT))
    trust.add_argument("file", metavar="FILE", nargs="?", help=_(texts.HELP_ROOT_FILE))
    trust.add_argument("--fingerprint", required=True, metavar="FP", help=_(texts.HELP_ROOT_FINGERPRINT))
    trust.set_defaults(func=cmd_trust_root)


def _say(text: str) -> None:
    sys.stdout.write(text + "\n")


def _write(path: Path, data: bytes) -> None:
    from ecodesk.storage.atomic import atomic_write

    if path.is_dir():
        raise InvalidInput(texts.OUT_IS_FOLDER)
    atomic_write(path, data, mode=0o644)


def cmd_init(args: argparse.Namespace) -> int:
    from ecodesk.org.headquarters import init_root
    from ecodesk.org.trust import fingerprint, organization_of

    with open_vault(args) as vault:
        root = init_root(vault, args.name)
    _say(_(texts.ROOT_CREATED, organization=organization_of(root)))
    _say(_(texts.FINGERPRINT_LINE, fingerprint=fingerprint(root)))
    return 0


def cmd_export_root(args: argparse.Namespace) -> int:
    from ecodesk.org.authority import der, pem
    from ecodesk.org.headquarters import export_root
    from ecodesk.org.trust import fingerprint

    out = Path(args.out)
    pem_path = out.with_suffix(".pem") if out.suffix.lower() == ".der" else out
    der_path = out if out.suffix.lower() == ".der" else out.with_suffix(".der")
    with open_vault(args) as vault:
        root = export_root(vault)
    _write(pem_path, pem(root).encode("ascii"))
    _write(der_path, der(root))
    _say(_(texts.ROOT_WRITTEN, pem=str(pem_path), der=str(der_path)))
    _say(_(texts.FINGERPRINT_LINE, fingerprint=fingerprint(root)))
    return 0


def cmd_certify(args: argparse.Namespace) -> int:
    from cryptography import x509

    from ecodesk.org.headquarters import certify

    with open_vault(args) as vault:
        issued = certify(vault, args.contact, valid_days=args.valid_days)
    until = x509.load_pem_x509_certificate(issued.certificate_pem.encode()).not_valid_after_utc
    _say(_(texts.CERTIFIED, name=issued.contact_name, date=format_date(until.date())))
    return 0


def cmd_revoke(args: argparse.Namespace) -> int:
    from ecodesk.org.headquarters import revoke

    with open_vault(args) as vault:
        revoke(vault, args.contact, args.reason)
    _say(_(texts.REVOKED, name=args.contact, reason=args.reason))
    return 0


def cmd_crl(args: argparse.Namespace) -> int:
    from ecodesk.org.authority import der
    from ecodesk.org.headquarters import issuing_crl

    with open_vault(args) as vault:
        crl = issuing_crl(vault)
        vault.audit.append("org_crl_exported", count=len(list(crl)))
    _write(Path(args.out), der(crl))
    _say(_(texts.CRL_WRITTEN, path=args.out, count=len(list(crl))))
    return 0


def cmd_trust_root(args: argparse.Namespace) -> int:
    from ecodesk.org.service import trust_root
    from ecodesk.org.trust import organization_of

    data = read_input(args.file) if args.file else None
    with open_vault(args) as vault:
        root = trust_root(vault, data, args.fingerprint)
    _say(_(texts.ROOT_TRUSTED, organization=organization_of(root)))
    return 0
