"""Small generated pictures of invoice text for the OCR tests (a few hundred pixels: fast)."""

from __future__ import annotations

from pathlib import Path

LINES = ("FACTURE N° F-2024-017", "Date : 14/03/2024", "Total TTC : 1 234,56 EUR")


def text_image(lines: tuple[str, ...] = LINES, size: int = 34):
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.load_default(size=size)
    height = 40 + int(size * 2) * len(lines)
    im = Image.new("L", (900, height), 255)
    draw = ImageDraw.Draw(im)
    for i, line in enumerate(lines):
        draw.text((30, 25 + i * int(size * 2)), line, fill=0, font=font)
    return im


def save(im, path: Path, **kwargs) -> Path:
    im.save(path, **kwargs)
    return path
