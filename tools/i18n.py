#!/usr/bin/env python3
"""Qt Linguist workflow for the app's own strings (English source, French translation).

    python tools/i18n.py                      lupdate app/ui -> resources/i18n/app_fr.ts, then lrelease -> .qm
    python tools/i18n.py --translate fr.json  also set translations from {"English source": "Français"}
                                              (a plain source fills only untranslated entries, so one
                                              panel's "Duplicate" never overwrites another's; a key
                                              "Context::source" sets that context's entry, always)
    python tools/i18n.py --check              exit 1 if a string is untranslated, or a French translation
                                              uses a straight apostrophe (tests use it)
    python tools/i18n.py --typography         replace straight apostrophes in the French translations by ’
                                              (outside HTML tags), then compile

Strings come from ``self.tr("...")`` / ``QCoreApplication.translate(context, "...")`` in app/ui.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET  # our own, trusted .ts file
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "resources" / "i18n" / "app_fr.ts"
QM = TS.with_suffix(".qm")


def _tool(name: str) -> str:
    here = Path(sys.executable).parent
    for candidate in (here / f"pyside6-{name}", here / f"pyside6-{name}.exe"):
        if candidate.exists():
            return str(candidate)
    found = shutil.which(f"pyside6-{name}")
    if not found:
        raise SystemExit(f"pyside6-{name} not found: install PySide6-Essentials in this environment")
    return found


def update() -> None:
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "app" / "ui").rglob("*.py"))
    TS.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [_tool("lupdate"), "-silent", "-no-obsolete", "-source-language", "en", "-target-language", "fr_FR",
         *sources, "-ts", str(TS.relative_to(ROOT))],
        cwd=ROOT, check=True,
    )


def unfinished() -> list[tuple[str, str]]:
    tree = ET.parse(TS)
    missing = []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            tr = message.find("translation")
            if tr is None or tr.get("type") == "unfinished" or not (tr.text or "").strip():
                missing.append((name, message.findtext("source", "")))
    return missing


_TAG = re.compile(r"<[^>]*>")


def _outside_tags(text: str) -> str:
    return _TAG.sub("", text)


def typography_problems() -> list[tuple[str, str]]:
    """French translations with a straight apostrophe (French typography, and one style for the
    whole app: "d'exemple" beside "l’afficher" was seen, issue #19)."""
    tree = ET.parse(TS)
    found = []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            text = message.findtext("translation", "") or ""
            if "'" in _outside_tags(text):
                found.append((name, text))
    return found


def fix_typography() -> int:
    """’ for every straight apostrophe of a French translation, outside HTML tags."""
    tree = ET.parse(TS)
    count = 0
    for message in tree.getroot().iter("message"):
        tr = message.find("translation")
        if tr is None or not tr.text or "'" not in _outside_tags(tr.text):
            continue
        parts = re.split(r"(<[^>]*>)", tr.text)
        tr.text = "".join(part if part.startswith("<") else part.replace("'", "’") for part in parts)
        count += 1
    tree.write(TS, encoding="utf-8", xml_declaration=True)
    return count


def translate(mapping: dict[str, str]) -> int:
    tree = ET.parse(TS)
    count = 0
    for context in tree.getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            source = message.findtext("source", "")
            tr = message.find("translation")
            untranslated = tr is None or tr.get("type") == "unfinished" or not (tr.text or "").strip()
            text = mapping.get(f"{name}::{source}")
            if text is None and untranslated:
                text = mapping.get(source)
            if text is None:
                continue
            if tr is None:
                tr = ET.SubElement(message, "translation")
            tr.text = text
            tr.attrib.pop("type", None)
            count += 1
    tree.write(TS, encoding="utf-8", xml_declaration=True)
    return count


# Qt's own strings that PySide6's qtbase_fr.qm leaves in English (written by hand; see the file)
QT_GAPS = TS.with_name("qtbase_gaps_fr.ts")


def release() -> None:
    subprocess.run([_tool("lrelease"), "-silent", str(TS), "-qm", str(QM)], check=True)
    if QT_GAPS.exists():
        subprocess.run([_tool("lrelease"), "-silent", str(QT_GAPS), "-qm", str(QT_GAPS.with_suffix(".qm"))], check=True)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--translate", type=Path, help="JSON file: English source -> French")
    parser.add_argument("--check", action="store_true", help="only check that every string is translated")
    parser.add_argument("--typography", action="store_true", help="’ for straight apostrophes in French")
    args = parser.parse_args(argv)
    if args.check:
        missing = unfinished()
        for context, source in missing:
            print(f"untranslated: [{context}] {source!r}")
        straight = typography_problems()
        for context, text in straight:
            print(f"straight apostrophe (use ’; python tools/i18n.py --typography): [{context}] {text!r}")
        return 1 if missing or straight else 0
    update()
    if args.translate:
        print(f"translated {translate(json.loads(args.translate.read_text(encoding='utf-8')))} strings")
    if args.typography:
        print(f"typography: {fix_typography()} translations now use ’")
    release()
    missing = unfinished()
    for context, source in missing:
        print(f"untranslated: [{context}] {source!r}")
    print(f"{TS.relative_to(ROOT)}: {len(missing)} untranslated; wrote {QM.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
