"""The evidence checklist: every item with its status, source, date, notes and encrypted attachments."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ecodesk.assessment import AssessmentAnswers, Step, build_checklist
from ecodesk.assessment.answers import EvidenceAnswer
from ecodesk.assessment.checklist import with_checklist
from ecodesk.errors import EcoDeskError
from ecodesk.i18n import _
from ecodesk.models import EVIDENCE_KIND_LABELS, EVIDENCE_STATUS_LABELS, EvidenceKind, EvidenceStatus
from ecodesk.ui.kit.dialogs import ask_open_path
from ecodesk.ui.kit.tasks import run_task
from ecodesk.ui.wizard.controls import OptionalDate, YesNo
from ecodesk.ui.wizard.page import StepPage, wrapped_label
from ecodesk.ui.wizard.state import AssessmentState
from ecodesk.ui.wizard.verification import AccountAndVerification


def choose_file(parent: QWidget) -> Path | None:
    """The file to attach (the one seam tests replace)."""
    name = ask_open_path(parent, _("Attach a file"))
    return Path(name) if name else None


def attach_file(state: AssessmentState, evidence_id: str, path: Path, progress: object = None) -> str:
    """Store the file encrypted in the vault, attached to the checklist item; returns the file's name."""
    settings = state.vault.settings
    assert state.reference is not None
    with path.open("rb") as stream:
        _case, ref = state.vault.attachments.attach(
            state.reference,
            evidence_id,
            path.name,
            stream,
            office=settings.office_code,
            saved_by=settings.officer_name,
        )
    return ref.name


class EvidencePage(StepPage):
    step = Step.evidence

    def __init__(self, state: AssessmentState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.items: list[EvidenceAnswer] = []
        self._shown = -1
        row = QHBoxLayout()
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(3)
        self.tree.setRootIsDecorated(False)
        self.tree.setMinimumWidth(400)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.currentItemChanged.connect(self._select)
        left = QVBoxLayout()
        left.addWidget(self.tree, 1)
        self.legend = QLabel(self)
        left.addWidget(self.legend)
        row.addLayout(left, 5)
        editor = QWidget(self)
        column = QVBoxLayout(editor)
        column.setContentsMargins(0, 0, 0, 0)
        self.why = wrapped_label(editor)
        column.addWidget(self.why)
        form = QFormLayout()
        self.status = QComboBox(editor)
        for status in EvidenceStatus:
            self.status.addItem("", status.value)
        self.status.currentIndexChanged.connect(self._edited)
        self.source = QLineEdit(editor)
        self.source.setMaxLength(500)
        self.source.textChanged.connect(self._edited)
        self.date = OptionalDate(editor)
        self.date.changed.connect(self._edited)
        self.notes = QPlainTextEdit(editor)
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(80)
        self.notes.textChanged.connect(self._edited)
        self.consent_label = QLabel(editor)
        self.consent_label.setWordWrap(True)
        self.consent = YesNo(parent=editor)
        self.consent.changed.connect(self._edited)
        self.files = QListWidget(editor)
        self.files.setMaximumHeight(70)
        self.attach_button = QPushButton(editor)
        self.attach_button.clicked.connect(self.attach)
        self.form_labels = [QLabel(editor) for _ in range(5)]
        for label, field in zip(
            self.form_labels, (self.status, self.source, self.date, self.notes, self.files), strict=True
        ):
            label.setBuddy(field)
            form.addRow(label, field)
        form.addRow(self.consent_label, self.consent)
        form.addRow("", self.attach_button)
        column.addLayout(form)
        column.addStretch(1)
        self.editor = editor
        row.addWidget(editor, 4)
        self.body.addLayout(row, 1)
        self.account = AccountAndVerification(self)
        self.account.changed.connect(self.mark_edited)
        self.body.addWidget(self.account)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.tree.setHeaderLabels([_("Item"), _("Status"), _("Files")])
        self.tree.setAccessibleName(_("Evidence checklist"))
        self.legend.setText(_("* required for this complaint"))
        for index in range(self.status.count()):
            self.status.setItemText(index, _(EVIDENCE_STATUS_LABELS[EvidenceStatus(self.status.itemData(index))]))
        names = [_("&Status"), _("S&ource"), _("&Date"), _("&Notes"), _("Files")]
        for label, name in zip(self.form_labels, names, strict=True):
            label.setText(name)
        self.status.setAccessibleName(_("Status"))
        self.source.setAccessibleName(_("Source"))
        self.source.setPlaceholderText(_("Who provided it, or where it is held"))
        self.date.retranslate_ui(_("Date of the evidence"))
        self.notes.setAccessibleName(_("Notes"))
        self.files.setAccessibleName(_("Attached files"))
        self.consent_label.setText(_("Does the complainant consent to the witnesses being contacted?"))
        self.consent.retranslate_ui(_("Consent to contact the witnesses"))
        self.attach_button.setText(_("&Attach a file…"))
        self.attach_button.setAccessibleName(_("Attach a file"))
        self.account.retranslate_ui()
        self._refresh_rows()
        self._show_why()

    # -- list ----------------------------------------------------------------------------------------------
    def _refresh_rows(self) -> None:
        required = {e.item.kind: e.required for e in build_checklist(self._answers_now())}
        stored = {e.id: e for e in self.state.case.evidence} if self.state.case else {}
        for row, item in enumerate(self.items):
            widget = self.tree.topLevelItem(row)
            if widget is None:
                continue
            mark = " *" if required.get(item.kind) else ""
            widget.setText(0, _(EVIDENCE_KIND_LABELS[item.kind]) + mark)
            widget.setText(1, _(EVIDENCE_STATUS_LABELS[item.status]))
            count = len(stored[item.id].attachments) if item.id in stored else 0
            widget.setText(2, str(count) if count else "")

    def _answers_now(self) -> AssessmentAnswers:
        return self.state.answers.model_copy(update={"evidence": list(self.items)})

    def _select(self, current: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None = None) -> None:
        self._keep_form()
        self._shown = self.tree.indexOfTopLevelItem(current) if current is not None else -1
        self.editor.setEnabled(self._shown >= 0)
        if self._shown < 0:
            return
        item = self.items[self._shown]
        was_loading, self._loading = self._loading, True
        try:
            self.status.setCurrentIndex(self.status.findData(item.status.value))
            self.source.setText(item.source)
            self.date.set_value(item.date)
            self.notes.setPlainText(item.notes)
            witness = item.kind is EvidenceKind.witness
            self.consent_label.setVisible(witness)
            self.consent.setVisible(witness)
            self.consent.set_value(item.consent_to_contact)
            self._show_files(item)
        finally:
            self._loading = was_loading
        self._show_why()

    def _show_why(self) -> None:
        if not 0 <= self._shown < len(self.items):
            self.why.setText("")
            return
        kind = self.items[self._shown].kind
        entry = next(e for e in build_checklist(self._answers_now()) if e.item.kind is kind)
        prefix = _("Required.") if entry.required else _("Recommended.")
        self.why.setText(f"{prefix} {entry.why.render()}")

    def _show_files(self, item: EvidenceAnswer) -> None:
        self.files.clear()
        stored = next((e for e in self.state.case.evidence if e.id == item.id), None) if self.state.case else None
        for ref in stored.attachments if stored else []:
            self.files.addItem(ref.name)

    def _keep_form(self) -> None:
        if not 0 <= self._shown < len(self.items):
            return
        item = self.items[self._shown]
        self.items[self._shown] = item.model_copy(
            update={
                "status": EvidenceStatus(self.status.currentData()),
                "source": self.source.text().strip(),
                "date": self.date.value(),
                "notes": self.notes.toPlainText(),
                "consent_to_contact": self.consent.value() if item.kind is EvidenceKind.witness else None,
            }
        )

    def _edited(self, *_args: object) -> None:
        if self._loading:
            return
        self._keep_form()
        self._refresh_rows()
        self.mark_edited()

    # -- page ----------------------------------------------------------------------------------------------
    def load(self, answers: AssessmentAnswers) -> None:
        self._shown = -1
        self.items = list(with_checklist(answers).evidence)
        order = {kind: index for index, kind in enumerate(EvidenceKind)}
        self.items.sort(key=lambda e: order[e.kind])
        self.tree.clear()
        for _item in self.items:
            self.tree.addTopLevelItem(QTreeWidgetItem(["", "", ""]))
        self._refresh_rows()
        self.tree.setCurrentItem(self.tree.topLevelItem(0))  # type: ignore[arg-type]
        self.account.load(answers)

    def store(self, answers: AssessmentAnswers) -> AssessmentAnswers:
        self._keep_form()
        return self.account.store(answers.model_copy(update={"evidence": list(self.items)}))

    def attach(self) -> None:
        """Save the page (so the item exists in the case), then attach the chosen file to the selected item."""
        if not 0 <= self._shown < len(self.items):
            return
        path = choose_file(self)
        if path is None:
            return
        self.capture()
        kind = self.items[self._shown].kind
        try:
            self.state.save(self.step)
            item = next(e for e in self.state.answers.evidence if e.kind is kind)
            run_task(self, _("Attaching {name}…", name=path.name), attach_file, self.state, str(item.id), path)
            self.state.reload()
        except (EcoDeskError, OSError) as exc:
            self.problem_line.show_problems(
                [str(exc) if isinstance(exc, EcoDeskError) else _("Cannot read the file to attach.")]
            )
            return
        row = self._shown
        self.initializePage()
        self.tree.setCurrentItem(self.tree.topLevelItem(row))  # type: ignore[arg-type]
