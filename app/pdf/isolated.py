"""Read documents in child processes, each reading bounded in time and memory.

A hostile file may make a reader loop, inflate gigabytes or crash the interpreter: nothing a file
holds may hang or kill the app, the window or the command line. Each :class:`ReadingProcess` is a
spawned Python process that runs one function at a time (``read_document``, the window's
``read_for_queue``) and answers through a pipe:

* **time**: the caller waits at most ``timeout`` seconds (:data:`READ_TIMEOUT`); past it the
  process is killed, the call raises :class:`ReadingStopped` (``reason="time"``) and the next call
  starts a fresh process;
* **memory**: on Linux the process's data segment is capped (:data:`MEMORY_LIMIT`,
  ``RLIMIT_DATA``); an allocation past it fails (``MemoryError``) or kills the process — either way
  the call raises :class:`ReadingStopped` (``reason="memory"`` / ``"crash"``), the document is
  *never* read again in the caller's own process;
* **orphans**: the process watches its parent (``multiprocessing.parent_process().sentinel``) and
  exits as soon as the parent is gone, however the parent ended (SIGTERM at logout, SIGKILL...).

:func:`read_document` is :func:`app.pdf.reader.read_document` through a shared pool: a
stopped reading becomes a :class:`~app.pdf.reader.DocumentReading` whose error (code ``unsafe``)
says why. :class:`ReadingPool` gives N processes to N calling threads (the window's reading pool).
"""

from __future__ import annotations

import atexit
import logging
import os
import queue
import sys
import threading
from pathlib import Path
from typing import Any, Callable

from app.domain.text import Text

log = logging.getLogger(__name__)

# seconds per document: a text invoice reads in ~2 s on 2 busy cores; OCR bounds itself
# (app.pdf.ocr.document: 75 s per document, 30 s per page) and must finish first
READ_TIMEOUT = 120.0
# bytes of data per reading process (Linux): a text or Factur-X invoice needs < 200 MB, OCR of a
# scanned page 600–850 MB (ONNX Runtime), a two-page scan up to ~300 MB more; a file that needs
# more is stopped. (At 1 GB, 2 to 3 of 20 scans dropped in the window failed with "bad_alloc".)
MEMORY_LIMIT = 1536 * 1024 * 1024
# A process that holds more than this share of the limit after a reading is replaced before the
# next one: ONNX Runtime and the allocator keep what OCR took (a reading process measured 600 MB of
# data after its first scan, 900 MB after twenty), so the room left for the next scan shrank.
# A fresh process starts at ~50 MB.
RECYCLE_FRACTION = 0.5


class ReadingStopped(Exception):
    """A reading process went past its time or memory limit, or died. ``reason``: ``"time"``,
    ``"memory"`` or ``"crash"``."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


def stopped_text(name: str, stop: ReadingStopped, timeout: float = READ_TIMEOUT) -> Text:
    """What a person reads when a document's reading was stopped."""
    if stop.reason == "time":
        why_fr, why_en = f"la lecture a dépassé {timeout:.0f} s", f"reading took more than {timeout:.0f} s"
    elif stop.reason == "memory":
        mb = MEMORY_LIMIT // (1024 * 1024)
        why_fr, why_en = f"il demandait plus de {mb} Mo de mémoire", f"it needed more than {mb} MB of memory"
    else:
        why_fr, why_en = "le processus de lecture s'est arrêté", "the reading process stopped"
    return Text(
        f"« {name} » n'a pas pu être lu sans risque ({why_fr}) : il a été arrêté, rien n'a été importé. "
        "Ouvrez-le dans un lecteur PDF pour vérifier, ou demandez une nouvelle copie à l'émetteur.",
        f"“{name}” could not be read safely ({why_en}): it was stopped and nothing was imported. "
        "Open it in a PDF viewer to check, or ask the sender for a new copy.",
    )


# --- the child -----------------------------------------------------------------------------------


def _limit_memory(limit: int) -> None:
    if not sys.platform.startswith("linux") or limit <= 0:
        return  # macOS does not enforce these limits; Windows has none
    try:
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_DATA, (limit, hard))
    except (ImportError, ValueError, OSError) as exc:  # pragma: no cover - best effort
        log.info("no memory limit for the reading process: %s", exc)


def _exit_with_parent() -> None:
    import multiprocessing
    from multiprocessing.connection import wait

    parent = multiprocessing.parent_process()
    if parent is None or parent.sentinel is None:  # pragma: no cover - always set for spawn
        return

    def watch() -> None:
        wait([parent.sentinel])
        os._exit(0)  # the parent is gone: nobody will read the answer

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


PRELOAD = ("app.pdf.reader", "app.pdf.pdfdoc", "app.pdf.draft")  # imported while the parent gets on


def _data_size() -> int | None:
    """Bytes of data this process holds now (Linux: VmData, what MEMORY_LIMIT bounds); None elsewhere."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmData:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def _serve(conn: Any, memory_limit: int, initializer: Callable[..., Any] | None = None, initargs: tuple = (),
           recycle_at: int | None = None) -> None:
    """The child's loop: receive ``(fn, args)``, send ``("ok", result)`` or ``("error", reason, text)``.
    Past ``recycle_at`` bytes of data after a call, the answer says ``"retire"`` as its last item and
    the process ends: the parent starts a fresh one for the next call."""
    _exit_with_parent()
    _limit_memory(memory_limit)
    if initializer is not None:
        initializer(*initargs)
    import importlib
    import logging as _logging

    _logging.getLogger("pypdf").setLevel(_logging.ERROR)  # every quirk of a broken file: not news
    for name in PRELOAD:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - the call itself will say what is missing
            pass
    while True:
        try:
            fn, args = conn.recv()
        except (EOFError, OSError):
            return
        try:
            answer: tuple = ("ok", fn(*args))
        except MemoryError:
            answer = ("error", "memory", "")
        except BaseException as exc:  # noqa: BLE001 - everything goes back to the caller
            answer = ("error", "crash", f"{type(exc).__name__}: {exc}"[:300])
        size = _data_size() if recycle_at is not None and answer[0] == "ok" else None
        retire = size is not None and size > recycle_at
        if retire:
            answer = (*answer, "retire")
        try:
            conn.send(answer)
        except MemoryError:
            conn.send(("error", "memory", ""))
        if answer[0] == "error" and answer[1] == "memory":
            return  # a process that ran out of memory is not trusted with the next file
        if retire:
            return


# --- the parent ----------------------------------------------------------------------------------


class ReadingProcess:
    """One child process, one call at a time (thread-safe: calls are serialised)."""

    def __init__(self, memory_limit: int = MEMORY_LIMIT, initializer: Callable[..., Any] | None = None,
                 initargs: tuple = (), recycle_at: int | None = None) -> None:
        self.memory_limit = memory_limit
        # replaced after a call that left it holding more than this (default: RECYCLE_FRACTION of the limit)
        self.recycle_at = recycle_at if recycle_at is not None else int(memory_limit * RECYCLE_FRACTION)
        self.initializer, self.initargs = initializer, initargs  # run first in each new process
        self._lock = threading.Lock()
        self._process: Any = None
        self._conn: Any = None

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def _start(self) -> None:
        import multiprocessing

        ctx = multiprocessing.get_context("spawn")  # never fork a process that may run Qt threads
        parent_conn, child_conn = ctx.Pipe()
        process = ctx.Process(target=_serve, args=(child_conn, self.memory_limit, self.initializer, self.initargs,
                                                   self.recycle_at),
                              name="pli-reader", daemon=True)
        process.start()
        child_conn.close()
        self._process, self._conn = process, parent_conn

    def start(self) -> None:
        """Start the process now (it imports the readers while the caller does something else)."""
        with self._lock:
            if self._process is None:
                self._start()

    def call(self, fn: Callable[..., Any], *args: Any, timeout: float = READ_TIMEOUT) -> Any:
        """``fn(*args)`` in the child; raises :class:`ReadingStopped` past ``timeout`` or when the
        child runs out of memory or dies (it is then replaced on the next call)."""
        with self._lock:
            if self._process is None or not self._process.is_alive():
                self._discard()
                self._start()
            try:
                self._conn.send((fn, args))
                ready = self._conn.poll(timeout)
            except (OSError, EOFError) as exc:
                self._discard()
                raise ReadingStopped("crash", str(exc)) from None
            if not ready:
                self._discard()
                raise ReadingStopped("time", f"{timeout:.0f} s")
            try:
                answer = self._conn.recv()
            except (EOFError, OSError):
                process = self._process
                process.join(2)
                code = process.exitcode
                self._discard()
                # killed by the kernel (OOM), or a native allocation that failed under the limit
                reason = "memory" if code in (-9, -6, 134) else "crash"
                raise ReadingStopped(reason, f"exit code {code}") from None
            if answer[0] == "ok" and len(answer) == 3 and answer[2] == "retire":
                self._discard()  # it holds what its readings took: a fresh one for the next call
            if answer[0] == "ok":
                return answer[1]
            if answer[1] == "memory":
                self._discard()
            raise ReadingStopped(answer[1], answer[2])

    def _discard(self) -> None:
        process, conn = self._process, self._conn
        self._process = self._conn = None
        if conn is not None:
            try:
                conn.close()
            except OSError:  # pragma: no cover
                pass
        if process is not None:
            if process.is_alive():
                process.kill()
            process.join(5)

    def close(self) -> None:
        with self._lock:
            self._discard()


class ReadingPool:
    """``size`` reading processes shared by the calling threads (each call takes a free one)."""

    def __init__(self, size: int = 1, memory_limit: int = MEMORY_LIMIT, initializer: Callable[..., Any] | None = None,
                 initargs: tuple = (), recycle_at: int | None = None) -> None:
        self.size = max(1, size)
        self._free: queue.Queue[ReadingProcess] = queue.Queue()
        self._all = [ReadingProcess(memory_limit, initializer, initargs, recycle_at) for _ in range(self.size)]
        for worker in self._all:
            self._free.put(worker)
        self._closed = False

    def call(self, fn: Callable[..., Any], *args: Any, timeout: float = READ_TIMEOUT) -> Any:
        worker = self._free.get()
        try:
            if self._closed:
                raise ReadingStopped("crash", "closed")
            return worker.call(fn, *args, timeout=timeout)
        finally:
            self._free.put(worker)

    def start(self) -> None:
        """Start every process now, without waiting for them to be ready."""
        for worker in self._all:
            worker.start()

    def pids(self) -> list[int]:
        return [w.pid for w in self._all if w.pid is not None]

    def close(self) -> None:
        self._closed = True
        for worker in self._all:
            worker.close()


_shared: ReadingPool | None = None
_shared_lock = threading.Lock()


def shared_pool() -> ReadingPool:
    """One reading process for this program (the command line reads one file at a time)."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = ReadingPool(1)
            atexit.register(_shared.close)
        return _shared


def warm_up() -> None:
    """Start the shared reading process early (its start-up overlaps the caller's own work)."""
    try:
        shared_pool().start()
    except (OSError, RuntimeError, ValueError) as exc:
        log.info("no reading process yet: %s", exc)


def read_document(path: str | Path, *, text: bool | None = None, timeout: float = READ_TIMEOUT) -> Any:
    """:func:`app.pdf.reader.read_document` in a reading process; never raises for bad input and
    never hangs: a reading stopped for time or memory is a reading whose error says why."""
    try:
        return shared_pool().call(_read, str(path), text, timeout=timeout)
    except ReadingStopped as stop:
        return stopped_reading(Path(path), stop, timeout)
    except (OSError, RuntimeError, ValueError) as exc:  # no process can be started here at all
        log.warning("cannot start a reading process (%s): reading in this process", exc)
        return _read(str(path), text)


def _read(path: str, text: bool | None) -> Any:
    from app.pdf.reader import read_document as read

    return read(path, text=text)


def stopped_reading(path: Path, stop: ReadingStopped, timeout: float = READ_TIMEOUT) -> Any:
    """A :class:`~app.pdf.reader.DocumentReading` for a document whose reading was stopped (its
    hash is kept when the file is a regular one of a sane size, so it stays one row)."""
    from app.pdf.reader import DocumentReading, ReadError, sha256_file
    from app.pdf.sniff import MAX_SIZE

    log.warning("reading of %s stopped: %s", path, stop)
    reading = DocumentReading(path=path, name=path.name)
    reading.error = ReadError("unsafe", stopped_text(path.name, stop, timeout))
    try:
        size = path.stat().st_size
        reading.size = size
        if size <= MAX_SIZE:
            reading.sha256 = sha256_file(path)
    except OSError:
        pass
    return reading
