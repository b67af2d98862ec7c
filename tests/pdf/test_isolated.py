"""Reading processes: bounded in time and memory, replaced when stopped, gone with their parent."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.pdf.isolated import ReadingPool, ReadingProcess, ReadingStopped, stopped_reading

ROOT = Path(__file__).resolve().parents[2]


def sleep_then_answer(seconds: float) -> str:
    time.sleep(seconds)
    return "done"


def allocate(mb: int) -> int:
    blocks = [bytearray(1024 * 1024) for _ in range(mb)]
    return len(blocks)


def pid() -> int:
    return os.getpid()


@pytest.fixture
def process():
    p = ReadingProcess(memory_limit=256 * 1024 * 1024)
    yield p
    p.close()


def test_a_reading_past_its_time_is_stopped_and_the_process_replaced(process):
    assert process.call(sleep_then_answer, 0, timeout=20) == "done"
    first = process.pid
    started = time.monotonic()
    with pytest.raises(ReadingStopped) as info:
        process.call(sleep_then_answer, 60, timeout=1.0)
    assert info.value.reason == "time" and time.monotonic() - started < 3
    assert process.pid is None  # killed, not left running
    assert process.call(pid, timeout=20) not in (first, os.getpid())  # a fresh process answers


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_DATA is enforced on Linux")
def test_a_reading_past_its_memory_is_stopped(process):
    with pytest.raises(ReadingStopped) as info:
        process.call(allocate, 1024, timeout=20)
    assert info.value.reason == "memory"
    assert process.call(allocate, 16, timeout=20) == 16  # the next call gets a new process


def test_a_stopped_reading_says_why_and_keeps_the_hash(tmp_path):
    path = tmp_path / "bomb.pdf"
    path.write_bytes(b"%PDF-1.7 whatever")
    reading = stopped_reading(path, ReadingStopped("time", "20 s"), timeout=20)
    assert reading.error.code == "unsafe" and reading.sha256
    assert "could not be read safely" in reading.error.message.en and "20 s" in reading.error.message.en
    assert "sans risque" in reading.error.message.fr


@pytest.mark.skipif(os.name != "posix", reason="SIGTERM")
def test_reading_processes_end_with_their_parent_on_sigterm():
    script = (
        "import sys, threading, time\n"
        "from app.pdf.isolated import ReadingPool\n"
        "from tests.pdf.test_isolated import sleep_then_answer\n"
        "pool = ReadingPool(2)\n"
        "for _ in range(2):  # both processes busy reading (not waiting for work) when SIGTERM comes\n"
        "    threading.Thread(target=pool.call, args=(sleep_then_answer, 60), kwargs={'timeout': 90}, daemon=True).start()\n"
        "while len(pool.pids()) < 2: time.sleep(0.02)\n"
        "time.sleep(0.5)\n"
        "print(*pool.pids(), flush=True)\n"
        "time.sleep(60)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        children = [int(x) for x in parent.stdout.readline().split()]
        assert len(children) == 2 and all(_alive(c) for c in children)
        parent.send_signal(signal.SIGTERM)  # what a desktop logout does
        parent.wait(10)
        deadline = time.monotonic() + 5
        while any(_alive(c) for c in children) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(_alive(c) for c in children), "reading processes outlived their parent"
    finally:
        parent.kill()
        parent.wait()


def _alive(pid_: int) -> bool:
    try:
        os.kill(pid_, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie is gone for our purpose (its parent died; init reaps it)
        with open(f"/proc/{pid_}/stat") as fh:
            return fh.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return True


def test_a_pool_serves_several_threads_with_separate_processes():
    import threading

    pool = ReadingPool(2)
    try:
        seen: list[int] = []
        threads = [threading.Thread(target=lambda: seen.append(pool.call(pid))) for _ in range(4)]
        [t.start() for t in threads]
        [t.join(30) for t in threads]
        assert len(seen) == 4 and len(set(seen)) <= 2 and os.getpid() not in seen
    finally:
        pool.close()
    assert pool.pids() == []


def allocate_and_keep(mb: int) -> int:
    global _kept
    _kept = [bytearray(1024 * 1024) for _ in range(mb)]  # what OCR's runtime keeps after a reading
    return os.getpid()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="VmData is read from /proc")
def test_a_process_that_keeps_much_memory_after_a_reading_is_replaced_before_the_next():
    """OCR leaves its memory with the process (600 MB after one scan, 900 MB after twenty), and a
    two-page scan then failed under the limit ("bad_alloc"). A process holding more than its recycle
    threshold after a call answers, then is replaced; a light one serves the next call itself."""
    process = ReadingProcess(memory_limit=512 * 1024 * 1024, recycle_at=192 * 1024 * 1024)
    try:
        light = process.call(pid, timeout=20)
        assert process.call(pid, timeout=20) == light  # light: the same process
        heavy = process.call(allocate_and_keep, 256, timeout=20)
        assert heavy == light  # the heavy call is answered by the process that did it…
        after = process.call(pid, timeout=20)
        assert after not in (light, os.getpid())  # …which then gave way to a fresh one
        assert process.call(pid, timeout=20) == after
    finally:
        process.close()
