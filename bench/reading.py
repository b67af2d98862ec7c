"""Reading speed: text-layer words + the field reader, per page (median), over the corpus's plain
PDFs (or the files given). Prints figures; no assertion.

    python bench/reading.py [FILE...]        goal: ≤ 150 ms per page (median)
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main(argv: list[str]) -> int:
    from app.pdf.fields import read_fields
    from app.pdf.reader import read_document
    from app.pdf.textlayer import text_layer_words

    files = [Path(a) for a in argv] or sorted((ROOT.parent / "shared" / "corpus" / "plain").glob("*.pdf"))
    if not files:
        print("no files (give PDFs, or put shared/ beside the checkout)")
        return 2
    read_document(files[0])  # warm imports
    per_page, words_ms, fields_ms, whole_ms = [], [], [], []
    for path in files:
        started = time.perf_counter()
        pages = text_layer_words(path)
        t1 = time.perf_counter()
        read_fields(pages)
        t2 = time.perf_counter()
        read_document(path)
        t3 = time.perf_counter()
        n = max(len(pages), 1)
        words_ms.append((t1 - started) * 1000 / n)
        fields_ms.append((t2 - t1) * 1000 / n)
        whole_ms.append((t3 - t2) * 1000)
        per_page.append((t2 - started) * 1000 / n)
    print(f"files {len(files)}")
    print(f"text-layer words   median {statistics.median(words_ms):6.1f} ms/page  max {max(words_ms):6.1f}")
    print(f"field reader       median {statistics.median(fields_ms):6.1f} ms/page  max {max(fields_ms):6.1f}")
    print(f"words + fields     median {statistics.median(per_page):6.1f} ms/page  max {max(per_page):6.1f}   (goal <= 150)")
    print(f"read_document      median {statistics.median(whole_ms):6.1f} ms/file  max {max(whole_ms):6.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
