"""Home's first-run checklist for a new office: settings filled, HQ's identity card added and verified, first
case recorded. Each step says where to go; the list disappears once every step is done."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QPushButton, QWidget

from ecodesk.i18n import N_, _, ngettext
from ecodesk.models import RecordKind, SearchQuery
from ecodesk.storage.contacts import ContactRole
from ecodesk.storage.vault import Vault
from ecodesk.ui.kit.icons import app_icon
from ecodesk.ui.kit.retranslate import Retranslating


@dataclass(frozen=True)
class FirstRunStep:
    key: str
    text: str  # N_() text
    page: str  # the page of the main window where it is done
    done: bool


def first_run_steps(vault: Vault) -> list[FirstRunStep]:
    """The checklist of a new office, read through the vault's services (a few index-only reads)."""
    settings = vault.settings
    at_hq = settings.office_code == "HQ"
    contacts = [c for c in vault.contacts.list() if at_hq or c.role == ContactRole.hq]
    cases = vault.records.count(SearchQuery(kind=RecordKind.retaliation, limit=1))
    settings_text = N_(
        "Fill in the settings: the officer's name and title, the duty station and the organization name."
    )
    contact_text = (
        N_("Add an office's identity card with *Add from card…*")
        if at_hq
        else N_("Add HQ's identity card with *Add from card…*")
    )
    return [
        FirstRunStep("settings", settings_text, "settings", bool(settings.officer_name and settings.duty_station)),
        FirstRunStep("contact", contact_text, "contacts", bool(contacts)),
        FirstRunStep("verified", N_("Verify the fingerprint by phone with *Verify…*"), "contacts",
                     any(c.verified for c in contacts)),
        FirstRunStep("case", N_("Record the first case with *New case* (Ctrl+N)."), "cases", cases > 0),
    ]


class FirstRunChecklist(Retranslating, QGroupBox):
    """The steps with a tick when done and a button to the page where each is done."""

    go_to_page = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.steps: list[FirstRunStep] = []
        self.grid = QGridLayout(self)
        self.marks: list[QLabel] = []
        self.texts: list[QLabel] = []
        self.buttons: list[QPushButton] = []
        self.hide()
        self.retranslate_ui()

    def show_steps(self, steps: list[FirstRunStep]) -> None:
        """Show ``steps``; hidden when every one is done (or there are none: the vault is locked)."""
        self.steps = steps
        while len(self.marks) < len(steps):
            row = len(self.marks)
            mark, text, button = QLabel(self), QLabel(self), QPushButton(self)
            text.setWordWrap(True)
            button.clicked.connect(lambda _c=False, r=row: self.go_to_page.emit(self.steps[r].page))
            self.grid.addWidget(mark, row, 0)
            self.grid.addWidget(text, row, 1)
            self.grid.addWidget(button, row, 2)
            self.marks.append(mark)
            self.texts.append(text)
            self.buttons.append(button)
        self.grid.setColumnStretch(1, 1)
        self.setVisible(bool(steps) and not all(step.done for step in steps))
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        done, total = sum(s.done for s in self.steps), len(self.steps)
        title = ngettext(
            "Getting started: {done} of {total} step done", "Getting started: {done} of {total} steps done", total,
            done=done, total=total,
        )  # fmt: skip
        self.setTitle(title)
        size = QSize(self.fontMetrics().height(), self.fontMetrics().height())
        for step, mark, text, button in zip(self.steps, self.marks, self.texts, self.buttons, strict=False):
            mark.setPixmap(app_icon("circle-check-big" if step.done else "circle").pixmap(size))
            state = _("Done") if step.done else _("To do")
            mark.setAccessibleName(state)
            shown = _(step.text).replace("*", "")
            text.setText(f"<s>{shown}</s>" if step.done else shown)
            text.setAccessibleName(f"{state}: {shown}")
            button.setText(_("Go there"))
            button.setAccessibleName(_("Go to the page for: {step}", step=shown))
            button.setEnabled(not step.done)
