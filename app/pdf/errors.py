"""Why a file cannot be read: :class:`ReadError` (a code and a bilingual message saying what to do)
and the messages shared by the readers. No other module of ``app.pdf`` is imported here, so sniff,
pdfdoc and reader all depend on this one and not on each other."""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.text import Text

# "unsafe": the reading went past its time or memory limit and was stopped (app.pdf.isolated)
ERROR_CODES = ("not_found", "empty", "too_large", "not_pdf", "damaged", "encrypted", "xml_unsafe", "unreadable",
               "bad_image", "cancelled", "unsafe")


@dataclass(frozen=True)
class ReadError:
    code: str  # one of ERROR_CODES
    message: Text  # French + English: what happened and what to do

    def to_json(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message.get()}


def damaged(name: str, exc: BaseException) -> ReadError:
    text = " ".join(str(exc).split())[:120]
    detail = f"{type(exc).__name__}: {text}" if text else type(exc).__name__
    if isinstance(exc, RecursionError):
        return ReadError(
            "damaged",
            Text(
                f"« {name} » est endommagé ou malveillant : sa structure est imbriquée trop profondément pour être lue. Demandez une nouvelle copie à l'émetteur.",
                f"“{name}” is damaged or malicious: its structure is nested too deeply to be read. Ask the sender for a new copy.",
            ),
        )
    return ReadError(
        "damaged",
        Text(
            f"« {name} » est endommagé et ne peut pas être lu ({detail}). Ouvrez-le dans un lecteur PDF pour vérifier, ou demandez une nouvelle copie à l'émetteur.",
            f"“{name}” is damaged and cannot be read ({detail}). Open it in a PDF viewer to check, or ask the sender for a new copy.",
        ),
    )
