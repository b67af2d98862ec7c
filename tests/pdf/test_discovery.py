"""Finding the PDFs in given paths (app.pdf.discovery)."""

from __future__ import annotations

from app.pdf.discovery import discover


def test_discover_walks_folders_recursively_and_keeps_given_files(tmp_path):
    (tmp_path / "b" / "c").mkdir(parents=True)
    for name in ("b/2.pdf", "b/c/3.Pdf", "b/c/readme.md", "b/1.pdf", "b/._hidden.pdf"):
        (tmp_path / name).write_bytes(b"%PDF")
    given = tmp_path / "photo.jpg"
    given.write_bytes(b"\xff\xd8")
    found = discover([tmp_path / "b", given, tmp_path / "b" / "1.pdf", tmp_path / "missing.pdf"])
    assert [p.relative_to(tmp_path).as_posix() for p in found.files] == ["b/1.pdf", "b/2.pdf", "b/c/3.Pdf", "photo.jpg"]
    assert found.folders == 1 and found.skipped == 2
    assert [p.name for p in found.missing] == ["missing.pdf"]
