"""The case editor's "Follow-up" tab: the kind of request and good faith, information requests (the clock),
protective measures with the Administration's response, the submission to HQ, HQ's decisions (editable in an
HQ vault only: they reach regional offices in packages) and closure."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QLabel, QScrollArea, QVBoxLayout, QWidget

from ecodesk.casework.summary import clock_lines
from ecodesk.i18n import N_, _, format_date
from ecodesk.models import DETERMINATION_LABELS, PROTECTIVE_MEASURE_LABELS, RetaliationCase
from ecodesk.models.common import new_id
from ecodesk.models.workflow import (
    FINAL_OUTCOME_LABELS,
    MEASURE_RESPONSE_LABELS,
    REQUEST_KIND_LABELS,
    REVIEW_OUTCOME_LABELS,
)
from ecodesk.ui.records.fields import Field, FieldForm, sub_errors
from ecodesk.ui.records.sections import Item, ListSection, SectionTexts

Data = dict[str, Any]

REQUEST_FIELDS = [
    Field("request_kind", N_("Kind of request"), "choice", REQUEST_KIND_LABELS),
    Field("good_faith.indication_of_bad_faith", N_("Any indication that the report was knowingly false?"),
          "tristate"),
    Field("good_faith.notes", N_("Good faith: basis (good faith is presumed)"), "long"),
]  # fmt: skip
INFORMATION_FIELDS = [
    Field("requested_on", N_("Requested on"), "date"),
    Field("what", N_("Information requested")),
    Field("requested_from", N_("Requested from")),
    Field("received_on", N_("Received on"), "date"),
]
MEASURE_FIELDS = [
    Field("kind", N_("Measure"), "choice", PROTECTIVE_MEASURE_LABELS),
    Field("details", N_("Details"), "long"),
    Field("complainant_consents", N_("Complainant consents"), "tristate"),
    Field("recommended_to", N_("Recommended to")),
    Field("recommended_on", N_("Recommended on"), "date"),
    Field("response", N_("Administration's response"), "choice", MEASURE_RESPONSE_LABELS),
    Field("accepted_on", N_("Accepted on"), "date"),
    Field("implemented_on", N_("Implemented on"), "date"),
    Field("declined_on", N_("Declined on"), "date"),
    Field("follow_up_on", N_("Follow up on"), "date"),
    Field("notes", N_("Notes"), "long"),
]
REGIONAL_FIELDS = [
    Field("submission.submitted_on", N_("Submitted to HQ on"), "date"),
    Field("submission.package_id", N_("Submission package")),
    Field("closure.closed_on", N_("Closed on"), "date"),
    Field("closure.letter_sent_on", N_("Letter to the complainant sent on"), "date"),
    Field("closure.notes", N_("Closure notes"), "long"),
]
HQ_FIELDS = [
    Field("hq_decision.reviewed_by", N_("Reviewed at HQ by")),
    Field("hq_decision.reviewed_on", N_("Reviewed on"), "date"),
    Field("hq_decision.review_outcome", N_("Review"), "choice", REVIEW_OUTCOME_LABELS, optional=True),
    Field("hq_decision.review_reasons", N_("Reasons for the change"), "long"),
    Field("hq_decision.determination", N_("Determination of the Chief of the Ethics Office"), "choice",
          DETERMINATION_LABELS, optional=True),
    Field("hq_decision.determined_by", N_("Determined by")),
    Field("hq_decision.determined_on", N_("Determined on"), "date"),
    Field("hq_decision.referred_on", N_("Referred to the oversight office on"), "date"),
    Field("hq_decision.oversight_reference", N_("Oversight office's reference")),
    Field("hq_decision.expected_completion", N_("Expected completion"), "date"),
    Field("hq_decision.investigation_received_on", N_("Investigation report received on"), "date"),
    Field("hq_decision.investigation_summary", N_("Investigation findings"), "long"),
    Field("hq_decision.final_outcome", N_("Final determination"), "choice", FINAL_OUTCOME_LABELS, optional=True),
    Field("hq_decision.final_determined_on", N_("Final determination on"), "date"),
    Field("hq_decision.organization_evidence",
          N_("The Organization's evidence that it would have taken the same action"), "long"),
    Field("hq_decision.clear_and_convincing", N_("Is that evidence clear and convincing?"), "tristate"),
    Field("hq_decision.corrective_measures", N_("Corrective measures recommended to the Administration"), "long"),
    Field("hq_decision.corrective_recommended_on", N_("Recommended on"), "date"),
    Field("hq_decision.disciplinary_referral_to", N_("Retaliator referred for disciplinary action to")),
    Field("hq_decision.disciplinary_referral_on", N_("Referred on"), "date"),
]  # fmt: skip


def _request_summary(item: Item) -> str:
    what = item.get("what") or _("Information requested")
    on = item.get("requested_on")
    text = f"{what} — {format_date(dt.date.fromisoformat(on))}" if on else what
    if not item.get("received_on"):
        text += " · " + _("awaited")
    return text


def _measure_summary(item: Item) -> str:
    try:
        from ecodesk.models import ProtectiveMeasure
        from ecodesk.models.workflow import MeasureResponse

        label = _(PROTECTIVE_MEASURE_LABELS[ProtectiveMeasure(item.get("kind") or "other")])
        response = _(MEASURE_RESPONSE_LABELS[MeasureResponse(item.get("response") or "pending")])
    except ValueError:
        return str(item.get("kind"))
    return f"{label} — {response}"


class CaseWorkflowPanel(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.at_hq = False
        self._data: Data = {}
        self.clock = QLabel(self)
        self.clock.setWordWrap(True)
        self.request = FieldForm(REQUEST_FIELDS, self)
        self.requests = ListSection(
            INFORMATION_FIELDS, summary=_request_summary,
            new_item=lambda: {"id": str(new_id()), "requested_on": dt.date.today().isoformat()},
            texts=SectionTexts(N_("Information requests (the assessment clock)"), N_("Add request"),
                               N_("Remove request"), N_("No information requested.")),
            parent=self,
        )  # fmt: skip
        self.measures = ListSection(
            MEASURE_FIELDS, summary=_measure_summary,
            new_item=lambda: {"id": str(new_id()), "kind": "other", "response": "pending", "interim": True},
            texts=SectionTexts(N_("Protective measures"), N_("Add measure"), N_("Remove measure"),
                               N_("No protective measure recommended.")),
            parent=self,
        )  # fmt: skip
        self.regional = FieldForm(REGIONAL_FIELDS, self)
        self.hq = FieldForm(HQ_FIELDS, self)
        self.hq_box = QGroupBox(self)
        QVBoxLayout(self.hq_box).addWidget(self.hq)
        content = QWidget(self)
        layout = QVBoxLayout(content)
        for widget in (self.clock, self.request, self.requests, self.measures, self.regional, self.hq_box):
            layout.addWidget(widget)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        QVBoxLayout(self).addWidget(scroll)
        for form in (self.request, self.regional, self.hq):
            form.changed.connect(self.changed)
        for section in (self.requests, self.measures):
            section.changed.connect(self.changed)
        self.retranslate()

    def fill(self, data: Data, *, at_hq: bool) -> None:
        self.at_hq = at_hq
        for form in (self.request, self.regional, self.hq):
            form.set_values(data)
        self.requests.set_items(data.get("information_requests") or [])
        self.measures.set_items(data.get("measures") or [])
        self._show_clock(data)

    def collect(self, data: Data) -> None:
        self.request.values(into=data)
        self.regional.values(into=data)
        if self.at_hq:  # elsewhere HQ's decisions are shown, never written
            self.hq.values(into=data)
        data["information_requests"] = self.requests.items()
        data["measures"] = self.measures.items()

    def show_errors(self, errors: dict[str, str]) -> QWidget | None:
        found = [
            self.request.show_errors(errors), self.regional.show_errors(errors), self.hq.show_errors(errors),
            self.requests.show_errors(sub_errors(errors, "information_requests")),
            self.measures.show_errors(sub_errors(errors, "measures")),
        ]  # fmt: skip
        return next((w for w in found if w is not None), None)

    def set_read_only(self, read_only: bool) -> None:
        self.request.set_read_only(read_only)
        self.regional.set_read_only(read_only)
        self.hq.set_read_only(read_only or not self.at_hq)
        self.requests.set_read_only(read_only)
        self.measures.set_read_only(read_only)

    def retranslate(self) -> None:
        for form in (self.request, self.regional, self.hq):
            form.retranslate()
        self.requests.retranslate()
        self.measures.retranslate()
        self.hq_box.setTitle(_("HQ's decisions (recorded at HQ, received in packages)"))
        self._show_clock(self._data)  # the clock's lines are in the language of the moment

    def _show_clock(self, data: Data) -> None:
        self._data = data
        try:
            case = RetaliationCase.model_validate(data)
        except ValueError:
            self.clock.setText("")
            return
        self.clock.setText("\n".join(f"{label}: {value}" for label, value in clock_lines(case, dt.date.today())))
