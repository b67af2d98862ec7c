#!/usr/bin/env python3
"""Benchmark: import 200 invoices through the batch runner against the stand-in, and compare the
total time with the rate-limit floor.

    python bench/batch.py [--n 200] [--limit 25] [--window 1] [--workers 3] [--in-process]
                          [--route import|e_invoice|both]

Pennylane allows 25 requests per 5 s per token. To keep the run short the window is scaled
(default 25 per 1 s, i.e. 5× faster than the real limit), on the stand-in and in the client's
limiter alike; the ratio does not depend on the scale as long as a request takes much less than
the window. The stand-in runs in its own process (``pennylane-importer standin``), as a real
server would, so that its CPU work does not compete with the importer's. The full pipeline runs
for every file, with the journal on disk (WAL, synchronous=FULL): the duplicate checks are one
list request per 100 files before the batch and the verification one per 100 after it
(app.jobs.lookups); in between, the regular import costs an upload and an import (2 requests per
invoice, goal ≤ 2.05 with the lists) and the e-invoice import of a Factur-X file one request
(goal ≤ 1.05). ``--route both`` (default) runs the two, each with its own stand-in.

Printed: the requests the batch needed (answers other than 429, counted by the client's
transport), the floor = requests ÷ rate, the total time, their ratio (goal ≤ 1.05), the 429s the
server sent (absorbed by the client) and the 429s that reached the person (jobs that failed on a
rate limit; goal 0). Exit status 0 when both goals are met.
"""

from __future__ import annotations

import argparse
import math
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.jobs.batch import BatchRunner  # noqa: E402
from app.jobs.journal import Journal  # noqa: E402
from app.jobs.import_job import ImportJob  # noqa: E402
from app.jobs.pipeline import ImportPipeline  # noqa: E402
from app.pdf.draft import to_draft  # noqa: E402
from app.pdf.reader import read_document  # noqa: E402
from app.pennylane.client import PennylaneClient  # noqa: E402
from app.pennylane.ratelimit import RateLimiter  # noqa: E402
from tests.jobs.facturx_gen import supplier_batch  # noqa: E402

REAL_LIMIT, REAL_WINDOW = 25, 5.0


class CountingTransport(httpx.HTTPTransport):
    """Counts the answers by status, as the client receives them."""

    def __init__(self) -> None:
        super().__init__()
        self.statuses: Counter[int] = Counter()
        self._lock = threading.Lock()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = super().handle_request(request)
        with self._lock:
            self.statuses[response.status_code] += 1
        return response


@contextmanager
def standin(limit: int, window: float, in_process: bool) -> Iterator[tuple[str, str]]:
    if in_process:
        from app.standin.server import StandIn

        with StandIn(rate_limit=(limit, window)) as s:
            yield s.url, s.demo_token
        return
    proc = subprocess.Popen(
        [sys.executable, "-m", "app", "standin", "--port", "0", "--rate-limit", f"{limit}/{window:g}"],
        cwd=ROOT, env=dict(os.environ, PYTHONUNBUFFERED="1"), stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    try:
        values = dict(proc.stdout.readline().strip().split("=", 1) for _ in range(2))
        yield values["PENNYLANE_API_URL"], values["PENNYLANE_API_TOKEN"]
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=200, help="invoices (default 200)")
    parser.add_argument("--limit", type=int, default=25, help="requests per window (default 25)")
    parser.add_argument("--window", type=float, default=1.0, help="window in seconds (default 1; Pennylane: 5)")
    parser.add_argument("--workers", type=int, default=3, help="batch workers (default 3)")
    parser.add_argument("--in-process", action="store_true", help="run the stand-in in this process")
    parser.add_argument("--route", choices=("import", "e_invoice", "both"), default="both")
    args = parser.parse_args(argv)
    routes = ("import", "e_invoice") if args.route == "both" else (args.route,)
    return max(run_route(args, route) for route in routes)


GOALS = {"import": 2.05, "e_invoice": 1.05}


def run_route(args: argparse.Namespace, route: str) -> int:

    rate = args.limit / args.window
    speedup = rate / (REAL_LIMIT / REAL_WINDOW)
    print(f"rate limit: {args.limit} requests / {args.window:g} s = {rate:g}/s "
          f"(Pennylane: {REAL_LIMIT} / {REAL_WINDOW:g} s; time scaled {speedup:g}× faster); "
          f"{args.workers} worker(s); stand-in {'in this process' if args.in_process else 'in its own process'}; "
          f"route: {route}")

    with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp, \
            standin(args.limit, args.window, args.in_process) as (url, token):
        tmp_path = Path(tmp)
        transport = CountingTransport()
        client = PennylaneClient(token, url, limiter=RateLimiter(args.limit, args.window), transport=transport)
        company_id = client.me().company.id
        supplier = next(s.id for s in client.suppliers() if s.name == "Au bon moulin")
        files = supplier_batch(tmp_path / "in", args.n, prefix="BENCH")
        jobs = []
        for f in files:  # reading happens at intake, before "Import all": not timed
            reading = read_document(f)
            draft = to_draft(reading, "supplier")
            draft.counterpart_id = supplier
            jobs.append(ImportJob.from_reading(reading, "supplier", draft=draft, route=route))
        journal = Journal(tmp_path / "journal.sqlite3")
        pipeline = ImportPipeline(client, journal, company_id)
        time.sleep(args.window * 1.1)  # start with an empty window: the set-up requests do not count
        transport.statuses.clear()
        started = time.perf_counter()
        runner = BatchRunner(pipeline, workers=args.workers)
        results = runner.run(jobs)
        elapsed = time.perf_counter() - started
        answered = Counter(transport.statuses)
        held = sum(1 for inv in client.find_supplier_invoices() if (inv.invoice_number or "").startswith("BENCH-"))
        client.close()
        journal.close()

    statuses = Counter(r.status for r in results)
    needed = sum(n for status, n in answered.items() if status != 429)
    floor = needed / rate
    strict_floor = (math.ceil(needed / args.limit) - 1) * args.window
    reached = sum(1 for r in results if r.status == "failed" and r.reason and "limit" in r.reason.en.lower())
    ratio = elapsed / floor
    print(f"invoices: {args.n} → {dict(statuses)}; the stand-in holds {held}")
    per_invoice = needed / max(1, args.n)
    print(f"requests needed: {needed} ({per_invoice:.3f} per invoice, goal ≤ {GOALS[route]}); "
          f"answers by status: {dict(answered)}; findings after the batch: {len(runner.findings)}")
    print(f"floor = requests ÷ rate: {floor:.2f} s   [strict sliding-window floor: {strict_floor:.2f} s]")
    print(f"total time: {elapsed:.2f} s  (≈ {elapsed * speedup:.0f} s at Pennylane's real limit)")
    print(f"ratio total / floor: {ratio:.3f}  (goal ≤ 1.05)")
    print(f"429 answered by the server: {answered.get(429, 0)}; 429 reaching the person: {reached} (goal 0)")
    ok = ratio <= 1.05 and reached == 0 and statuses.get("verified", 0) == args.n and per_invoice <= GOALS[route]
    return 0 if ok and not runner.findings else 1


if __name__ == "__main__":
    raise SystemExit(main())
