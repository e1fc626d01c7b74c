"""A vault folder the user cannot write, and a disk that fills up: each gives a clear error and a translated
``error:`` line, never a traceback, and nothing saved before is lost (the vault opens afterwards with it all).

Tests run as root here, so the read-only case forks a child that drops to an unprivileged uid (root would write
anyway); the full disk is a small tmpfs mounted for the test."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import traceback
from collections.abc import Iterator
from pathlib import Path

import pytest

from ecodesk.cli import main
from ecodesk.i18n import set_language
from ecodesk.models import SearchQuery
from ecodesk.storage.vault import Vault

PASSPHRASE = "correct horse battery staple"
NOBODY = 65534
CASE = '{"title": "Non-renewal after audit", "received_on": "2026-11-02"}'


def _run_cli(args: list[str], stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdin, sys.stdout, sys.stderr
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin.encode()), encoding="utf-8")
    sys.stdout, sys.stderr = out, err
    try:
        code = main(args)
    except SystemExit as exc:
        code = int(exc.code or 0)
    except BaseException:  # a traceback is what this test is about: report it
        code = 99
        err.write(traceback.format_exc())
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved
        set_language("en")
    return code, out.getvalue(), err.getvalue()


def _run_cli_as(uid: int, args: list[str], stdin: str = "") -> tuple[int, str, str]:
    """The CLI in a forked child running as ``uid`` (the interpreter's files may not be readable by that user,
    so the child cannot exec a new one: it runs ``main`` with the modules already loaded)."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        try:
            os.close(read_end)
            os.setgid(uid)
            os.setuid(uid)
            os.write(write_end, json.dumps(_run_cli(args, stdin)).encode())
        finally:
            os._exit(0)
    os.close(write_end)
    data = b""
    while chunk := os.read(read_end, 1 << 16):
        data += chunk
    os.close(read_end)
    os.waitpid(pid, 0)
    code, out, err = json.loads(data)
    return int(code), str(out), str(err)


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    """A folder an unprivileged user can reach (pytest's tmp_path lives under a root-only folder)."""
    base = Path(tempfile.mkdtemp(prefix="ecodesk-ro-"))
    os.chmod(base, 0o711)  # noqa: S103 - traversable by the unprivileged user, listable by nobody
    yield base
    shutil.rmtree(base, ignore_errors=True)


def _chown_tree(path: Path, uid: int) -> None:
    os.chown(path, uid, uid)
    for p in path.rglob("*"):
        os.chown(p, uid, uid)


@pytest.mark.skipif(not hasattr(os, "fork") or os.geteuid() != 0, reason="needs root to switch to another user")
def test_a_read_only_vault_folder_gives_a_clear_error_and_loses_nothing(
    shared_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, state = shared_tmp / "vault", shared_tmp / "state"
    Vault.create(folder, PASSPHRASE, office="DKR")[0].close()
    state.mkdir()
    _chown_tree(shared_tmp, NOBODY)
    os.chown(shared_tmp, 0, 0)
    monkeypatch.setenv("ECODESK_VAULT", str(folder))
    monkeypatch.setenv("ECODESK_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("ECODESK_STATE_DIR", str(state))
    for warm_up in (["case", "list"], ["--lang", "fr", "vault", "verify"]):
        _run_cli(warm_up)  # load every module and catalog needed while the interpreter's files are readable
    _chown_tree(folder, NOBODY)
    _chown_tree(state, NOBODY)
    code, _out, err = _run_cli_as(NOBODY, ["case", "add", "-"], CASE)
    assert code == 0, err  # the officer's own, writable vault works as that user

    os.chmod(folder, 0o500)
    for p in folder.iterdir():
        os.chmod(p, 0o400)
    for args in (["case", "list"], ["case", "add", "-"], ["vault", "verify"], ["--lang", "fr", "case", "list"]):
        code, _out, err = _run_cli_as(NOBODY, args, CASE)
        assert code == 11, err
        assert err.startswith("error: ") and "Traceback" not in err
    assert "lecture seule" in err  # translated

    os.chmod(folder, 0o700)
    for p in folder.iterdir():
        os.chmod(p, 0o600)
    code, out, err = _run_cli_as(NOBODY, ["case", "list", "--json"])
    assert code == 0, err
    assert [row["title"] for row in json.loads(out)] == ["Non-renewal after audit"]
    code, out, err = _run_cli_as(NOBODY, ["vault", "verify", "--json"])
    assert code == 0 and json.loads(out)["ok"] is True, out + err


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    mount = tmp_path / "disk"
    mount.mkdir()
    mount_tool, umount_tool = shutil.which("mount"), shutil.which("umount")
    if mount_tool is None or umount_tool is None:
        pytest.skip("no mount tool")
    done = subprocess.run([mount_tool, "-t", "tmpfs", "-o", "size=6m", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip("a tmpfs cannot be mounted here (needs root with CAP_SYS_ADMIN)")
    try:
        yield mount
    finally:
        subprocess.run([umount_tool, "-l", str(mount)], check=False)


def _fill(disk: Path) -> Path:
    filler = disk / "filler"
    # Unbuffered: a partial last write must not be retried (and fail again) when the file is closed.
    with open(filler, "wb", buffering=0) as fh:
        try:
            while True:
                fh.write(b"\0" * 65536)
        except OSError:
            pass
    return filler


def test_a_full_disk_gives_a_clear_error_and_loses_nothing(small_disk: Path, monkeypatch: pytest.MonkeyPatch,
                                                          tmp_path: Path) -> None:
    folder = small_disk / "vault"
    Vault.create(folder, PASSPHRASE, office="DKR")[0].close()
    monkeypatch.setenv("ECODESK_VAULT", str(folder))
    monkeypatch.setenv("ECODESK_PASSPHRASE", PASSPHRASE)
    for _ in range(3):
        assert _run_cli(["case", "add", "-"], CASE)[0] == 0
    evidence = tmp_path / "scan.bin"
    evidence.write_bytes(os.urandom(3 * 1024 * 1024))
    filler = _fill(small_disk)
    filler.unlink()
    with open(filler, "wb") as fh:  # leave about 1 MiB: enough to unlock, not for the 3 MiB attachment
        fh.write(b"\0" * (shutil.disk_usage(small_disk).free - 1024 * 1024))

    code, _out, err = _run_cli(["case", "attach", "RET-2026-DKR-0001", str(evidence)])
    assert code == 10, err
    assert err.startswith("error: The disk is full") and "Traceback" not in err
    _fill(small_disk)  # now nothing at all is left
    code, _out, err = _run_cli(["--lang", "es", "case", "add", "-"], CASE)
    assert code == 10 and "Traceback" not in err, err
    assert err.startswith("error: ") and "disco" in err

    filler.unlink()
    with Vault.open(folder, PASSPHRASE) as vault:  # no rollback alarm, every saved case is there
        assert vault.verify().ok
        assert vault.records.count(SearchQuery()) == 3
