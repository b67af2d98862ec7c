#!/usr/bin/env python3
"""The command line importing generated Factur-X BASIC invoices against a rate-limited stand-in.

    python bench/cli_import.py [--n 100] [--limit 100] [--window 5] [--route auto|import|e_invoice]

The stand-in runs in its own process with ``--rate-limit LIMIT/WINDOW`` (default 100 requests /
5 s); ``pennylane-importer import FILES --kind supplier --json`` runs as a person would start it
(a fresh process, its journal in a temporary home). Printed: the wall time of the command (goal
for 100 invoices at 100 / 5 s: ≤ 10.5 s), its exit status and statuses, and the invoices the
stand-in holds. Exit status 0 when every file is verified within the goal.
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

from app.pennylane.client import PennylaneClient  # noqa: E402
from bench.batch import standin  # noqa: E402
from tests.jobs.facturx_gen import facturx_pdf  # noqa: E402

BASIC = "urn:cen.eu:en16931:2017#compliant#urn:factur-x.eu:1p0:basic"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100)
    parser.add_argument("--limit", type=int, default=100)
    parser.add_argument("--window", type=float, default=5.0)
    parser.add_argument("--route", choices=("auto", "import", "e_invoice"), default="auto")
    parser.add_argument("--goal", type=float, default=10.5, help="seconds (default 10.5)")
    parser.add_argument("--workers", type=int, default=None, help="the command's --workers (default: its own)")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="bench-cli-") as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        files = [facturx_pdf(folder / f"CLI-{i:04d}.pdf", f"CLI-2024-{i:04d}", net=100 + i, profile=BASIC)
                 for i in range(1, args.n + 1)]  # fmt: skip
        with standin(args.limit, args.window, in_process=False) as (url, token):  # its own process, as in use
            env = dict(os.environ, PENNYLANE_IMPORTER_HOME=str(Path(tmp) / "home"),
                       PENNYLANE_API_URL=url, PENNYLANE_API_TOKEN=token)
            time.sleep(args.window * 1.05)  # an empty window to start with
            started = time.perf_counter()
            run = subprocess.run(
                [sys.executable, "-m", "app", "import", *map(str, files), "--kind", "supplier", "--json",
                 "--route", args.route, *(["--workers", str(args.workers)] if args.workers else [])],
                cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
            )  # fmt: skip
            elapsed = time.perf_counter() - started
            client = PennylaneClient(token, url)
            held = sum(1 for inv in client.find_supplier_invoices() if (inv.invoice_number or "").startswith("CLI-"))
            client.close()
    lines = [json.loads(line) for line in run.stdout.splitlines() if line.strip()]
    statuses = Counter(d.get("status") or d.get("finding") for d in lines)
    print(f"{args.n} Factur-X BASIC files, stand-in limited to {args.limit} requests / {args.window:g} s, "
          f"route {args.route}")
    print(f"import: exit {run.returncode}, {dict(statuses)}; the stand-in holds {held}")
    print(f"wall time of the command: {elapsed:.2f} s (goal ≤ {args.goal:g} s)")
    if run.returncode not in (0, 1):
        print(run.stderr[-2000:])
    ok = run.returncode == 0 and statuses.get("verified") == args.n and elapsed <= args.goal
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
