"""Who decided, threatened or recommended each detrimental action, and whether that person knew of the
protected activity: the knowledge indicator concerns the person behind the action, not anyone named."""

from __future__ import annotations

from collections.abc import Sequence

from ecodesk.models import AllegedRetaliator, DetrimentalAction


def _key(name: str) -> str:
    return " ".join(name.lower().split())


def decider(retaliators: Sequence[AllegedRetaliator], action: DetrimentalAction) -> AllegedRetaliator | None:
    """The alleged retaliator named as the one who decided, threatened or recommended ``action``."""
    wanted = _key(action.decision_maker)
    return next((r for r in retaliators if wanted and _key(r.name) == wanted), None)


def deciders_knowledge(
    retaliators: Sequence[AllegedRetaliator], actions: Sequence[DetrimentalAction]
) -> bool | None:
    """Whether the persons behind the actions knew of the protected activity (True if any did, False if all
    did not, None if not known). When no action names one of the alleged retaliators, all of them count."""
    behind = [d for d in (decider(retaliators, a) for a in actions) if d is not None]
    known = [r.knew_of_protected_activity for r in (behind or list(retaliators))]
    if any(k is True for k in known):
        return True
    if known and all(k is False for k in known):
        return False
    return None
