"""Assessment memos: rendered in memory (reportlab), signed (PAdES, pyHanko), verified.

``render_memo`` is a pure function of the case and the office settings; ``ecodesk.memo.service`` connects it
to the vault (signing key, signed-memo storage, audit events).
"""

from ecodesk.memo.render import RenderedMemo, render_memo
from ecodesk.memo.verify import KnownSigner, MemoVerification, SignerStatus, verify_memo

__all__ = ["KnownSigner", "MemoVerification", "RenderedMemo", "SignerStatus", "render_memo", "verify_memo"]
