"""Where the product's read-only resources (catalogs, fonts, icons) are found.

In a source checkout and an editable install they are in ``resources/`` beside the package; in a PyInstaller
bundle they are unpacked under ``sys._MEIPASS``; a wheel install puts them in ``<prefix>/share/ecodesk``.
"""

from __future__ import annotations

import sys
from pathlib import Path


def _candidates() -> list[Path]:
    found = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        found.append(Path(bundle) / "resources")
    found.append(Path(__file__).resolve().parent.parent / "resources")
    found.append(Path(sys.prefix) / "share" / "ecodesk" / "resources")
    return found


def resources_root() -> Path:
    for candidate in _candidates():
        if candidate.is_dir():
            return candidate
    return _candidates()[0]


def resource_path(*parts: str) -> Path:
    """Path of a resource file or folder, e.g. ``resource_path("fonts", "DejaVuSans.ttf")``."""
    return resources_root().joinpath(*parts)
