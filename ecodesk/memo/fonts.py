"""The memo's embedded Unicode fonts (DejaVu, shipped in ``resources/fonts``).

Registered once per process with reportlab; glyphs are embedded as subsets, so names such as
"Ngozi Adébáyọ̀" or "Nguyễn Thị Hồng" print the same on every computer and are extractable as text.
"""

from __future__ import annotations

import threading

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ecodesk.resources import resource_path

SERIF = "MemoSerif"
SERIF_BOLD = "MemoSerif-Bold"
SERIF_ITALIC = "MemoSerif-Italic"
SANS = "MemoSans"
SANS_BOLD = "MemoSans-Bold"

_FILES = {
    SERIF: "DejaVuSerif.ttf",
    SERIF_BOLD: "DejaVuSerif-Bold.ttf",
    SERIF_ITALIC: "DejaVuSerif-Italic.ttf",
    SANS: "DejaVuSans.ttf",
    SANS_BOLD: "DejaVuSans-Bold.ttf",
}
_lock = threading.Lock()
_registered = False


def register_fonts() -> None:
    """Register the memo fonts with reportlab (idempotent, thread-safe).

    Raises FileNotFoundError if the installation lacks ``resources/fonts`` (a broken install).
    """
    global _registered
    with _lock:
        if _registered:
            return
        for name, filename in _FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", filename))))
        pdfmetrics.registerFontFamily(SERIF, normal=SERIF, bold=SERIF_BOLD, italic=SERIF_ITALIC, boldItalic=SERIF_BOLD)
        pdfmetrics.registerFontFamily(SANS, normal=SANS, bold=SANS_BOLD, italic=SANS, boldItalic=SANS_BOLD)
        _registered = True
