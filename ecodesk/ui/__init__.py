"""The desktop application (PySide6). The only part of EcoDesk that imports Qt."""

import sys

if sys.version_info < (3, 12):
    # PySide6 6.12's shiboken returns None/True/False without a new reference when running on Python 3.11 (it
    # assumes the immortal objects of 3.12+): every `parentWidget()` that finds no parent, every `Signal.emit()`
    # drops one reference, until the interpreter aborts with "none_dealloc" / "bool_dealloc". Give these
    # singletons a reference count no session can exhaust (what 3.12 does by making them immortal).
    import ctypes

    for _singleton in (None, True, False, Ellipsis, NotImplemented):
        ctypes.c_ssize_t.from_address(id(_singleton)).value += 1 << 40
    del _singleton
