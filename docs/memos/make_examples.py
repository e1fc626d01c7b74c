"""Regenerate the example memo pages in this folder: a signed specimen memo in English, French and Spanish.

    .venv/bin/python docs/memos/make_examples.py

Needs pdftoppm (poppler-utils); ImageMagick's convert, if present, shrinks the images. The case is fictitious
(ecodesk.memo.specimen); the signing identity is made up on the spot, so each run gives a new signature.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import tempfile
from pathlib import Path

from ecodesk.crypto.identity import VaultIdentity
from ecodesk.i18n import Translator
from ecodesk.memo.render import render_memo
from ecodesk.memo.signing import sign_pdf
from ecodesk.memo.specimen import specimen_case, specimen_settings

HERE = Path(__file__).resolve().parent


def main() -> None:
    pdftoppm = shutil.which("pdftoppm")
    if not pdftoppm:
        raise SystemExit("pdftoppm (poppler-utils) is needed")
    identity = VaultIdentity.generate("Awa Diop", "DKR")
    for old in HERE.glob("memo-*.png"):
        old.unlink()
    for language in ("en", "fr", "es"):
        rendered = render_memo(
            specimen_case(paragraph_repeats=2, language=language),
            specimen_settings(language),
            language=language,
            signed=True,
            date=dt.date(2026, 3, 20),
        )
        spot = rendered.signature_spot
        pdf = sign_pdf(
            rendered.pdf,
            identity.memo_private_key(),
            identity.memo_certificate(),
            box=(spot.page, spot.box),
            caption=Translator(language).gettext("Digitally signed"),
        )
        with tempfile.TemporaryDirectory() as tmp:
            source = Path(tmp) / "memo.pdf"
            source.write_bytes(pdf)
            subprocess.run([pdftoppm, "-r", "60", "-png", str(source), str(HERE / f"memo-{language}")], check=True)
    convert = shutil.which("convert")  # ImageMagick, optional: a 32-colour palette makes the pages 3x smaller
    for image in sorted(HERE.glob("memo-*.png")):
        if convert:
            subprocess.run(
                [convert, str(image), "-dither", "None", "-colors", "32", "-strip", f"PNG8:{image}"], check=True
            )
        print(f"{image.name}: {image.stat().st_size // 1024} KiB")


if __name__ == "__main__":
    main()
