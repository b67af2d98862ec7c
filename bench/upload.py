"""Upload a 100 MB PDF to the local stand-in with our client and with curl, in the same run.

    .venv/bin/python bench/upload.py [--size-mb 100] [--rounds 2]

Prints both throughputs (MB/s, 1 MB = 10^6 bytes; best and median of the rounds), their ratio (goal ≥ 0.8× curl) and the
client's peak RSS growth during the upload (goal ≤ 30 MB). The client runs in a fresh
subprocess so that its baseline is clean: RSS is read after imports and client construction,
the peak counter is reset (``/proc/self/clear_refs`` ← 5) when the kernel allows it, and the
peak (``VmHWM``) is read after the upload. Figures are printed, not asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CHILD = r"""
import json, os, sys, time
def status(key):
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith(key + ":"):
                return int(line.split()[1]) * 1024
    return 0
from app.pennylane.client import PennylaneClient
from app.pennylane.ratelimit import RateLimiter
url, token, path = sys.argv[1:4]
client = PennylaneClient(token, url, limiter=RateLimiter(1000, 1.0), max_retries=0)
client.me()  # warm the connection pool and the imports
try:
    with open("/proc/self/clear_refs", "w") as fh:
        fh.write("5")  # reset VmHWM to the current RSS
    reset = True
except OSError:
    reset = False
before = status("VmRSS")
calls = [0]
def progress(sent, total):
    calls[0] += 1
started = time.perf_counter()
att = client.upload_file(path, "bench.pdf", progress=progress)
seconds = time.perf_counter() - started
print(json.dumps({"seconds": seconds, "rss_before": before, "hwm": status("VmHWM"), "rss_after": status("VmRSS"),
                  "hwm_reset": reset, "id": att.id, "progress_calls": calls[0]}))
"""


def make_pdf(path: Path, size: int) -> None:
    with open(path, "wb") as fh:
        fh.write(b"%PDF-1.7\n")
        left = size - 9
        block = os.urandom(4 * 1024 * 1024)
        while left > 0:
            n = min(left, len(block))
            fh.write(block[:n])
            left -= n


def run_client(url: str, token: str, path: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, url, token, str(path)], cwd=ROOT, capture_output=True,
                         text=True, check=True, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    return json.loads(out.stdout.strip().splitlines()[-1])


def run_curl(url: str, token: str, path: Path) -> float:
    started = time.perf_counter()
    out = subprocess.run(
        ["curl", "-sS", "--fail-with-body", "-o", "/dev/null", "-w", "%{http_code}", "-H",
         f"Authorization: Bearer {token}", "-H", "Expect:", "-F", f"file=@{path};type=application/pdf",
         "-F", "filename=bench.pdf", f"{url}/file_attachments"],
        capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if out.returncode != 0 or out.stdout.strip() != "201":
        raise SystemExit(f"curl failed: {out.returncode} {out.stdout} {out.stderr}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size-mb", type=float, default=100.0, help="file size in MB (10^6 bytes); default 100")
    parser.add_argument("--rounds", type=int, default=3, help="uploads per tool, interleaved; default 3")
    args = parser.parse_args()
    if shutil.which("curl") is None:
        raise SystemExit("curl is not installed")

    from app.standin.server import StandIn

    size = int(args.size_mb * 1_000_000)
    tmp = Path(tempfile.mkdtemp(prefix="bench-upload-"))
    try:
        pdf = tmp / "bench.pdf"
        make_pdf(pdf, size)
        with StandIn(rate_limit=None) as s:
            client_runs, curl_runs = [], []
            for _ in range(args.rounds):  # interleaved, so both see the same machine state
                client_runs.append(run_client(s.url, s.demo_token, pdf))
                curl_runs.append(run_curl(s.url, s.demo_token, pdf))
        best = min(client_runs, key=lambda r: r["seconds"])
        client_mbs = size / 1e6 / best["seconds"]
        curl_mbs = size / 1e6 / min(curl_runs)
        client_med = size / 1e6 / statistics.median(r["seconds"] for r in client_runs)
        curl_med = size / 1e6 / statistics.median(curl_runs)
        growth = max(r["hwm"] - r["rss_before"] for r in client_runs) / 1e6
        print(f"file: {size / 1e6:.0f} MB, rounds: {args.rounds}")
        print("client runs (s): " + ", ".join(f"{r['seconds']:.2f}" for r in client_runs))
        print("curl runs   (s): " + ", ".join(f"{t:.2f}" for t in curl_runs))
        print(f"best:   client {client_mbs:.1f} MB/s   curl {curl_mbs:.1f} MB/s   ratio {client_mbs / curl_mbs:.2f}x "
              f"(goal >= 0.8x)")
        print(f"median: client {client_med:.1f} MB/s   curl {curl_med:.1f} MB/s   ratio {client_med / curl_med:.2f}x")
        print(f"client peak RSS growth: {growth:.1f} MB (goal <= 30 MB; baseline "
              f"{best['rss_before'] / 1e6:.0f} MB, peak counter reset: {best['hwm_reset']}, "
              f"progress callbacks: {best['progress_calls']})")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
