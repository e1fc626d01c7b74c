"""Regenerate the example memo pages in this folder: ONE case, assessed once, signed in English, French and Spanish.

    make memos        (or: .venv/bin/python docs/memos/make_examples.py)

The case is fictitious (``ecodesk.memo.specimen``), opened in English and run through the assessment rules like a
real one: what the officer typed stays in English in the three memos, everything else is in the memo's language.
Needs pdftoppm (poppler-utils); ImageMagick's convert, if present, shrinks the images. The signing identity is
made up on the spot, so each run gives a new signature.
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
    for old in HERE.glob("memo-[a-z][a-z]-*.png"):
        old.unlink()
    case = specimen_case(paragraph_repeats=1)
    for language in ("en", "fr", "es"):
        rendered = render_memo(
            case,
            specimen_settings(),
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
    for image in sorted(HERE.glob("memo-[a-z][a-z]-*.png")):
        _shrink(image)
        print(f"{image.name}: {image.stat().st_size // 1024} KiB")


def _shrink(image: Path) -> None:
    """A 32-colour palette makes the pages about 3x smaller (Pillow, which reportlab already needs)."""
    try:
        from PIL import Image
    except ImportError:
        return
    with Image.open(image) as page:
        small = page.convert("RGB").quantize(colors=32, dither=Image.Dither.NONE)
    small.save(image, optimize=True)


if __name__ == "__main__":
    main()
