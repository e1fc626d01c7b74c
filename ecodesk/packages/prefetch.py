"""Read ahead in a worker thread: the consumer of an iterator gets its next items while the worker already
produces the following ones.

Used by export to overlap reading attachments out of the vault (SQLCipher decrypts and checks every page, and
the SHA-256 of the stored file is checked; both release the GIL) with age encryption in the calling thread
(pyrage holds the GIL). At most ``depth`` items wait in memory. Exceptions raised by the iterator reach the
consumer unchanged, at the point where it would have seen them; if the consumer stops early, the worker is
stopped and the iterator closed (in the worker thread) before ``prefetched`` returns.
"""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Generator, Iterable
from typing import TypeVar

T = TypeVar("T")

_END = object()


class _Failure:
    def __init__(self, error: BaseException) -> None:
        self.error = error


class _Stopped(Exception):
    pass


def prefetched(items: Iterable[T], *, depth: int = 8, name: str = "ecodesk-prefetch") -> Generator[T, None, None]:
    """Yield the items of ``items`` as they are, produced ahead by a worker thread (``depth`` at most waiting).
    Close the generator when stopping early (``close()``): that stops the worker thread.

    ``items`` must not need a lock that the consumer holds while it iterates (e.g. a database transaction
    opened by the consumer's thread): the worker would wait for it forever.
    """
    handoff: queue.Queue[object] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def put(item: object) -> None:
        while True:
            if stop.is_set():
                raise _Stopped()
            try:
                handoff.put(item, timeout=0.1)
                return
            except queue.Full:
                continue

    def run() -> None:
        iterator = iter(items)
        try:
            for item in iterator:
                put(item)
            put(_END)
        except _Stopped:
            pass
        except BaseException as exc:
            with contextlib.suppress(_Stopped):
                put(_Failure(exc))
        finally:
            close = getattr(iterator, "close", None)
            if close is not None:
                with contextlib.suppress(Exception):
                    close()

    worker = threading.Thread(target=run, name=name, daemon=True)
    worker.start()
    try:
        while True:
            item = handoff.get()
            if item is _END:
                return
            if isinstance(item, _Failure):
                raise item.error
            yield item  # type: ignore[misc]
    finally:
        stop.set()
        while worker.is_alive():
            with contextlib.suppress(queue.Empty):
                while True:
                    handoff.get_nowait()
            worker.join(timeout=0.05)
