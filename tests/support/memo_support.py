"""Helpers shared by the memo tests: poppler tools and a stored specimen case."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from pathlib import Path

from ecodesk.memo.specimen import specimen_case
from ecodesk.models import RetaliationCase
from ecodesk.records.service import save_record
from ecodesk.storage.vault import Vault

NAMES = ["Ngozi Adébáyọ̀", "José Pérez Ñúñez", "Nguyễn Thị Hồng"]


def tool(name: str) -> str:
    """Full path of a poppler-utils program (installed by ``make system-deps``)."""
    path = shutil.which(name)
    assert path, f"{name} (poppler-utils) is needed: make system-deps"
    return path


def normalized(text: str) -> str:
    """NFC, single spaces: a name wrapped across two lines is still the same name."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "memo-under-test.pdf"
    path.write_bytes(pdf)
    result = subprocess.run([tool("pdftotext"), "-layout", str(path), "-"], capture_output=True, check=True, text=True)
    return normalized(result.stdout)


def pdfsig(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "signed-under-test.pdf"
    path.write_bytes(pdf)
    return subprocess.run([tool("pdfsig"), str(path)], capture_output=True, text=True).stdout


def stored_specimen(vault: Vault, language: str = "en") -> RetaliationCase:
    case = specimen_case(paragraph_repeats=6).model_copy(update={"reference": None})
    saved = save_record(vault, case)
    assert isinstance(saved, RetaliationCase)
    return saved
