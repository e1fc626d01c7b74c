"""Names of what happened to a record (audit actions) and where a revision came from, for the History tab and
the case summary PDF."""

from __future__ import annotations

from ecodesk.i18n import N_, Translator

# The case's workflow: clock, measures, HQ decisions, closure (ecodesk/casework).
EVENT_LABELS: dict[str, str] = {
    "information_requested": N_("Information requested: assessment clock paused"),
    "information_received": N_("Information received: assessment clock restarted"),
    "assessment_completed": N_("Assessment completed: clock stopped"),
    "measure_recommended": N_("Protective measure recommended"),
    "measure_response": N_("The Administration's response to a measure recorded"),
    "submitted_to_hq": N_("Submitted to HQ"),
    "hq_review": N_("HQ review"),
    "chief_determination": N_("Determination of the Chief of the Ethics Office"),
    "referred_for_investigation": N_("Referred to the oversight office"),
    "investigation_received": N_("Investigation report received"),
    "final_determination": N_("Final determination"),
    "corrective_measures": N_("Corrective measures recommended to the Administration"),
    "case_closed": N_("Case closed"),
}

ACTION_LABELS = {
    "create": N_("Created"),
    "update": N_("Saved"),
    "attach": N_("File attached"),
    "export_attachment": N_("Unencrypted copy of a file exported"),
    "export": N_("Exported in a package"),
    "import": N_("Imported from a package"),
    "memo_signed": N_("Memo signed"),
    "memo_rendered": N_("Memo produced"),
    "conflict": N_("Conflicting edit kept as a revision"),
    "case_summary": N_("Case summary produced"),
    "case_summary_saved": N_("Unencrypted copy of the case summary saved"),
    "archive": N_("Archived"),
    "restore": N_("Restored from archive"),
    "withdraw": N_("Withdrawn as created in error"),
    **EVENT_LABELS,
}
ORIGIN_LABELS = {"local": N_("This vault"), "import": N_("Package"), "conflict": N_("Conflicting package")}


def action_label(action: str, t: Translator) -> str:
    return t.gettext(ACTION_LABELS[action]) if action in ACTION_LABELS else action


def origin_label(origin: str, t: Translator) -> str:
    head = origin.split(":", 1)[0]
    return t.gettext(ORIGIN_LABELS[head]) if head in ORIGIN_LABELS else origin
