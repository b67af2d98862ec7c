"""One lock for every PDFium call made through pypdfium2 in this process.

PDFium is not thread-safe — not even across different documents — and two threads reading at once
crash the process (seen: SIGSEGV with the CLI's batch workers). Reading processes are single-threaded,
but the window's and the CLI's worker threads also read (learning from an imported file, re-reading
a resumed one), so every pypdfium2 call in ``app.pdf`` holds :data:`PDFIUM`. (QtPdf, in the window,
carries its own PDFium and its own locking.)
"""

from __future__ import annotations

import threading

PDFIUM = threading.RLock()
