"""``make fuzz``: run every coverage-guided fuzz target for a while and print what was tried and found.

Usage: ``python fuzz/run.py [--seconds 60] [TARGET ...]``. Findings (inputs that crashed) are copied to
``build/fuzz-findings/``; the exit status is non-zero when there is any.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGET_NAMES = ["keyslots", "records", "package"]


def run_target(name: str, seconds: int, root: Path, findings: Path) -> tuple[int, int]:
    """(inputs executed, findings) for one target."""
    workdir, corpus, artifacts = root / name, root / name / "corpus", root / name / "artifacts"
    artifacts.mkdir(parents=True)
    env = {**os.environ, "ECODESK_FUZZ_TARGET": name, "ECODESK_FUZZ_WORKDIR": str(workdir),
           "ECODESK_KDF_PROFILE": "fast", "TMPDIR": str(workdir)}
    proc = subprocess.run(
        [sys.executable, str(HERE / "fuzz_one.py"), str(corpus), f"-max_total_time={seconds}",
         "-rss_limit_mb=3072", "-timeout=30", "-max_len=65536", f"-artifact_prefix={artifacts}/",
         "-print_final_stats=1"],
        env=env, capture_output=True, text=True, check=False,
    )
    runs = [int(n) for n in re.findall(r"stat::number_of_executed_units:\s*(\d+)", proc.stderr)]
    runs += [int(n) for n in re.findall(r"Done (\d+) runs", proc.stderr)]
    crashes = [p for p in artifacts.iterdir() if p.is_file()]
    for crash in crashes:
        findings.mkdir(parents=True, exist_ok=True)
        shutil.copy(crash, findings / f"{name}-{crash.name}")
    if proc.returncode != 0 and not crashes:
        sys.stderr.write(proc.stderr[-4000:])
        crashes = [Path("fuzzer-error")]
    if crashes:
        tail = proc.stderr[proc.stderr.find("Uncaught Python exception"):][:3000]
        sys.stderr.write(f"\n[{name}] finding:\n{tail}\n")
    return (max(runs) if runs else 0), len(crashes)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("FUZZ_SECONDS", "60")))
    parser.add_argument("targets", nargs="*", metavar="TARGET", help=f"some of: {', '.join(TARGET_NAMES)}")
    args = parser.parse_args(argv)
    unknown = set(args.targets) - set(TARGET_NAMES)
    if unknown:
        parser.error(f"unknown target(s): {', '.join(sorted(unknown))}")
    args.targets = args.targets or TARGET_NAMES
    findings = HERE.parent / "build" / "fuzz-findings"
    rows = []
    with tempfile.TemporaryDirectory(prefix="ecodesk-fuzz-") as tmp:
        for name in args.targets:
            inputs, found = run_target(name, args.seconds, Path(tmp), findings)
            rows.append((name, args.seconds, inputs, found))
    print(f"\n{'target':<10} {'seconds':>8} {'inputs fuzzed':>14} {'findings':>9}")
    for name, seconds, inputs, found in rows:
        print(f"{name:<10} {seconds:>8} {inputs:>14,} {found:>9}")
    total_inputs, total_found = sum(r[2] for r in rows), sum(r[3] for r in rows)
    print(f"{'total':<10} {'':>8} {total_inputs:>14,} {total_found:>9}")
    if total_found:
        print(f"findings copied to {findings}")
    return 1 if total_found else 0


if __name__ == "__main__":
    sys.exit(main())
