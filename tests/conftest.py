"""Shared fixtures: a fresh vault in tmp_path with a fast KDF, an in-process CLI runner, clean language."""

from __future__ import annotations

import io
import os
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["ECODESK_KDF_PROFILE"] = "fast"  # new key slots are cheap to open in tests
# The kept audit heads (per-user state folder) never go to the real user folder, also from child processes.
os.environ.setdefault("ECODESK_STATE_DIR", tempfile.mkdtemp(prefix="ecodesk-state-"))

import pytest

from ecodesk.i18n import set_language
from ecodesk.storage.vault import Vault

PASSPHRASE = "correct horse battery staple"


@pytest.fixture(autouse=True)
def _english_and_clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    monkeypatch.setenv("ECODESK_STATE_DIR", str(tmp_path_factory.mktemp("state")))
    for name in ("ECODESK_VAULT", "ECODESK_PASSPHRASE", "ECODESK_NEW_PASSPHRASE", "ECODESK_LANG"):
        monkeypatch.delenv(name, raising=False)
    set_language("en")
    yield
    set_language("en")


@pytest.fixture
def vault_path(tmp_path: Path) -> Path:
    return tmp_path / "vault"


@dataclass
class CreatedVault:
    vault: Vault
    recovery_key: str


@pytest.fixture
def created(vault_path: Path) -> Iterator[CreatedVault]:
    vault, recovery_key = Vault.create(vault_path, PASSPHRASE, office="DKR", officer_name="Awa Diop")
    yield CreatedVault(vault, recovery_key)
    vault.close()


@pytest.fixture
def vault(created: CreatedVault) -> Vault:
    """An open, empty vault of the Dakar office."""
    return created.vault


@dataclass
class CliResult:
    code: int
    out: str
    err: str


class CliRunner:
    """Runs ``ecodesk ...`` in-process against one vault folder, with the passphrase in the environment."""

    def __init__(self, vault_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.vault_path = vault_path
        self.monkeypatch = monkeypatch

    def __call__(self, *args: str, stdin: str | bytes = b"", passphrase: str | None = PASSPHRASE,
                 env: dict[str, str] | None = None) -> CliResult:
        from ecodesk.cli import main

        with self.monkeypatch.context() as m:
            m.setenv("ECODESK_VAULT", str(self.vault_path))
            if passphrase is not None:
                m.setenv("ECODESK_PASSPHRASE", passphrase)
            for key, value in (env or {}).items():
                m.setenv(key, value)
            data = stdin.encode() if isinstance(stdin, str) else stdin
            fake_in = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
            out, err = io.StringIO(), io.StringIO()
            m.setattr(sys, "stdin", fake_in)
            m.setattr(sys, "stdout", out)
            m.setattr(sys, "stderr", err)
            try:
                code = main(list(args))
            except SystemExit as exc:  # argparse usage errors and --help
                code = int(exc.code or 0)
            set_language("en")
        return CliResult(code, out.getvalue(), err.getvalue())


@pytest.fixture
def cli(vault_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    return CliRunner(vault_path, monkeypatch)


@pytest.fixture
def cli_vault(cli: CliRunner) -> CliRunner:
    """A CLI runner whose vault was created with ``ecodesk init --office DKR``."""
    result = cli("init", "--office", "DKR", "--name", "Awa Diop")
    assert result.code == 0, result.err
    return cli


# CI explores the same inputs on every run (a red build must be reproducible); local runs keep exploring new
# random inputs, which is how fuzzing finds what CI then pins.
from hypothesis import settings as _hypothesis_settings  # noqa: E402

_hypothesis_settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    _hypothesis_settings.load_profile("ci")
