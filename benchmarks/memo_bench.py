"""Time to render and sign a 5-page assessment memo (target: under 0.5 s), per language.

    .venv/bin/python benchmarks/memo_bench.py

Prints the median of several runs for rendering, signing, and both, with the ratio to the target.
The first run (font loading, imports) is reported on its own.
"""

from __future__ import annotations

import statistics
import time

from ecodesk.crypto.identity import VaultIdentity
from ecodesk.memo.render import render_memo
from ecodesk.memo.signing import sign_pdf
from ecodesk.memo.specimen import specimen_case, specimen_settings
from ecodesk.models import RetaliationCase

TARGET_SECONDS = 0.5
RUNS = 7


def _five_page_case(language: str) -> tuple[RetaliationCase, int]:
    """The specimen with narratives long enough for five pages in ``language``."""
    repeats = 4
    while True:
        case = specimen_case(paragraph_repeats=repeats)
        pages = render_memo(case, specimen_settings(language), language=language, signed=True).pages
        if pages >= 5:
            return case, pages
        repeats += 1


def main() -> None:
    identity = VaultIdentity.generate("Awa Diop", "DKR")
    key, certificate = identity.memo_private_key(), identity.memo_certificate()
    started = time.perf_counter()
    first = render_memo(specimen_case(), specimen_settings(), language="en", signed=True)
    sign_pdf(first.pdf, key, certificate, box=(first.signature_spot.page, first.signature_spot.box))
    print(f"first memo of the process (loads fonts): {time.perf_counter() - started:.3f} s")
    print(f"{'lang':<5}{'pages':>6}{'render s':>10}{'sign s':>9}{'total s':>9}{'vs target':>11}")
    for language in ("en", "fr", "es"):
        case, pages = _five_page_case(language)
        settings = specimen_settings(language)
        render_times, sign_times = [], []
        for _run in range(RUNS):
            t0 = time.perf_counter()
            rendered = render_memo(case, settings, language=language, signed=True)
            t1 = time.perf_counter()
            spot = rendered.signature_spot
            sign_pdf(rendered.pdf, key, certificate, box=(spot.page, spot.box))
            t2 = time.perf_counter()
            render_times.append(t1 - t0)
            sign_times.append(t2 - t1)
        render_s, sign_s = statistics.median(render_times), statistics.median(sign_times)
        total = render_s + sign_s
        print(f"{language:<5}{pages:>6}{render_s:>10.3f}{sign_s:>9.3f}{total:>9.3f}{total / TARGET_SECONDS:>10.0%}")


if __name__ == "__main__":
    main()
