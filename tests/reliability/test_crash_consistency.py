"""Crash consistency: a writer process is killed with SIGKILL at random moments; after each kill the vault
opens, verifies, holds every write reported as committed and nothing partial. Also: the checker itself flags
a writer that breaks the contract (tests of the test)."""

from __future__ import annotations

import random
from pathlib import Path

from harness.crash import CrashRun, Journal, check_vault, run_child

from ecodesk.crypto.keyslots import KdfParams
from ecodesk.storage.vault import Vault

CI_ITERATIONS = 50


def test_vault_survives_fifty_random_kills(tmp_path: Path) -> None:
    run = CrashRun(tmp_path, seed=7)
    rng = random.Random(7)
    for i in range(CI_ITERATIONS):
        run.step(rng, restore_check=i % 10 == 9)
    assert run.failures == []
    assert run.kills == CI_ITERATIONS
    assert run.writes > CI_ITERATIONS  # the kills landed among real writes, not only at start-up
    assert run.imports > 0  # package imports were among them


def _fresh_vault(tmp_path: Path) -> tuple[Path, Path, Journal]:
    path, backups = tmp_path / "vault", tmp_path / "backups"
    backups.mkdir()
    vault, _ = Vault.create(path, "crash test passphrase 0", office="DKR", kdf=KdfParams.fresh(1, 8 * 1024, 1))
    vault.close()
    return path, backups, Journal(passphrase="crash test passphrase 0")


def _run_faulty_writer(tmp_path: Path, fault: str) -> list[str]:
    path, backups, journal = _fresh_vault(tmp_path)
    events, killed, stderr = run_child(path, backups, journal, 1, random.Random(1), fault=fault, startup_kills=0)
    assert killed, stderr
    for event in events:
        journal.apply(event)
    return check_vault(path, journal)


def test_checker_flags_a_write_reported_before_its_commit(tmp_path: Path) -> None:
    problems = _run_faulty_writer(tmp_path, "report-early")
    assert any("is missing" in p for p in problems), problems


def test_checker_flags_an_attachment_left_without_its_record(tmp_path: Path) -> None:
    problems = _run_faulty_writer(tmp_path, "split-attach")
    assert any("is not referred to by its record" in p for p in problems), problems
