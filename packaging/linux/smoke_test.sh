#!/usr/bin/env bash
# Smoke-test the .deb without touching this machine: unpack it into a scratch root (dpkg -x), check
# the package metadata and the installed tree, then run the installed program offscreen.
#
#     bash packaging/linux/smoke_test.sh [dist/pennylane-importer_<version>_<arch>.deb]
#
# Exit status non-zero on the first failure. Default .deb: the newest one in dist/.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
APP_ID="pennylane-importer"
PYTHON="${PYTHON:-python3}"
DEB="${1:-$(ls -t dist/${APP_ID}_*.deb 2>/dev/null | head -n1 || true)}"
[ -n "$DEB" ] && [ -f "$DEB" ] || { echo "smoke_test: no .deb (run packaging/linux/build.sh first)" >&2; exit 1; }

SCRATCH="$(mktemp -d "${TMPDIR:-/tmp}/${APP_ID}-smoke.XXXXXX")"
trap 'rm -rf "$SCRATCH"' EXIT
FS="$SCRATCH/root"
FAILURES=0
ok() { printf '  ok    %s\n' "$*"; }
fail() { printf '  FAIL  %s\n' "$*" >&2; FAILURES=$((FAILURES + 1)); }
check_file() { if [ -e "$FS/$1" ]; then ok "$1"; else fail "missing /$1"; fi; }

echo "smoke test of $DEB"

# --- package metadata ------------------------------------------------------------------------
echo "[control]"
VERSION="$("$PYTHON" packaging/version.py)"
DEB_VERSION="$("$PYTHON" packaging/version.py --debian)"
field() { dpkg-deb --field "$DEB" "$1"; }
[ "$(field Package)" = "$APP_ID" ] && ok "Package: $APP_ID" || fail "Package is '$(field Package)'"
[ "$(field Version)" = "$DEB_VERSION" ] && ok "Version: $DEB_VERSION (app.__version__ $VERSION)" \
  || fail "Version is '$(field Version)', app.__version__ gives '$DEB_VERSION'"
for dep in libegl1 libxcb-cursor0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3; do
  field Depends | grep -q "\b$dep\b" && ok "Depends on $dep" || fail "Depends lacks $dep"
done

# --- installed tree ----------------------------------------------------------------------------
echo "[files]"
dpkg-deb -x "$DEB" "$FS"
BIN="$FS/usr/bin/$APP_ID"
INTERNAL="opt/$APP_ID/_internal"
check_file "usr/bin/$APP_ID"
[ -x "$BIN" ] && ok "/usr/bin/$APP_ID resolves to an executable" || fail "/usr/bin/$APP_ID does not resolve"
check_file "usr/share/applications/$APP_ID.desktop"
for icon in 256x256/apps/$APP_ID.png 512x512/apps/$APP_ID.png scalable/apps/$APP_ID.svg; do
  check_file "usr/share/icons/hicolor/$icon"
done
check_file "$INTERNAL/resources/icons/app.svg"
for qm in resources/i18n/*.qm; do
  [ -e "$qm" ] && check_file "$INTERNAL/$qm"
done
check_file "$INTERNAL/PySide6/Qt/translations/qtbase_fr.qm"
# Licences: the project's, the third-party notices (Qt's LGPL among them) in the bundle and in /usr/share/doc.
for f in "$INTERNAL/resources/LICENSE" "$INTERNAL/resources/THIRD_PARTY_NOTICES.txt" \
         "$INTERNAL/resources/licences/LGPL-3.0.txt" "usr/share/doc/$APP_ID/copyright" \
         "usr/share/doc/$APP_ID/THIRD_PARTY_NOTICES.txt"; do
  check_file "$f"
done
grep -q "PySide6" "$FS/$INTERNAL/resources/THIRD_PARTY_NOTICES.txt" && ok "the notices name PySide6 (Qt, LGPL-3.0)" \
  || fail "the notices do not name PySide6"
# Package data: every JSON file under app/ (e.g. the stand-in's OpenAPI subset).
while IFS= read -r json; do check_file "$INTERNAL/$json"; done < <(find app -name '*.json' | sort)
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "$FS/usr/share/applications/$APP_ID.desktop" && ok "desktop-file-validate" \
    || fail "desktop-file-validate"
fi
# What the spec excludes must stay out.
UNWANTED="$(find "$FS/opt" \( -name 'libQt6Qml*' -o -name 'libQt6Quick*' -o -name 'libQt6WebEngine*' \
  -o -name '*tkinter*' -o -name 'libqgtk3*' -o -name 'qtbase_de.qm' -o -path '*/_pytest' \) | head -n5)"
[ -z "$UNWANTED" ] && ok "no Qml/Quick/WebEngine/tkinter/pytest/other-language files" \
  || fail "excluded files present: $UNWANTED"

# --- run it ------------------------------------------------------------------------------------
echo "[run]"
# A throw-away home, so that nothing is read from or written to this user's settings.
mkdir -p "$SCRATCH/home"
app_env() {
  env -u PYTHONPATH -u PYTHONHOME HOME="$SCRATCH/home" \
    XDG_CONFIG_HOME="$SCRATCH/home/.config" XDG_DATA_HOME="$SCRATCH/home/.local/share" \
    XDG_CACHE_HOME="$SCRATCH/home/.cache" XDG_RUNTIME_DIR="$SCRATCH/home/run" \
    PENNYLANE_IMPORTER_HOME="$SCRATCH/home/app" PYTHON_KEYRING_BACKEND=keyring.backends.null.Keyring \
    QT_QPA_PLATFORM="${PLATFORM:-offscreen}" timeout 120 "$@"
}
run() { (cd "$SCRATCH" && app_env "$BIN" "$@"); }
run_strace() { (cd "$SCRATCH" && app_env strace -f -e trace=openat "$BIN" "$@"); }
run_xvfb() { (cd "$SCRATCH" && PLATFORM=xcb app_env xvfb-run -a -s "-screen 0 1280x800x24" "$BIN" "$@"); }
mkdir -p "$SCRATCH/home/run" && chmod 700 "$SCRATCH/home/run"

OUT="$(run --version 2>&1)" || true
[ "$OUT" = "$APP_ID $VERSION" ] && ok "--version: $OUT" || fail "--version printed '$OUT'"

for lang in en fr; do
  OUT="$(PENNYLANE_IMPORTER_LANG=$lang run --self-test 2>&1)" && RC=0 || RC=$?
  LINE="$(printf '%s\n' "$OUT" | grep -m1 '^self-test ok' || true)"
  if [ "$RC" = 0 ] && [ -n "$LINE" ]; then ok "--self-test ($lang): $LINE"
  else fail "--self-test ($lang) exit $RC: $OUT"; fi
done

# With strace (optional): the installed app really opens its icon and both French catalogues
# from its own tree (app/ui/resources.py via sys._MEIPASS; Qt's via QLibraryInfo).
if command -v strace >/dev/null; then
  OPENED="$(PENNYLANE_IMPORTER_LANG=fr run_strace --self-test 2>&1 | grep -o "$FS/opt/[^\"]*\.\(qm\|svg\)" | sort -u || true)"
  for want in "$INTERNAL/resources/icons/app.svg" "$INTERNAL/resources/i18n/app_fr.qm" \
              "$INTERNAL/PySide6/Qt/translations/qtbase_fr.qm"; do
    printf '%s\n' "$OPENED" | grep -qx "$FS/$want" && ok "loads /$want" || fail "did not load /$want"
  done
fi
# With Xvfb (optional): the X11 (xcb) platform plugin and its libraries load too.
if command -v xvfb-run >/dev/null; then
  OUT="$(run_xvfb --self-test 2>&1)" && RC=0 || RC=$?
  if [ "$RC" = 0 ] && printf '%s\n' "$OUT" | grep -q '^self-test ok'; then ok "--self-test on X11 (xcb, Xvfb)"
  else fail "--self-test on xcb exit $RC: $OUT"; fi
fi

OUT="$(run --demo --self-test 2>&1)" && RC=0 || RC=$?
if [ "$RC" = 0 ] && printf '%s\n' "$OUT" | grep -q '^self-test ok'; then ok "--demo --self-test"
else fail "--demo --self-test exit $RC: $OUT"; fi

# The subcommands are imported lazily; the ones whose module exists in this tree must be bundled.
if [ -f app/pdf/cli.py ]; then
  # A one-page PDF, written with the standard library (offsets computed, so the xref is valid).
  "$PYTHON" - "$SCRATCH/sample.pdf" <<'PY'
import sys
text = b"BT /F1 12 Tf 72 720 Td (Facture FA-2026-001  Total TTC 120,00 EUR) Tj ET"
objects = [
    b"<< /Type /Catalog /Pages 2 0 R >>",
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
    b" /Resources << /Font << /F1 5 0 R >> >> >>",
    b"<< /Length %d >>\nstream\n%s\nendstream" % (len(text), text),
    b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
]
out, offsets = bytearray(b"%PDF-1.4\n"), []
for number, body in enumerate(objects, 1):
    offsets.append(len(out))
    out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
xref = len(out)
out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
open(sys.argv[1], "wb").write(out)
PY
  OUT="$(run inspect --json "$SCRATCH/sample.pdf" 2>"$SCRATCH/inspect.err")" && RC=0 || RC=$?
  if [ "$RC" = 0 ] && printf '%s\n' "$OUT" | head -n1 | "$PYTHON" -c \
      'import json, sys; d = json.loads(sys.stdin.readline()); assert d["pages"] == 1 and not d["error"], d'; then
    ok "inspect --json: 1 page read"
  else
    fail "inspect exit $RC: $OUT $(cat "$SCRATCH/inspect.err")"
  fi
  # The window reads dropped PDFs in spawned worker processes: in a frozen app that needs
  # multiprocessing.freeze_support() in the launcher. --self-test FILE waits until it is read.
  OUT="$(run --self-test "$SCRATCH/sample.pdf" 2>&1)" && RC=0 || RC=$?
  if [ "$RC" = 0 ] && printf '%s
' "$OUT" | grep -q '^self-test read: sample.pdf='; then
    ok "--self-test FILE: $(printf '%s
' "$OUT" | grep -m1 '^self-test read')"
  else
    fail "--self-test FILE exit $RC: $OUT"
  fi
  # OCR (issue #15): the bundled RapidOCR models read a small picture with NO network (a network
  # namespace without interfaces when unshare allows it; otherwise proxies pointed at nothing).
  if [ -d app/pdf/ocr ]; then
    NONET=()
    if command -v unshare >/dev/null && unshare -rn true 2>/dev/null; then NONET=(unshare -rn)
    elif command -v unshare >/dev/null && unshare -n true 2>/dev/null; then NONET=(unshare -n); fi
    OUT="$(cd "$SCRATCH" && app_env "${NONET[@]}" env http_proxy=http://127.0.0.1:9 https_proxy=http://127.0.0.1:9 \
      HTTP_PROXY=http://127.0.0.1:9 HTTPS_PROXY=http://127.0.0.1:9 \
      "$BIN" inspect --json "$ROOT/packaging/linux/ocr-smoke.png" 2>"$SCRATCH/ocr.err")" && RC=0 || RC=$?
    if [ "$RC" = 0 ] && printf '%s\n' "$OUT" | head -n1 | "$PYTHON" -c \
        'import json, sys; d = json.loads(sys.stdin.readline()); assert d["source"] == "ocr" and d["invoice_number"] == "F-2024-017" and d["amount"] == "1234.56", d'; then
      ok "OCR offline${NONET:+ (${NONET[*]})}: ocr-smoke.png read (F-2024-017, 1234.56)"
    else
      fail "OCR of ocr-smoke.png exit $RC: $OUT $(tail -n5 "$SCRATCH/ocr.err")"
    fi
    MODEL="$(cd "$FS" && find "$INTERNAL" -path '*rapidocr/models/*det*.onnx' | head -n1)"
    [ -n "$MODEL" ] && ok "bundled OCR model: /$MODEL" || fail "no RapidOCR detection model in the bundle"
  fi
else
  echo "  skip  inspect (app/pdf/cli.py is not in this tree)"
fi
for sub in standin import login; do
  module="$(sed -n "s/^ *\"$sub\": (\"\\([a-z_.]*\\)\".*/\\1/p" app/cli.py | head -n1)"
  [ -n "$module" ] && [ -f "${module//.//}.py" ] || { echo "  skip  $sub (not in this tree)"; continue; }
  if run "$sub" --help >"$SCRATCH/sub.out" 2>&1; then ok "$sub --help"
  else fail "$sub --help: $(cat "$SCRATCH/sub.out")"; fi
done

if [ "$FAILURES" -gt 0 ]; then
  echo "smoke test FAILED ($FAILURES)" >&2
  exit 1
fi
echo "smoke test passed"
