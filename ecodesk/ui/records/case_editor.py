"""The retaliation case editor: title, status and dates on top; the case in tabs (overview, parties, protected
activities, detrimental actions, evidence with its files, assessment, history)."""

from __future__ import annotations

import datetime as dt
import os
import uuid
from pathlib import Path
from typing import Any, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from ecodesk.casework.rules import follow_up_problems
from ecodesk.errors import EcoDeskError
from ecodesk.i18n import N_, _, format_date, ngettext
from ecodesk.models import (
    CASE_STATUS_LABELS,
    DETERMINATION_LABELS,
    DETRIMENTAL_ACTION_LABELS,
    PROTECTED_ACTIVITY_LABELS,
    PROTECTIVE_MEASURE_LABELS,
    Determination,
    DetrimentalActionKind,
    ProtectedActivityKind,
    ProtectiveMeasure,
    RecordKind,
    RetaliationCase,
)
from ecodesk.models.common import new_id
from ecodesk.models.forms_of_address import FORM_OF_ADDRESS_LABELS
from ecodesk.models.workflow import ACTION_STATUS_LABELS
from ecodesk.storage.vault import Vault
from ecodesk.ui.kit.dialogs import ask_open_paths, ask_save_path, confirm, show_error
from ecodesk.ui.kit.session import Session
from ecodesk.ui.records.case_workflow import CaseWorkflowPanel
from ecodesk.ui.records.editor import NEW_CASE, Data, RecordEditor
from ecodesk.ui.records.evidence_panel import EvidencePanel
from ecodesk.ui.records.fields import Field, FieldForm, sub_errors
from ecodesk.ui.records.recusal_bar import RecusalBar
from ecodesk.ui.records.sections import Item, ListSection, SectionTexts

LANGUAGE_LABELS = {"en": "English", "fr": "Français", "es": "Español"}  # endonyms: not translated

TITLE_FIELDS = [Field("title", N_("Title"), hint=N_("e.g. Non-renewal after report to the oversight office"))]
META_FIELDS = [
    Field("status", N_("Status"), "choice", CASE_STATUS_LABELS),
    Field("received_on", N_("Received on"), "date"),
    Field("language", N_("Language of the case"), "choice", LANGUAGE_LABELS),
    Field("assessment_due_on", N_("Assessment due"), "date"),
]
OVERVIEW_FIELDS = [
    Field("summary", N_("Summary of the complaint"), "long"),
    Field("notes", N_("Notes"), "long"),
]
COMPLAINANT_FIELDS = [
    Field("complainant.name", N_("Name")),
    Field("complainant.form_of_address", N_("Form of address"), "choice", FORM_OF_ADDRESS_LABELS, optional=True),
    Field("complainant.position", N_("Position")),
    Field("complainant.office", N_("Office or duty station")),
    Field("complainant.email", N_("E-mail")),
    Field("complainant.phone", N_("Phone")),
    Field("complainant_consents_to_disclosure", N_("Consents to disclosure of identity"), "tristate"),
]
RETALIATOR_FIELDS = [
    Field("name", N_("Name")),
    Field("form_of_address", N_("Form of address"), "choice", FORM_OF_ADDRESS_LABELS, optional=True),
    Field("position", N_("Position")),
    Field("role", N_("Role towards the complainant"), hint=N_("e.g. first reporting officer")),
    Field("office", N_("Office or duty station")),
    Field("knew_of_protected_activity", N_("Knew of the protected activity"), "tristate"),
    Field("email", N_("E-mail")),
    Field("phone", N_("Phone")),
]
ACTIVITY_FIELDS = [
    Field("kind", N_("Kind"), "choice", PROTECTED_ACTIVITY_LABELS),
    Field("date", N_("Date"), "date"),
    Field("reported_to", N_("Reported to")),
    Field("description", N_("Description"), "long"),
]
ACTION_FIELDS = [
    Field("kind", N_("Kind"), "choice", DETRIMENTAL_ACTION_LABELS),
    Field("date", N_("Date"), "date"),
    Field("action_status", N_("Taken, threatened or recommended"), "choice", ACTION_STATUS_LABELS),
    Field("decision_maker", N_("Decided, threatened or recommended by")),
    Field("description", N_("Description"), "long"),
]


def _dated(label: str, item: Item) -> str:
    date = item.get("date")
    return f"{label} — {format_date(dt.date.fromisoformat(date))}" if date else label


def _kind_summary(labels: dict[Any, str], enum: type[Any]) -> Any:
    def summary(item: Item) -> str:
        try:
            label = _(labels[enum(item.get("kind") or "other")])
        except ValueError:
            label = str(item.get("kind"))
        return _dated(label, item)

    return summary


def _retaliator_summary(item: Item) -> str:
    name = item.get("name") or _("(no name)")
    return f"{name} — {item['role']}" if item.get("role") else name


def _attach_one(
    vault: Vault, reference: str, evidence_id: str | None, path: str, office: str, saved_by: str, progress: Any
) -> RetaliationCase:
    """Runs in a worker thread: stream one file into the vault (progress in bytes)."""
    size = max(os.path.getsize(path), 1)
    with open(path, "rb") as fh:
        saved, _ref = vault.attachments.attach(
            reference, evidence_id, Path(path).name, fh, office=office, saved_by=saved_by,
            progress=lambda done: progress(done, size),
        )
    return saved


def _export_one(vault: Vault, attachment_id: uuid.UUID, target: str, reference: str, record_id: uuid.UUID) -> int:
    from ecodesk.storage.atomic import atomic_output

    with atomic_output(Path(target)) as out:
        return vault.attachments.export(attachment_id, out, reference=reference, record_id=record_id)


class CaseEditor(RecordEditor):
    kind: ClassVar[RecordKind] = RecordKind.retaliation
    model = RetaliationCase
    new_title = NEW_CASE

    def __init__(self, session: Session, parent: QWidget | None = None, *, read_only: bool = False) -> None:
        super().__init__(session, parent, read_only=read_only)

        self.overview = FieldForm(OVERVIEW_FIELDS, self)
        self.complainant = FieldForm(COMPLAINANT_FIELDS, self)
        self.retaliators = ListSection(
            RETALIATOR_FIELDS, summary=_retaliator_summary, new_item=lambda: {"name": ""},
            texts=SectionTexts(N_("Alleged retaliators"), N_("Add person"), N_("Remove person"),
                               N_("No alleged retaliator recorded.")),
            parent=self,
        )
        self.activities = ListSection(
            ACTIVITY_FIELDS, summary=_kind_summary(PROTECTED_ACTIVITY_LABELS, ProtectedActivityKind),
            new_item=lambda: {"id": str(new_id()), "kind": "other", "date": None},
            texts=SectionTexts(N_("Protected activities"), N_("Add activity"), N_("Remove activity"),
                               N_("No protected activity recorded yet.")),
            parent=self,
        )
        self.actions = ListSection(  # type: ignore[assignment, method-assign]
            ACTION_FIELDS, summary=_kind_summary(DETRIMENTAL_ACTION_LABELS, DetrimentalActionKind),
            new_item=lambda: {"id": str(new_id()), "kind": "other", "date": None},
            texts=SectionTexts(N_("Detrimental actions"), N_("Add action"), N_("Remove action"),
                               N_("No detrimental action recorded yet.")),
            parent=self,
        )
        self.evidence = EvidencePanel(self.attach_files_to, self.export_attachment, self)
        self.workflow = CaseWorkflowPanel(self)

        self.complainant_box = QGroupBox(self)
        QVBoxLayout(self.complainant_box).addWidget(self.complainant)
        self.retaliators_box = QGroupBox(self)
        QVBoxLayout(self.retaliators_box).addWidget(self.retaliators)
        self.retaliators.hide_heading()
        parties = QWidget(self)
        parties_layout = QVBoxLayout(parties)
        parties_layout.addWidget(self.complainant_box)
        parties_layout.addWidget(self.retaliators_box, 1)

        self.assessment_text = QLabel(self)
        self.assessment_text.setWordWrap(True)
        self.assessment_text.setTextFormat(Qt.TextFormat.RichText)
        self.assessment_text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.wizard_button = QPushButton(self)
        self.wizard_button.clicked.connect(self.open_wizard)
        self.memo_button = QPushButton(self)
        self.memo_button.clicked.connect(self.open_memo)
        self.summary_button = QPushButton(self)
        self.summary_button.clicked.connect(self.open_summary)
        assessment = QWidget(self)
        assessment_layout = QVBoxLayout(assessment)
        scroll = QScrollArea(assessment)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.assessment_text)
        assessment_layout.addWidget(scroll, 1)
        row = QHBoxLayout()
        row.addWidget(self.wizard_button)
        row.addWidget(self.memo_button)
        row.addWidget(self.summary_button)
        row.addStretch(1)
        assessment_layout.addLayout(row)

        self._pages: list[tuple[QWidget, str]] = [
            (self._padded(self.overview), N_("Overview")),
            (self._scrolling(parties), N_("Parties")),
            (self._padded(self.activities), N_("Protected activities")),
            (self._padded(self.actions), N_("Detrimental actions")),  # type: ignore[arg-type]
            (self._padded(self.evidence), N_("Evidence")),
            (assessment, N_("Assessment")),
            (self.workflow, N_("Follow-up")),
        ]
        for page, _label in self._pages:
            self.tabs.addTab(page, "")
        for form in (self.title_form, self.meta_form, self.overview, self.complainant):
            form.changed.connect(self.on_changed)
        for section in (self.retaliators, self.activities, self.actions, self.evidence.section):
            section.changed.connect(self.on_changed)  # type: ignore[union-attr]
        self.workflow.changed.connect(self.on_changed)
        self.finish_setup()

    def build_header(self, layout: QVBoxLayout) -> None:
        self.title_form = FieldForm(TITLE_FIELDS, self)
        self.meta_form = FieldForm(META_FIELDS, self, columns=2)
        layout.addWidget(self.title_form)
        layout.addWidget(self.meta_form)
        self.recusal_bar = RecusalBar(self.session, self._saved_for_dialog, self._reload_stored, self)
        layout.addWidget(self.recusal_bar)

    def _scrolling(self, widget: QWidget) -> QWidget:
        """A tall tab (the parties: complainant and every alleged retaliator) scrolls inside the tab, so the
        editor still fits a 1280×800 screen."""
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(widget)
        return scroll

    def _padded(self, widget: QWidget) -> QWidget:
        page = QWidget(self)
        QVBoxLayout(page).addWidget(widget)
        return page

    # -- RecordEditor hooks ------------------------------------------------------------------------------
    def new_data(self) -> Data:
        office = self.session.vault.settings.office_code if self.session.is_unlocked else None
        return RetaliationCase(
            title="-", received_on=dt.date.today(), office=office
        ).model_dump(mode="json") | {"title": ""}

    def fill(self, data: Data) -> None:
        for form in (self.title_form, self.meta_form, self.overview, self.complainant):
            form.set_values(data)
        self.recusal_bar.show_recusal(data.get("recusal"), saved=bool(data.get("reference")))
        self.retaliators.set_items(data.get("alleged_retaliators") or [])
        self.activities.set_items(data.get("protected_activities") or [])
        self.actions.set_items(data.get("detrimental_actions") or [])  # type: ignore[attr-defined]
        self.evidence.section.set_items(data.get("evidence") or [])
        self.evidence.refresh()
        self._show_assessment(data)
        at_hq = self.session.is_unlocked and self.session.vault.settings.office_code == "HQ"
        self.workflow.fill(data, at_hq=at_hq)
        self.workflow.set_read_only(self.read_only)

    def collect(self, data: Data) -> None:
        for form in (self.title_form, self.meta_form, self.overview, self.complainant):
            form.values(into=data)
        data["alleged_retaliators"] = self.retaliators.items()
        data["protected_activities"] = self.activities.items()
        data["detrimental_actions"] = self.actions.items()  # type: ignore[attr-defined]
        data["evidence"] = self.evidence.section.items()
        self.workflow.collect(data)

    def rule_errors(self, record: Any) -> dict[str, str]:
        """The follow-up rules the services enforce (consent, HQ's reasons, the clear-and-convincing test)."""
        before = self.record if isinstance(self.record, RetaliationCase) else None
        return {path: _(message) for path, message in follow_up_problems(record, before).items()}

    def show_field_errors(self, errors: dict[str, str]) -> QWidget | None:
        first = None
        for form in (self.title_form, self.meta_form):
            first = form.show_errors(errors) or first
        pages = [
            (self.overview.show_errors(errors), 0),
            (self.complainant.show_errors(errors), 1),
            (self.retaliators.show_errors(sub_errors(errors, "alleged_retaliators")), 1),
            (self.activities.show_errors(sub_errors(errors, "protected_activities")), 2),
            (self.actions.show_errors(sub_errors(errors, "detrimental_actions")), 3),  # type: ignore[attr-defined]
            (self.evidence.section.show_errors(sub_errors(errors, "evidence")), 4),
            (self.workflow.show_errors(errors), 6),
        ]
        if first is None:
            for widget, page in pages:
                if widget is not None:
                    self.tabs.setCurrentIndex(page)
                    return widget
        return first

    def set_fields_read_only(self, read_only: bool) -> None:
        for form in (self.title_form, self.meta_form, self.overview, self.complainant):
            form.set_read_only(read_only)
        for section in (self.retaliators, self.activities, self.actions):
            section.set_read_only(read_only)  # type: ignore[union-attr]
        self.evidence.set_read_only(read_only)
        self.workflow.set_read_only(read_only)
        self.wizard_button.setVisible(not read_only)
        self.memo_button.setVisible(not read_only)
        self.summary_button.setVisible(not read_only)

    def retranslate_fields(self) -> None:
        self.recusal_bar.show_recusal(self.recusal_bar.recusal, saved=self.recusal_bar.saved)
        for form in (self.title_form, self.meta_form, self.overview, self.complainant):
            form.retranslate()
        for section in (self.retaliators, self.activities, self.actions):
            section.retranslate()  # type: ignore[union-attr]
        self.evidence.retranslate()
        self.workflow.retranslate()
        for index, (_page, label) in enumerate(self._pages):
            self.tabs.setTabText(index, _(label))
        self.complainant_box.setTitle(_("Complainant"))
        self.retaliators_box.setTitle(_("Alleged retaliators"))
        self.wizard_button.setText(_("Assessment wizard…"))
        self.wizard_button.setAccessibleName(_("Open the assessment wizard"))
        self.memo_button.setText(_("Memo…"))
        self.memo_button.setAccessibleName(_("Prepare the assessment memo"))
        self.summary_button.setText(_("Case summary…"))
        self.summary_button.setAccessibleName(_("Print or save the case summary with its history"))
        self.assessment_text.setAccessibleName(_("Assessment summary"))
        self._show_assessment(self._base)

    def focus_first(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.title_form.inputs["title"].setFocus(Qt.FocusReason.OtherFocusReason)

    # -- assessment --------------------------------------------------------------------------------------
    def _show_assessment(self, data: Data) -> None:
        from html import escape

        assessment = data.get("assessment") or {}

        def yes_no(value: object) -> str:
            return _("Not assessed") if value is None else (_("Yes") if value else _("No"))

        rows = [
            (_("Within the mandate"), yes_no(assessment.get("within_mandate"))),
            (_("Filed in time"), yes_no(assessment.get("filed_in_time"))),
            (_("Protected activity established"), yes_no((assessment.get("protected_activity") or {}).get(
                "established"))),
            (_("Detrimental action established"), yes_no((assessment.get("detrimental_action") or {}).get(
                "established"))),
            (_("Contributing factor established"), yes_no((assessment.get("contributing_factor") or {}).get(
                "established"))),
        ]
        determination = assessment.get("determination")
        conclusion = _(DETERMINATION_LABELS[Determination(determination)]) if determination else _("Not yet made")
        measures = [_(PROTECTIVE_MEASURE_LABELS[ProtectiveMeasure(m)]) for m in assessment.get("protective_measures")
                    or []]
        rows.append((_("Determination"), conclusion))
        rows.append((_("Interim protective measures"), ", ".join(measures) or _("None recommended")))
        completed = assessment.get("completed_on")
        rows.append((_("Completed on"), format_date(dt.date.fromisoformat(completed)) if completed else "—"))
        html = "<table cellspacing='6'>" + "".join(
            f"<tr><td><b>{escape(k)}</b></td><td>{escape(v)}</td></tr>" for k, v in rows
        ) + "</table>"
        if assessment.get("conclusion"):
            html += f"<p><b>{escape(_('Conclusion'))}</b><br>{escape(str(assessment['conclusion']))}</p>"
        self.assessment_text.setText(html)

    def _saved_for_dialog(self) -> str | None:
        """Dialogs work on the stored case: save pending edits first."""
        if self.record is None or self.is_dirty():
            if not self.save():
                return None
        return self.reference

    def open_wizard(self) -> None:
        reference = self._saved_for_dialog()
        if reference:
            from ecodesk.ui.wizard import AssessmentWizard

            AssessmentWizard(self.session, reference, self).exec()
            self._reload_stored()

    def open_memo(self) -> None:
        reference = self._saved_for_dialog()
        if reference:
            from ecodesk.ui.memo.dialog import MemoDialog

            MemoDialog(self.session, reference, self).exec()
            self._reload_stored()

    def open_summary(self) -> None:
        reference = self._saved_for_dialog()
        if reference:
            from ecodesk.ui.memo.case_summary_dialog import CaseSummaryDialog

            CaseSummaryDialog(self.session, reference, self).exec()

    def _reload_stored(self) -> None:
        if self.record is not None and self.session.is_unlocked and not self.is_dirty():
            stored = self.session.vault.records.get(self.record.id)
            if stored.revision != self.record.revision:
                self.load(stored)
                self.session.records_changed.emit()

    # -- attachments -------------------------------------------------------------------------------------
    def attach_files(self, paths: list[str], evidence_index: int | None = None) -> bool:
        """Attach files to an evidence item (the current one by default; a new item per file when there is
        none). What a drop does. The case is saved first when it has unsaved changes."""
        return self.attach_files_to(paths, self.evidence.section.current_index() if evidence_index is None
                                    else evidence_index)

    def attach_files_to(self, paths: list[str], index: int) -> bool:
        if self.read_only:
            return False
        if not paths:
            paths = ask_open_paths(self, _("Add files to this evidence item"))
            if not paths:
                return False
        items = self.evidence.section.items()
        evidence_id = str(items[index]["id"]) if 0 <= index < len(items) else None
        if (self.record is None or self.is_dirty()) and not self.save():
            self.status_message.emit(_("Save the case before attaching files."))
            return False
        from ecodesk.storage.attachments import Cancelled
        from ecodesk.ui.kit.tasks import run_task

        settings = self.session.vault.settings
        attached, saved = 0, None
        for path in paths:
            name = Path(path).name
            try:
                saved = run_task(self, _("Encrypting {name}…", name=name), _attach_one, self.session.vault,
                                 self.reference, evidence_id, path, settings.office_code, settings.officer_name)
            except Cancelled:
                self.status_message.emit(_("Attaching {name} was cancelled; nothing was added.", name=name))
                break
            except EcoDeskError as exc:
                show_error(self, str(exc))
                break
            except OSError:
                show_error(self, _("{name} could not be read. Check that the file exists and that you may open it.",
                                   name=name))
                break
            attached += 1
            if evidence_id is None and isinstance(saved, RetaliationCase):
                evidence_id = str(saved.evidence[-1].id)
        if saved is not None:
            position = next((i for i, e in enumerate(saved.evidence) if str(e.id) == evidence_id), index)
            self.load(saved)
            self.evidence.section.select(position)
            self.tabs.setCurrentIndex(4)
            self.session.records_changed.emit()
            self.status_message.emit(
                ngettext("{n} file attached to {reference}.", "{n} files attached to {reference}.", attached,
                         reference=self.reference)
            )
        return attached == len(paths)

    def export_attachment(self, attachment_id: uuid.UUID) -> bool:
        """Write an unencrypted copy of an attachment where the user chooses, after a warning."""
        if self.record is None:
            return False
        name = next((str(a["name"]) for item in self.evidence.section.items() for a in item.get("attachments") or []
                     if str(a["id"]) == str(attachment_id)), "attachment")
        if not confirm(self, _("Export an unencrypted copy"),
                       _("The copy of {name} will NOT be encrypted.", name=name),
                       _("Anyone with access to the folder you choose can read it. Delete it when you no longer "
                         "need it.")):
            return False
        target = ask_save_path(self, _("Export an unencrypted copy"), name)
        if not target:
            return False
        from ecodesk.ui.kit.tasks import run_task

        try:
            run_task(self, _("Exporting {name}…", name=name), _export_one, self.session.vault, attachment_id, target,
                     self.reference, self.record.id)
        except (EcoDeskError, OSError) as exc:
            show_error(self, str(exc) if isinstance(exc, EcoDeskError) else _("The copy could not be written there."))
            return False
        self.status_message.emit(_("Unencrypted copy of {name} exported.", name=name))
        self.history.load(self.record.id)
        return True


__all__ = ["CaseEditor"]
