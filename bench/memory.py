"""Issue #20's measure: does the memory of a supplier make its next invoices right?

    python bench/memory.py [--corpus ../shared/corpus] [--variant plain] [--exe "python -m app"]

On the development corpus, the documents are grouped by seller (truth.json). The first document of
each group is taught its true values with the CLI (``remember FILE --set field=value …``, as if the
person had corrected them and imported); the others of the group are then read with the CLI
(``recall --json``), in a fresh memory per run. The same documents are read without memory
(``recall`` on an empty memory = ``inspect``). Fields are compared with the corpus scorer's own rules
(``score.py``'s ``judge``). Prints the fields right with and without memory, per field, and any field
worse with memory (there must be none). Standard library only; runs the CLI as a subprocess.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shlex
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _scorer(corpus: Path):  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("corpus_score", corpus / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _run(exe: list[str], args: list[str], env: dict[str, str]) -> list[dict]:
    out = subprocess.run([*exe, *args], capture_output=True, text=True, env=env, cwd=ROOT, timeout=600)
    if out.returncode != 0:
        raise SystemExit(f"{' '.join(args[:2])} failed ({out.returncode}): {out.stderr.strip()[-400:]}")
    return [json.loads(line) for line in out.stdout.splitlines() if line.startswith("{")]


def _store_figures(count: int = 5000) -> None:
    """How long finding one counterpart takes among ``count`` (each document read does it once)."""
    import time

    sys.path.insert(0, str(ROOT))
    from app.domain.invoice import Party
    from app.jobs import memory as M

    with tempfile.TemporaryDirectory() as tmp:
        store = M.MemoryStore(Path(tmp, "m.sqlite3"))
        started = time.perf_counter()
        store.replace_all(1, [M.CounterpartMemory(key=f"name:supplier {i}", name=f"Supplier {i}",
                                                  vat_number=f"FR{i:011d}") for i in range(count)])
        written = time.perf_counter() - started
        times = []
        for i in range(0, count, count // 20):
            started = time.perf_counter()
            assert store.find(1, Party(name=f"Supplier {i}")) is not None
            times.append(time.perf_counter() - started)
        times.sort()
        print(f"store: {count} counterparts written in {written:.2f} s; find by name median "
              f"{1000 * times[len(times) // 2]:.1f} ms, worst {1000 * times[-1]:.1f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    parser.add_argument("--variant", default="plain", choices=("original", "plain", "scan", "photo"))
    parser.add_argument("--exe", default=f"{shlex.quote(sys.executable)} -m app")
    args = parser.parse_args()
    corpus = Path(args.corpus).resolve()
    score = _scorer(corpus)
    truth = json.loads((corpus / "truth.json").read_text(encoding="utf-8"))
    exe = shlex.split(args.exe)

    groups: dict[str, list[tuple[str, dict]]] = defaultdict(list)
    for rel, info in sorted(truth["files"].items()):
        if info.get("variant") != args.variant:
            continue
        seller = truth["documents"][info["document"]].get("seller.name") or info["document"]
        groups[seller].append((rel, info["expected"]))
    taught = {seller: files[0] for seller, files in groups.items() if len(files) > 1}
    others = [(seller, rel, exp) for seller, files in groups.items() if len(files) > 1 for rel, exp in files[1:]]

    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PENNYLANE_IMPORTER_HOME=str(Path(tmp, "home")))
        empty = ["--company", "1", "--memory", str(Path(tmp, "empty.sqlite3"))]
        mem = ["--company", "1", "--memory", str(Path(tmp, "memory.sqlite3"))]
        for seller, (rel, expected) in taught.items():
            sets = [f"--set={k}={v}" for k, v in expected.items() if v is not None and not isinstance(v, list)]
            _run(exe, ["remember", str(corpus / rel), *mem, "--json", *sets], env)
        files = [str(corpus / rel) for _, rel, _ in others]
        without = {Path(d["file"]).name: d for d in _run(exe, ["recall", "--json", *empty, *files], env)}
        with_ = {Path(d["file"]).name: d for d in _run(exe, ["recall", "--json", *mem, *files], env)}

    per_field: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # right without, right with, scored
    worse: list[str] = []
    wrong = [0, 0]  # values given but wrong (they would be imported): without, with
    warnings = 0
    for seller, rel, expected in others:
        name = Path(rel).name
        a, b = without.get(name, {}), with_.get(name, {})
        warnings += len(b.get("warnings") or [])
        for field, exp in expected.items():
            judged_a = score.judge(field, exp, score.value_of(a, field))
            judged_b = score.judge(field, exp, score.value_of(b, field))
            ok_a, ok_b = judged_a == "ok", judged_b == "ok"
            wrong[0] += judged_a in ("wrong", "spurious")
            wrong[1] += judged_b in ("wrong", "spurious")
            counts = per_field[field]
            counts[0] += ok_a
            counts[1] += ok_b
            counts[2] += 1
            if ok_a and not ok_b:
                worse.append(f"{name}: {field} expected {exp} got {score.value_of(b, field)}")
            elif not ok_b:
                print(f"  still wrong  {name}: {field} expected {exp} got {score.value_of(b, field)}")

    print(f"groups by seller: {len(groups)} ({len(taught)} with 2+ documents); taught {len(taught)} documents, read {len(others)}")
    print(f"{'field':20} {'without':>9} {'with':>9} {'of':>4}")
    for field in truth["fields"]:
        if field in per_field:
            a, b, n = per_field[field]
            print(f"{field:20} {a:9d} {b:9d} {n:4d}")
    total_a = sum(c[0] for c in per_field.values())
    total_b = sum(c[1] for c in per_field.values())
    n = sum(c[2] for c in per_field.values())
    print(f"fields worse with memory: {len(worse)}")
    for line in worse:
        print(f"  WORSE {line}")
    print(f"warnings on the documents read with memory: {warnings}")
    print(f"wrong values (would be imported): without memory {wrong[0]}, with memory {wrong[1]}")
    _store_figures()
    print(f"SUMMARY variant={args.variant} documents={len(others)} fields right without memory "
          f"{total_a}/{n} = {100 * total_a / max(n, 1):.1f}% | with memory {total_b}/{n} = {100 * total_b / max(n, 1):.1f}% "
          f"| fields worse {len(worse)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
