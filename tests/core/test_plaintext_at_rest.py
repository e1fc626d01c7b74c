"""After a working session, nothing in the vault folder or the temp folder reveals what was stored."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import PASSPHRASE

CANARIES = {
    "name": "Zanele Canarywood-Mbeki",
    "narrative": "the canary procurement cartel of Lake Kivu",
    "notes": "canary-note-5521",
    "attachment": "CANARY ATTACHMENT CONTENT 0x7f3a",
    "advice": "canary question about a gifted motorbike",
}


def _run(env: dict[str, str], *args: str, stdin: str | None = None) -> None:
    subprocess.run([sys.executable, "-m", "ecodesk", *args], input=stdin, text=True, env=env, check=True,
                   capture_output=True)


def test_no_plaintext_in_vault_or_temp_files_after_a_session(tmp_path: Path) -> None:
    home, tmp, vault = tmp_path / "home", tmp_path / "tmp", tmp_path / "home" / "vault"
    home.mkdir()
    tmp.mkdir()
    env = {**os.environ, "HOME": str(home), "TMPDIR": str(tmp), "ECODESK_VAULT": str(vault),
           "ECODESK_PASSPHRASE": PASSPHRASE, "ECODESK_KDF_PROFILE": "fast"}
    _run(env, "init", "--office", "NBO")
    case = {"title": "Retaliation complaint", "summary": CANARIES["narrative"], "notes": CANARIES["notes"],
            "complainant": {"name": CANARIES["name"]}, "received_on": "2026-11-02"}
    _run(env, "case", "add", "-", stdin=json.dumps(case))
    attachment = tmp_path / "statement.txt"  # the user's own file, outside the scanned folders
    attachment.write_text(CANARIES["attachment"] * 100)
    _run(env, "case", "attach", "RET-2026-NBO-0001", str(attachment))
    _run(env, "advice", "add", "-", stdin=json.dumps(
        {"category": "gifts", "question": CANARIES["advice"], "received_on": "2026-11-03"}))
    _run(env, "search", "Canarywood")
    _run(env, "vault", "backup", "--out", str(vault / "backup.ecobackup"))
    _run(env, "vault", "verify")

    needles = [value.encode(enc) for value in CANARIES.values() for enc in ("utf-8", "utf-16-le")]
    needles += [b"SQLite format 3"]
    hits = []
    for folder in (vault, tmp, home):
        for path in folder.rglob("*"):
            if path.is_file():
                data = path.read_bytes()
                hits += [f"{path.name}: {needle[:20]!r}" for needle in needles if needle in data]
    assert hits == []
    assert any(vault.iterdir()) and not any(tmp.iterdir())
