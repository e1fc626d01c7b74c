"""One coverage-guided (atheris/libFuzzer) run of a target from ``fuzz/targets.py``.

``ECODESK_FUZZ_TARGET=package ECODESK_FUZZ_WORKDIR=/tmp/w python fuzz/fuzz_one.py CORPUS -max_total_time=60``
(``fuzz/run.py`` runs every target this way). An input that ends in anything but a clean refusal is written to
libFuzzer's artifact path and the run stops with a non-zero status.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["ecodesk"]):
    import ecodesk.crypto.keyslots
    import ecodesk.packages.agestream
    import ecodesk.packages.format
    import ecodesk.packages.inspection
    import ecodesk.packages.reader
    import ecodesk.packages.tarstream
    import ecodesk.records.intake
    import ecodesk.records.service
    import ecodesk.storage.contacts
    import ecodesk.storage.records  # noqa: F401

sys.path.insert(0, str(Path(__file__).resolve().parent))
from targets import TARGETS


def main() -> None:
    workdir = Path(os.environ["ECODESK_FUZZ_WORKDIR"])
    workdir.mkdir(parents=True, exist_ok=True)
    target = TARGETS[os.environ["ECODESK_FUZZ_TARGET"]](workdir)
    corpus = next((Path(a) for a in sys.argv[1:] if not a.startswith("-")), None)
    if corpus is not None:
        corpus.mkdir(parents=True, exist_ok=True)
        if not any(corpus.iterdir()):
            for i, seed in enumerate(target.seeds()):
                (corpus / f"seed-{i}").write_bytes(seed)
    atheris.Setup(sys.argv, target)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
