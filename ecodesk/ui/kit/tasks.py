"""Work off the GUI thread, one mechanism for all: a ``_Worker`` run in a ``QThread``.

``run_task``: long operations (export, import, backup, seeding, signing) with a modal, cancellable progress dialog.
``BackgroundCall``: a call whose dialog stays in charge (the key derivation of unlock/create), with a callback.

    result = run_task(parent, _("Exporting…"), export_package, vault, ..., progress=...)

The function receives a ``progress(done, total) -> bool`` callback as keyword ``progress`` when it accepts
one; returning False from the callback asks it to stop. ``run_task`` returns the function's result, or
raises its exception in the GUI thread (so callers show ``EcoDeskError`` messages as usual).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from ecodesk.i18n import _


class _Worker(QObject):
    finished = Signal()
    progressed = Signal(int, int)

    def __init__(self, fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        super().__init__()
        self.fn, self.args, self.kwargs = fn, args, kwargs
        self.result: Any = None
        self.error: BaseException | None = None
        self.cancelled = False

    def progress(self, done: int, total: int = 0) -> bool:
        self.progressed.emit(int(min(done, 2**31 - 1)), int(min(total, 2**31 - 1)))
        return not self.cancelled

    def run(self) -> None:
        try:
            kwargs = dict(self.kwargs)
            try:
                accepts = "progress" in inspect.signature(self.fn).parameters
            except (TypeError, ValueError):
                accepts = False
            if accepts and "progress" not in kwargs:
                kwargs["progress"] = self.progress
            self.result = self.fn(*self.args, **kwargs)
        except BaseException as exc:
            self.error = exc
        finally:
            self.finished.emit()


class _ProgressSink(QObject):
    def __init__(self, dialog: QProgressDialog) -> None:
        super().__init__(dialog)
        self.dialog = dialog

    @Slot(int, int)
    def show_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.dialog.setMaximum(total)
            self.dialog.setValue(min(done, total))


def run_task(parent: QWidget | None, title: str, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Run ``fn(*args, **kwargs)`` in a worker thread while a modal progress dialog is shown."""
    dialog = QProgressDialog(title, _("Cancel"), 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    thread = QThread()
    worker = _Worker(fn, args, kwargs)
    worker.moveToThread(thread)

    # A plain function connected to the worker's signal would run in the worker thread (and touch the
    # dialog from there: a crash); a QObject living in the GUI thread gets the calls queued to it.
    sink = _ProgressSink(dialog)

    def on_cancel() -> None:
        worker.cancelled = True
        dialog.setLabelText(_("Cancelling…"))

    worker.progressed.connect(sink.show_progress)
    dialog.canceled.connect(on_cancel)
    thread.started.connect(worker.run)
    worker.finished.connect(thread.quit)
    thread.finished.connect(dialog.accept)
    thread.start()
    dialog.exec()
    thread.wait()
    if worker.error is not None:
        raise worker.error
    return worker.result


class BackgroundCall(QObject):
    """Run ``fn(*args)`` in a worker thread and call ``on_done(result, error)`` back in the GUI thread.

    Used for the slow key derivation of unlock/create so that the dialog stays responsive (it shows its own busy
    bar). Keep a reference to the object until ``on_done`` has run.
    """

    def __init__(
        self, fn: Callable[..., Any], *args: Any, on_done: Callable[[Any, BaseException | None], None]
    ) -> None:
        super().__init__()
        self._on_done = on_done
        self._thread = QThread()
        self._worker = _Worker(fn, args, {})
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.finished.connect(self._thread.quit)
        self._thread.finished.connect(self._deliver)  # queued: this object lives in the GUI thread
        self.running = False

    def start(self) -> None:
        self.running = True
        self._thread.start()

    @Slot()
    def _deliver(self) -> None:
        self._thread.wait()
        self.running = False
        self._on_done(self._worker.result, self._worker.error)
