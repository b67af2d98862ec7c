"""PDFium is not thread-safe: the text layer is read under one lock, so threads reading at once
(batch workers learning from imported files) neither crash nor mix their words."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from app.pdf.textlayer import text_layer_words
from tests.pdf.makepdf import make_pdf


def test_threads_reading_text_layers_at_once_get_each_their_own_words(tmp_path):
    paths = [make_pdf(tmp_path / f"f{i}.pdf", [f"Facture n° F-{i:03d}", f"Total TTC {i},00 €"] * 20) for i in range(12)]
    expected = {p: [w.text for page in text_layer_words(p) for w in page.words] for p in paths}
    with ThreadPoolExecutor(max_workers=6) as pool:
        for _ in range(3):
            got = dict(zip(paths, pool.map(lambda p: [w.text for page in text_layer_words(p) for w in page.words], paths)))
            assert got == expected
    assert "F-007" in expected[paths[7]]
