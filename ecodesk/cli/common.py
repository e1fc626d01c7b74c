"""What every command needs: the vault path, secrets, input files, and output."""

from __future__ import annotations

import argparse
import contextlib
import getpass
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from ecodesk.assessment.upgrade import finish_upgrades
from ecodesk.errors import InvalidInput
from ecodesk.i18n import N_, _
from ecodesk.paths import default_vault_path
from ecodesk.storage.vault import Vault, normalize_passphrase

if TYPE_CHECKING:
    # What ``add_subparsers()`` returns; generic only for type checkers (argparse's class is not subscriptable).
    Subparsers = argparse._SubParsersAction[argparse.ArgumentParser]
else:
    Subparsers = argparse._SubParsersAction


def vault_path(args: argparse.Namespace) -> Path:
    return Path(args.vault).expanduser() if getattr(args, "vault", None) else default_vault_path()


def _read_secret_file(path: str) -> str:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput(N_("Cannot read the passphrase file.")) from exc
    return text.rstrip("\r\n")


def _prompt(prompt: str) -> str:
    if not sys.stdin or not sys.stdin.isatty():
        raise InvalidInput(N_("No passphrase given: set ECODESK_PASSPHRASE or use --passphrase-file."))
    return getpass.getpass(prompt)


def passphrase(args: argparse.Namespace) -> str:
    if getattr(args, "passphrase_file", None):
        return _read_secret_file(args.passphrase_file)
    if os.environ.get("ECODESK_PASSPHRASE"):
        return os.environ["ECODESK_PASSPHRASE"]
    return _prompt(_("Passphrase: "))


def new_passphrase(args: argparse.Namespace) -> str:
    """A new passphrase: ECODESK_NEW_PASSPHRASE, --new-passphrase-file, or a prompt asked twice."""
    if getattr(args, "new_passphrase_file", None):
        return _read_secret_file(args.new_passphrase_file)
    if os.environ.get("ECODESK_NEW_PASSPHRASE"):
        return os.environ["ECODESK_NEW_PASSPHRASE"]
    first = _prompt(_("New passphrase: "))
    if normalize_passphrase(_prompt(_("Repeat the new passphrase: "))) != normalize_passphrase(first):
        raise InvalidInput(N_("The two passphrases differ. Nothing was changed."))
    return first


def add_new_passphrase_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--new-passphrase-file",
        metavar="FILE",
        help=_("read the new passphrase from FILE (else $ECODESK_NEW_PASSPHRASE, else a prompt)"),
    )


def add_json_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help=_("print machine-readable JSON"))


@contextlib.contextmanager
def open_vault(args: argparse.Namespace, *, rolled_back_ok: bool = False, warn: bool = True) -> Iterator[Vault]:
    """The vault, open for the command, with the data upgrades of the assessment rules done (once); evidence
    files found missing or altered at unlock are reported on standard error (naming the records), never silently."""
    vault = Vault.open(vault_path(args), passphrase(args), rolled_back_ok=rolled_back_ok)
    try:
        finish_upgrades(vault)
    except BaseException:
        vault.close()
        raise
    if warn:
        for problem in vault.evidence_problems:
            template, params = problem.message()
            sys.stderr.write(_("warning: {problem}", problem=_(template, **params)) + "\n")
        if vault.evidence_problems:
            sys.stderr.write(_("warning: run 'ecodesk vault verify --full', then restore from a backup.") + "\n")
    try:
        yield vault
    finally:
        vault.close()


def read_input(source: str) -> bytes:
    """The bytes of FILE, or of standard input for '-'."""
    if source == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(source).read_bytes()
    except OSError as exc:
        raise InvalidInput(N_("Cannot read the input file.")) from exc


def print_json(value: Any) -> None:
    if isinstance(value, BaseModel):
        value = value.model_dump(mode="json")
    elif isinstance(value, list):
        value = [v.model_dump(mode="json") if isinstance(v, BaseModel) else v for v in value]
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2, default=str) + "\n")


def print_table(rows: list[list[str]], headers: list[str]) -> None:
    widths = [max(len(str(x)) for x in column) for column in zip(headers, *rows, strict=False)]
    for row in [headers, *rows]:
        sys.stdout.write("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=False)).rstrip())
        sys.stdout.write("\n")
