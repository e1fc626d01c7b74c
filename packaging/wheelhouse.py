"""Downloads every wheel needed for an offline `pip install --no-index` of EcoDesk on Windows, macOS and Linux,
for Python 3.11 and 3.12, into one folder with a SHA256SUMS file.

    .venv/bin/python packaging/wheelhouse.py [--out wheelhouse] [--platform linux ...] [--python 3.11 ...]

IT then installs on a machine without network:
    python -m venv ecodesk-env
    ecodesk-env/bin/pip install --no-index --find-links wheelhouse "ecodesk[gui]"
and checks the files first with `sha256sum -c SHA256SUMS` (or `Get-FileHash` on Windows).
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PLATFORMS = {
    "linux": ["manylinux_2_28_x86_64", "manylinux2014_x86_64", "manylinux_2_17_x86_64", "linux_x86_64"],
    "windows": ["win_amd64"],
    "macos": ["macosx_13_0_universal2", "macosx_11_0_arm64", "macosx_10_9_x86_64", "macosx_11_0_universal2",
              "macosx_12_0_universal2", "macosx_14_0_universal2", "macosx_10_13_universal2"],
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "wheelhouse"))
    parser.add_argument("--platform", action="append", choices=sorted(PLATFORMS))
    parser.add_argument("--python", action="append", choices=["3.11", "3.12"])
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--wheel-dir", str(out), str(ROOT)], check=True)
    for platform in args.platform or sorted(PLATFORMS):
        for version in args.python or ["3.11", "3.12"]:
            command = [sys.executable, "-m", "pip", "download", "--only-binary=:all:", "--dest", str(out),
                       "--python-version", version, "--implementation", "cp"]
            for tag in PLATFORMS[platform]:
                command += ["--platform", tag]
            requirements = _requirements()
            print(f"== {platform} / Python {version}: {len(requirements)} requirements", flush=True)
            subprocess.run([*command, *requirements], check=True)
    sums = [f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {p.name}" for p in sorted(out.glob("*.whl"))]
    (out / "SHA256SUMS").write_text("\n".join(sums) + "\n")
    print(f"{len(sums)} wheels in {out}; checksums in {out / 'SHA256SUMS'}")
    return 0


def _requirements() -> list[str]:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return [*project["dependencies"], *project["optional-dependencies"]["gui"]]


if __name__ == "__main__":
    sys.exit(main())
