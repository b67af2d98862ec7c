"""``pennylane-importer standin [--port N] [--rate-limit 25/5]``: run the stand-in in the foreground.

Prints two shell-ready lines (``PENNYLANE_API_URL=…`` and ``PENNYLANE_API_TOKEN=…``), then serves
until Ctrl-C or SIGTERM.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading


def _rate_limit(text: str):
    if text.lower() in ("none", "off", "0"):
        return None
    try:
        count, _, window = text.partition("/")
        value = (int(count), float(window or 1))
    except ValueError:
        raise argparse.ArgumentTypeError("expected N/SECONDS, e.g. 25/5, or 'off'") from None
    if value[0] < 1 or value[1] <= 0:
        raise argparse.ArgumentTypeError("expected N/SECONDS with N ≥ 1 and SECONDS > 0")
    return value


def configure(parser: argparse.ArgumentParser, name: str = "standin") -> None:
    parser.add_argument("--port", type=int, default=0, help="TCP port on 127.0.0.1 (default: any free port)")
    parser.add_argument("--rate-limit", type=_rate_limit, default=(25, 5.0), metavar="N/SECONDS",
                        help="requests per window per token (default 25/5; 'off' disables)")
    parser.add_argument("--latency", type=float, default=0.0, help="seconds added to every API request")
    parser.add_argument("--error-rate", type=float, default=0.0, help="share of API requests answered 500")
    parser.add_argument("--fault-seed", type=int, default=None, help="seed of the fault injection")
    parser.add_argument("--attachment-ttl", type=float, default=None, metavar="SECONDS",
                        help="uploaded files expire after this many seconds unless used (an import then gets 404)")


def run(args: argparse.Namespace) -> int:
    from app.standin.server import StandIn

    standin = StandIn(port=args.port, rate_limit=args.rate_limit, latency=args.latency,
                      attachment_ttl=args.attachment_ttl,
                      error_rate=args.error_rate, fault_seed=args.fault_seed)
    standin.start()
    stop = threading.Event()

    def on_signal(signum, frame):  # noqa: ARG001
        stop.set()

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        print(f"PENNYLANE_API_URL={standin.url}", flush=True)
        print(f"PENNYLANE_API_TOKEN={standin.demo_token}", flush=True)
        print(f"# Pennylane stand-in serving on {standin.root_url} (company {standin.demo_company_id}); "
              "Ctrl-C to stop", file=sys.stderr, flush=True)
        print(f"# fault injection: POST {standin.root_url}/_admin/faults with "
              f"'Authorization: Bearer {standin.admin_token}'", file=sys.stderr, flush=True)
        while not stop.wait(0.5):
            pass
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        standin.stop()
    return 0
