"""Choosing a new passphrase: two hidden fields, a strength meter, and the checks done before the slow KDF.

Used by the first-run dialog, the recovery dialog and "Change passphrase…". The strength estimate is a simple,
honest one (character classes, repeats and sequences, well-known words): it steers people towards several
unrelated words; the core enforces the minimum length.
"""

from __future__ import annotations

import math
import re
import unicodedata

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QProgressBar, QWidget

from ecodesk.i18n import N_, _
from ecodesk.ui.kit.widgets import passphrase_field

# Same value as ecodesk.storage.vault.MIN_PASSPHRASE_LENGTH (not imported: that module loads the crypto stack,
# which the start-up path avoids; a test checks that the two agree).
MIN_LENGTH = 10
ACCEPTABLE = 2  # "Fair" or better

STRENGTH_LABELS = [N_("Too short"), N_("Weak"), N_("Fair"), N_("Good"), N_("Strong")]
_COMMON = (
    "password", "passwort", "motdepasse", "contrasena", "contraseña", "qwertyuiop", "azertyuiop", "asdfghjkl",
    "123456789", "abcdefgh", "letmein", "welcome", "bienvenue", "bienvenido", "ecodesk", "iloveyou", "admin",
)  # fmt: skip


def passphrase_strength(text: str) -> int:
    """0 (too short) to 4 (strong)."""
    if len(text) < MIN_LENGTH:
        return 0
    lowered = text.lower()
    found = 0
    for word in _COMMON:
        if word in lowered:
            lowered = lowered.replace(word, "")
            found += 1
    pool = 0
    pool += 26 if re.search(r"[a-z]", text) else 0
    pool += 26 if re.search(r"[A-Z]", text) else 0
    pool += 10 if re.search(r"[0-9]", text) else 0
    pool += 33 if re.search(r"[\s!-/:-@\[-`{-~]", text) else 0
    pool += 64 if any(ord(ch) > 127 for ch in text) else 0
    effective = float(found)  # a well-known word is worth about one random character
    previous: str | None = None
    step: int | None = None
    for ch in lowered:
        if previous is not None:
            delta = ord(ch) - ord(previous)
            if delta == 0 or (abs(delta) == 1 and step == delta):
                previous = ch
                continue  # a repeat or a continuing sequence adds (almost) nothing
            step = delta if abs(delta) == 1 else None
        effective += 1
        previous = ch
    if len(set(text)) < 5:
        effective = min(effective, 4)
    bits = effective * math.log2(max(pool, 2))
    if bits < 35:
        return 1
    if bits < 55:
        return 2
    if bits < 75:
        return 3
    return 4


class NewPassphraseFields(QObject):
    """"New passphrase" and "Repeat" fields with a strength meter, added as rows of a form layout."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.first = passphrase_field(parent)
        self.second = passphrase_field(parent)
        self.meter = QProgressBar(parent)
        self.meter.setRange(0, 4)
        self.meter.setTextVisible(False)
        self.meter.setMaximumHeight(max(8, parent.fontMetrics().height() // 2))
        self.meter_text = QLabel(parent)
        self._meter_row = QWidget(parent)
        row = QHBoxLayout(self._meter_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.meter, 1)
        row.addWidget(self.meter_text)
        self.first_label = QLabel(parent)
        self.second_label = QLabel(parent)
        self.meter_label = QLabel(parent)
        self.first_label.setBuddy(self.first)
        self.second_label.setBuddy(self.second)
        self.first.textChanged.connect(self._update_meter)
        self.retranslate_ui()

    def add_to(self, form: QFormLayout) -> None:
        form.addRow(self.first_label, self.first)
        form.addRow(self.second_label, self.second)
        form.addRow(self.meter_label, self._meter_row)

    def retranslate_ui(self) -> None:
        self.first_label.setText(_("&New passphrase:"))
        self.second_label.setText(_("&Repeat passphrase:"))
        self.meter_label.setText(_("Strength:"))
        self.first.setAccessibleName(_("New passphrase"))
        self.first.setPlaceholderText(_("At least {n} characters; several unrelated words work well", n=MIN_LENGTH))
        self.second.setAccessibleName(_("Repeat the new passphrase"))
        self.meter.setAccessibleName(_("Passphrase strength"))
        self._update_meter()

    def _update_meter(self) -> None:
        score = passphrase_strength(self.first.text()) if self.first.text() else 0
        self.meter.setValue(score)
        self.meter_text.setText(_(STRENGTH_LABELS[score]) if self.first.text() else "")
        self.meter.setAccessibleDescription(self.meter_text.text())

    def problem(self) -> str | None:
        """What is wrong with the new passphrase (translated), or None when it can be used."""
        text = self.first.text()
        if len(text) < MIN_LENGTH:
            return _("The passphrase must have at least {n} characters.", n=MIN_LENGTH)
        if passphrase_strength(text) < ACCEPTABLE:
            return _("This passphrase is too easy to guess. Add more words or characters.")
        if unicodedata.normalize("NFC", text) != unicodedata.normalize("NFC", self.second.text()):
            return _("The two passphrases are not the same.")
        return None

    def value(self) -> str:
        return self.first.text()

    def clear(self) -> None:
        for field in (self.first, self.second):
            field.clear()

    def fields(self) -> tuple[QLineEdit, QLineEdit]:
        return self.first, self.second
