"""The desktop application (PySide6). The only part of EcoDesk that imports Qt."""

import sys

import shiboken6

if sys.version_info < (3, 12) and tuple(shiboken6.__version_info__[:2]) >= (6, 12):
    # PySide6 6.12's shiboken returns None/True/False without a new reference when running on Python 3.11 (it
    # assumes the immortal objects of 3.12+): every `parentWidget()` that finds no parent, every `Signal.emit()`
    # drops one reference, until the interpreter aborts with "none_dealloc" / "bool_dealloc" (after ~100,000
    # calls: hours of use). Give these singletons a reference count no session can exhaust (what 3.12 does by
    # making them immortal). PySide6 6.11 does not have the bug, but its Addons wheel carries QtWebEngine.
    # tests/ui/test_long_session_refcounts.py reproduces the abort; remove this when shiboken is fixed.
    import ctypes

    for _singleton in (None, True, False, Ellipsis, NotImplemented):
        ctypes.c_ssize_t.from_address(id(_singleton)).value += 1 << 40
    del _singleton
