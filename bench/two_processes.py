#!/usr/bin/env python3
"""Two ``import`` runs started at once on the same files and the same journal (the window and a
script, or two overlapping scheduled runs), against one stand-in: how many invoices does
Pennylane end up with, and how many doubles?

    python bench/two_processes.py [--n 40] [--latency 0.02] [--app-root DIR]

``--app-root`` runs the CLI of another checkout (e.g. an older commit) against the same set-up.
Printed: each run's exit status and statuses, the invoices the stand-in holds, the external
references present more than once (goal: n invoices, 0 doubles). Exit status 0 when met.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.standin.server import StandIn  # noqa: E402
from tests.jobs.facturx_gen import supplier_batch  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=40, help="files (default 40)")
    parser.add_argument("--latency", type=float, default=0.02, help="seconds added to each request")
    parser.add_argument("--app-root", default=str(ROOT), help="the checkout whose CLI runs")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="bench-two-") as tmp, \
            StandIn(rate_limit=(1000, 1.0), latency=args.latency) as standin:
        files = supplier_batch(Path(tmp) / "in", args.n, prefix="TWO")
        env = dict(os.environ, PENNYLANE_API_URL=standin.url, PENNYLANE_API_TOKEN=standin.demo_token,
                   PENNYLANE_IMPORTER_HOME=str(Path(tmp) / "home"))  # fmt: skip
        command = [sys.executable, "-m", "app", "import", *map(str, files), "--kind", "supplier", "--json"]
        started = time.perf_counter()
        runs = [subprocess.Popen(command, cwd=args.app_root, env=env, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True) for _ in range(2)]  # fmt: skip
        outputs = [run.communicate(timeout=600) for run in runs]
        elapsed = time.perf_counter() - started
        invoices = list(standin.state.company(standin.demo_company_id).invoices.values())

    for n, (run, (out, _err)) in enumerate(zip(runs, outputs), 1):
        statuses = Counter(json.loads(line)["status"] for line in out.splitlines() if line.strip())
        print(f"run {n}: exit {run.returncode}, {dict(statuses)}")
    # by invoice number: Factur-X files go through the e-invoice import, which carries no reference
    numbers = Counter(inv.get("invoice_number") for inv in invoices)
    doubles = sum(count - 1 for count in numbers.values() if count > 1)
    print(f"files: {args.n}; invoices in the stand-in: {len(invoices)}; duplicates: {doubles}; "
          f"both runs took {elapsed:.1f} s")
    return 0 if len(invoices) == args.n and doubles == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
