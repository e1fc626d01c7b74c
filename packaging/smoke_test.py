"""Smoke test of a built bundle: the bundled command line works on a temporary vault, the bundled GUI starts.

    .venv/bin/python packaging/smoke_test.py dist/ecodesk

Prints the bundle size and the start time (process start to unlock dialog shown; target under 2 s).
Exits non-zero on the first failure.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PASSPHRASE = "smoke test passphrase"


def main() -> int:
    bundle = Path(sys.argv[1] if len(sys.argv) > 1 else "dist/ecodesk").resolve()
    exe = bundle / ("ecodesk.exe" if os.name == "nt" else "ecodesk")
    if not exe.exists():
        print(f"error: no bundled executable at {exe}", file=sys.stderr)
        return 1
    size = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file())
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        env = {**os.environ, "HOME": str(home), "TMPDIR": str(home), "ECODESK_PASSPHRASE": PASSPHRASE,
               "ECODESK_KDF_PROFILE": "fast", "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": ""}
        officer, hq = home / "officer", home / "hq"

        def run(*args: str, vault: Path = officer, stdin: str | None = None) -> str:
            result = subprocess.run([str(exe), "--vault", str(vault), *args], input=stdin, text=True,
                                    capture_output=True, env=env, timeout=120)
            if result.returncode != 0:
                raise SystemExit(f"FAILED: ecodesk {' '.join(args)}\n{result.stdout}{result.stderr}")
            return result.stdout

        version = subprocess.run([str(exe), "--version"], text=True, capture_output=True, env=env, check=True)
        print(f"version: {version.stdout.strip()}")
        run("init", "--office", "DKR", "--name", "Smoke Officer")
        run("init", "--office", "HQ", "--name", "Smoke HQ", vault=hq)
        reference = run("case", "add", "-", stdin=json.dumps(
            {"title": "Smoke test case", "complainant": {"name": "Ngozi Adébáyọ̀"}, "received_on": "2026-11-02"}
        )).strip().splitlines()[-1]
        card = home / "hq.ecokey"
        run("keys", "export", "--out", str(card), vault=hq)
        fingerprint = json.loads(run("keys", "show", "--json", vault=hq))["fingerprint"]
        run("contacts", "add", str(card), "--name", "HQ", "--role", "hq")
        run("contacts", "trust", "HQ", "--fingerprint", fingerprint)
        package = home / "out.ecopkg"
        run("package", "export", "--to", "HQ", "--case", reference, "--out", str(package))
        print(f"command line: init, case add, package export OK ({package.stat().st_size} bytes package)")

        start = time.perf_counter()
        gui = subprocess.run([str(exe), "--vault", str(officer)], text=True, capture_output=True, timeout=60,
                             env={**env, "ECODESK_EXIT_WHEN_READY": "1"})
        startup = time.perf_counter() - start
        if gui.returncode != 0 or "Traceback" in gui.stderr:
            raise SystemExit(f"FAILED: the bundled GUI did not start cleanly\n{gui.stdout}{gui.stderr}")
        running = subprocess.Popen([str(exe), "--vault", str(officer)], env=env, stderr=subprocess.PIPE, text=True)
        time.sleep(3)
        alive = running.poll() is None
        running.terminate()
        _, errors = running.communicate(timeout=20)
        if not alive or "Traceback" in errors:
            raise SystemExit(f"FAILED: the bundled GUI stopped within 3 s\n{errors}")
    print(f"bundle size: {size / 1024 / 1024:.0f} MB in {bundle}")
    print(f"start to unlock dialog: {startup:.2f} s (target under 2 s: {'met' if startup < 2 else 'NOT met'})")
    print("smoke test passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
