"""The confidential advice editor: the request (category, requester, question), the advice given with its
Standards of Conduct references, follow-up, and the record's history."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QGroupBox, QScrollArea, QVBoxLayout, QWidget

from ecodesk.i18n import N_
from ecodesk.models import (
    ADVICE_CATEGORY_LABELS,
    ADVICE_STATUS_LABELS,
    REQUESTER_TYPE_LABELS,
    AdviceCategory,
    AdviceRecord,
    RecordKind,
)
from ecodesk.ui.kit.session import Session
from ecodesk.ui.records.case_editor import LANGUAGE_LABELS
from ecodesk.ui.records.editor import NEW_ADVICE, Data, RecordEditor
from ecodesk.ui.records.fields import Field, FieldForm

META_FIELDS = [
    Field("status", N_("Status"), "choice", ADVICE_STATUS_LABELS),
    Field("received_on", N_("Received on"), "date"),
    Field("advised_on", N_("Advice given on"), "date"),
    Field("language", N_("Language of the request"), "choice", LANGUAGE_LABELS),
]
CATEGORY_FIELDS = [
    Field("categories", N_("Categories"), "multi", ADVICE_CATEGORY_LABELS,
          hint=N_("Every situation the request concerns")),
]
REQUESTER_FIELDS = [
    Field("requester_type", N_("Requester type"), "choice", REQUESTER_TYPE_LABELS, optional=True),
    Field("requester.anonymous", N_("The requester asked to remain anonymous"), "bool"),
    Field("requester.name", N_("Name")),
    Field("requester.position", N_("Position")),
    Field("requester.office", N_("Office or duty station")),
    Field("requester.email", N_("E-mail")),
]
ADVICE_FIELDS = [
    Field("question", N_("Question"), "long", hint=N_("What the staff member asked, in their words")),
    Field("advice", N_("Advice given"), "long"),
    Field(
        "standards_references",
        N_("Standards of Conduct references"),
        "lines",
        hint=N_("One reference per line, e.g. Standards of Conduct, para. 23"),
    ),
    Field("follow_up", N_("Follow-up"), "long"),
    Field("follow_up_on", N_("Follow up on"), "date"),
    Field("notes", N_("Notes"), "long"),
]
# What identifies the person; position and office stay (they describe the request, as in the statistics).
IDENTITY_FIELDS = ("requester.name", "requester.email")


class AdviceEditor(RecordEditor):
    kind: ClassVar[RecordKind] = RecordKind.advice
    model = AdviceRecord
    new_title = NEW_ADVICE

    def __init__(self, session: Session, parent: QWidget | None = None, *, read_only: bool = False) -> None:
        super().__init__(session, parent, read_only=read_only)
        self.requester = FieldForm(REQUESTER_FIELDS, self, columns=1)
        self.advice_form = FieldForm(ADVICE_FIELDS, self)
        self.requester_box = QGroupBox(self)
        QVBoxLayout(self.requester_box).addWidget(self.requester)
        content = QWidget(self)
        layout = QVBoxLayout(content)
        layout.addWidget(self.requester_box)
        layout.addWidget(self.advice_form, 1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        self.request_page = scroll
        self.tabs.addTab(scroll, "")
        anonymous = self.requester.inputs["requester.anonymous"]
        assert isinstance(anonymous, QCheckBox)
        self.anonymous = anonymous
        anonymous.toggled.connect(self._update_identity)
        for form in (self.meta_form, self.category_form, self.requester, self.advice_form):
            form.changed.connect(self.on_changed)
        self.finish_setup()

    def build_header(self, layout: QVBoxLayout) -> None:
        self.meta_form = FieldForm(META_FIELDS, self, columns=2)
        layout.addWidget(self.meta_form)
        self.category_form = FieldForm(CATEGORY_FIELDS, self)
        layout.addWidget(self.category_form)

    def _update_identity(self) -> None:
        anonymous = self.anonymous.isChecked()
        for key in IDENTITY_FIELDS:
            self.requester.inputs[key].setEnabled(not anonymous and not self.read_only)

    # -- RecordEditor hooks ------------------------------------------------------------------------------
    def new_data(self) -> Data:
        office = self.session.vault.settings.office_code if self.session.is_unlocked else None
        record = AdviceRecord(
            categories=[AdviceCategory.conflict_of_interest], question="-", received_on=dt.date.today(), office=office
        )
        return record.model_dump(mode="json") | {"question": ""}

    def fill(self, data: Data) -> None:
        for form in (self.meta_form, self.category_form, self.requester, self.advice_form):
            form.set_values(data)
        self._update_identity()

    def collect(self, data: Data) -> None:
        for form in (self.meta_form, self.category_form, self.requester, self.advice_form):
            form.values(into=data)
        if data.get("requester", {}).get("anonymous"):
            # An anonymous requester's identity is not kept, even if it was typed before ticking the box.
            for key in IDENTITY_FIELDS:
                data["requester"][key.split(".", 1)[1]] = ""

    def show_field_errors(self, errors: dict[str, str]) -> QWidget | None:
        first = self.meta_form.show_errors(errors) or self.category_form.show_errors(errors)
        inner = self.requester.show_errors(errors) or self.advice_form.show_errors(errors)
        if first is None and inner is not None:
            self.tabs.setCurrentWidget(self.request_page)
        return first or inner

    def set_fields_read_only(self, read_only: bool) -> None:
        for form in (self.meta_form, self.category_form, self.requester, self.advice_form):
            form.set_read_only(read_only)
        self._update_identity()

    def focus_first(self) -> None:
        self.category_form.inputs["categories"].setFocus(Qt.FocusReason.OtherFocusReason)

    def retranslate_fields(self) -> None:
        from ecodesk.i18n import _

        for form in (self.meta_form, self.category_form, self.requester, self.advice_form):
            form.retranslate()
        self.requester_box.setTitle(_("Requester"))
        self.tabs.setTabText(self.tabs.indexOf(self.request_page), _("Request and advice"))


__all__ = ["AdviceEditor"]
