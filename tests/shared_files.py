"""The reference files the tests need, shipped under ``tests/data`` so that a fresh clone tests
itself (issue #19 item 12): the three official Factur-X samples (Apache-2.0, see
``tests/data/samples/README.md``) and Pennylane's public OpenAPI document (gzipped, 130 KB), which
the VAT codes, the request models and the stand-in's responses are checked against.
"""

from __future__ import annotations

import gzip
import json
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
SAMPLES = DATA / "samples"
BASICWL = SAMPLES / "facturx_FR_BASICWL_FA-2017-0010.pdf"
MINIMUM = SAMPLES / "facturx_FR_MINIMUM_FA-2017-0010.pdf"
CREDIT_NOTE = SAMPLES / "facturx_FR_BASIC_creditnote381_AV-2017-0005.pdf"
OPENAPI_PATH = DATA / "pennylane-openapi-v2.json.gz"


@cache
def _openapi_text() -> str:
    return gzip.decompress(OPENAPI_PATH.read_bytes()).decode("utf-8")


def openapi_document() -> dict:
    """A fresh copy of Pennylane's OpenAPI v2 document (callers may change it)."""
    return json.loads(_openapi_text())
