from __future__ import annotations

from pathlib import Path

import pytest

from tests.shared_files import SAMPLES  # noqa: E402
BASICWL = SAMPLES / "facturx_FR_BASICWL_FA-2017-0010.pdf"
MINIMUM = SAMPLES / "facturx_FR_MINIMUM_FA-2017-0010.pdf"
CREDIT_NOTE = SAMPLES / "facturx_FR_BASIC_creditnote381_AV-2017-0005.pdf"


@pytest.fixture(scope="session")
def samples() -> Path:
    if not BASICWL.exists():
        pytest.skip(f"samples not found in {SAMPLES}")
    return SAMPLES
