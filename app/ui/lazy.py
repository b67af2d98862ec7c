"""A module that is imported on first use — for heavy, rarely-needed modules on the start-up path.

    J = lazy_module("app.jobs.journal")   # nothing imported yet
    J.Journal(...)                        # imported here (thread-safe: importlib's own locks)
"""

from __future__ import annotations

import importlib
from types import ModuleType


class _LazyModule:
    __slots__ = ("_name",)

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attr: str):
        return getattr(importlib.import_module(self._name), attr)

    def __repr__(self) -> str:
        return f"<lazy module {self._name!r}>"


def lazy_module(name: str) -> ModuleType:
    return _LazyModule(name)  # type: ignore[return-value]
