"""The deterministic ``external_reference`` sent with every import.

Pennylane does not deduplicate imports (API notes §7). Every import therefore carries a reference
derived only from the company and the file's content, so that an import whose outcome is unknown
(timeout, 5xx, crash after the POST) can be looked up with
``GET /{supplier,customer}_invoices?filter=[{"field":"external_reference","operator":"eq",...}]``
before anything is sent again.

Format: ``"pli-"`` + the first 24 hex digits of ``sha256(f"{company_id}:{file_sha256}")``
(28 ASCII characters; 96 bits, so two different files never collide in practice). It is:

- deterministic: the same file for the same company always gives the same value, on any machine,
  so a second machine importing the same PDF finds the first one's invoice;
- company-scoped: the same PDF imported into two companies gets two references;
- opaque: it reveals neither the company id nor the file hash;
- short and plain (lower-case letters, digits and one dash), well within any field limit.
"""

from __future__ import annotations

import hashlib
import re

PREFIX = "pli-"
_HEX_DIGITS = 24
_PATTERN = re.compile(rf"^{PREFIX}[0-9a-f]{{{_HEX_DIGITS}}}$")


def external_reference(company_id: int | str, sha256: str) -> str:
    """The external reference of the file whose content hash is ``sha256`` in ``company_id``."""
    if not sha256:
        raise ValueError("a file sha256 is required")
    digest = hashlib.sha256(f"{company_id}:{sha256.lower()}".encode("ascii")).hexdigest()
    return PREFIX + digest[:_HEX_DIGITS]


def is_ours(reference: str | None) -> bool:
    """Whether ``reference`` has the shape this app generates."""
    return bool(reference) and bool(_PATTERN.match(reference or ""))
