"""Uploaded files: streamed to disk while hashed, sniffed, and served back through expiring URLs."""

from __future__ import annotations

import hashlib
import hmac
import os
import tempfile
import time

MAX_UPLOAD_BYTES = 100 * 1024 * 1024  # 100 MB (MiB): Pennylane's limit for /file_attachments
PUBLIC_URL_TTL = 30 * 60  # public_file_url expires after 30 minutes

ALLOWED_CONTENT_TYPES = ("application/pdf", "image/png", "image/jpeg", "image/tiff", "image/bmp", "image/gif")


class FileTooLarge(Exception):
    pass


class HashingFile:
    """A temporary file that hashes (sha256) and counts what is written to it, and refuses to grow
    beyond ``limit``. werkzeug's multipart parser writes the file part into it chunk by chunk, so
    an upload never sits in memory."""

    def __init__(self, directory: str | None, limit: int = MAX_UPLOAD_BYTES) -> None:
        fd, self.path = tempfile.mkstemp(prefix="upload-", dir=directory)
        self._file = os.fdopen(fd, "w+b")
        self._sha = hashlib.sha256()
        self.size = 0
        self.limit = limit
        self.head = b""

    def write(self, data) -> int:
        data = bytes(data)
        self.size += len(data)
        if self.size > self.limit:
            raise FileTooLarge(self.size)
        if len(self.head) < 16:
            self.head = (self.head + data[:16])[:16]
        self._sha.update(data)
        return self._file.write(data)

    @property
    def sha256(self) -> str:
        return self._sha.hexdigest()

    def __getattr__(self, name):
        return getattr(self._file, name)

    def close(self) -> None:
        self._file.close()

    def discard(self) -> None:
        try:
            self._file.close()
        finally:
            try:
                os.unlink(self.path)
            except OSError:
                pass


def sniff_content_type(head: bytes) -> str | None:
    """What the first bytes say (magic numbers); None if it is none of the allowed types."""
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"II*\x00") or head.startswith(b"MM\x00*"):
        return "image/tiff"
    if head.startswith(b"BM"):
        return "image/bmp"
    if head.startswith(b"GIF87a") or head.startswith(b"GIF89a"):
        return "image/gif"
    return None


def _signature(secret: str, att_id: int, expires: int) -> str:
    return hmac.new(secret.encode(), f"{att_id}:{expires}".encode(), hashlib.sha256).hexdigest()[:32]


def sign_file_url(state, att: dict) -> str:
    expires = int(time.time()) + PUBLIC_URL_TTL
    return f"{state.root_url}/_files/{att['id']}/{expires}/{_signature(state.file_url_secret, att['id'], expires)}"


def check_signature(state, att_id: int, expires: int, signature: str) -> bool:
    if expires < time.time():
        return False
    return hmac.compare_digest(_signature(state.file_url_secret, att_id, expires), signature)
