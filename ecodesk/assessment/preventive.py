"""Preventive protection: a person at risk after reporting asks for protection before any retaliation.

This is its own path, not "outside the mandate": no detrimental action is needed; when the person is covered
and a protected activity is described, the suggestion is preventive protection (measures recommended).
"""

from __future__ import annotations

from ecodesk.models import Determination
from ecodesk.models.workflow import RequestKind


def preventive_suggestion(
    kind: RequestKind, suggested: Determination | None, *, covered: bool | None, activity_described: bool
) -> Determination | None:
    """The suggested determination for this kind of request (``suggested`` for a retaliation complaint)."""
    if kind is not RequestKind.preventive:
        return suggested
    if covered is False:
        return Determination.out_of_mandate
    if covered and activity_described:
        return Determination.preventive_protection
    return suggested
