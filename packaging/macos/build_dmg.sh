#!/usr/bin/env bash
# macOS: build "Pennylane Importer.app" (PyInstaller BUNDLE in packaging/pennylane-importer.spec)
# and a drag-to-Applications .dmg, then smoke-test the app from the mounted image.
#
#     bash packaging/macos/build_dmg.sh
#
# Runs on macOS only (hdiutil, codesign, plutil); .github/workflows/release.yml runs it on
# macos-latest (Apple silicon: the .app is arm64; use a macos-13 runner for an Intel build).
# Output: dist/Pennylane Importer.app and dist/pennylane-importer-<version>-macos-<arch>.dmg.
#
# Environment:
#   BUILD_VENV               build virtualenv (default build/pkg-venv)
#   PYTHON                   interpreter that creates it (default python3, 3.11+)
#   MACOS_SIGN_IDENTITY      "Developer ID Application: ..." to sign with (default: ad-hoc "-",
#                            which runs locally but shows the Gatekeeper warning elsewhere)
# Notarisation (xcrun notarytool submit --wait, then xcrun stapler staple) needs an Apple
# developer account and is not done here; see packaging/README.md.
#
# The icon is resources/icons/app.icns, generated with Qt by packaging/make_icons.py (committed).
# To rebuild it with Apple's tool instead: make an app.iconset/ of icon_16x16.png ... icon_512x512@2x.png
# and run `iconutil -c icns app.iconset`.
set -euo pipefail

[ "$(uname -s)" = "Darwin" ] || { echo "build_dmg.sh runs on macOS only" >&2; exit 1; }
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
APP_ID="pennylane-importer"
APP_NAME="Pennylane Importer"
BUILD_VENV="${BUILD_VENV:-build/pkg-venv}"
PYTHON="${PYTHON:-python3}"
IDENTITY="${MACOS_SIGN_IDENTITY:--}"
START=$SECONDS
say() { printf '[build] %s\n' "$*"; }

VERSION="$("$PYTHON" packaging/version.py)"
ARCH="$(uname -m)"
say "version $VERSION ($ARCH)"

if [ ! -x "$BUILD_VENV/bin/python" ]; then
  "$PYTHON" -m venv "$BUILD_VENV"
fi
"$BUILD_VENV/bin/python" -m pip install -q --upgrade pip
"$BUILD_VENV/bin/python" -m pip install -q -e ".[packaging]"

say "PyInstaller"
"$BUILD_VENV/bin/pyinstaller" --noconfirm --log-level WARN \
  --distpath dist --workpath build/pyinstaller "packaging/$APP_ID.spec"
APP="dist/$APP_NAME.app"
plutil -lint "$APP/Contents/Info.plist"
[ "$(/usr/libexec/PlistBuddy -c 'Print :CFBundleShortVersionString' "$APP/Contents/Info.plist")" = "$VERSION" ]

say "codesign ($IDENTITY)"
if [ "$IDENTITY" = "-" ]; then
  codesign --force --deep --sign - "$APP"
else
  codesign --force --deep --options runtime --timestamp --sign "$IDENTITY" "$APP"
fi
codesign --verify --deep --strict "$APP"

say "dmg"
STAGE="build/dmg"
rm -rf "$STAGE"
mkdir -p "$STAGE"
cp -R "$APP" "$STAGE/"
ln -s /Applications "$STAGE/Applications"
DMG="dist/$APP_ID-$VERSION-macos-$ARCH.dmg"
rm -f "$DMG"
hdiutil create -volname "$APP_NAME $VERSION" -srcfolder "$STAGE" -fs HFS+ -format UDZO -ov "$DMG" >/dev/null

say "smoke test from the mounted image"
MOUNT="$(mktemp -d)"
hdiutil attach -nobrowse -readonly -mountpoint "$MOUNT" "$DMG" >/dev/null
trap 'hdiutil detach "$MOUNT" -quiet || true' EXIT
BIN="$MOUNT/$APP_NAME.app/Contents/MacOS/$APP_ID"
RES="$MOUNT/$APP_NAME.app/Contents/Resources"  # PyInstaller puts data files here (sys._MEIPASS)
for f in "$RES/resources/icons/app.svg" "$RES/resources/i18n/app_fr.qm" "$RES/app.icns" \
         "$RES/resources/LICENSE" "$RES/resources/THIRD_PARTY_NOTICES.txt" \
         "$MOUNT/Applications"; do
  [ -e "$f" ] || { echo "missing: $f" >&2; exit 1; }
done
HOME_DIR="$(mktemp -d)"
export QT_QPA_PLATFORM=offscreen PENNYLANE_IMPORTER_HOME="$HOME_DIR" \
  PYTHON_KEYRING_BACKEND=keyring.backends.null.Keyring
[ "$("$BIN" --version)" = "$APP_ID $VERSION" ]
for lang in en fr; do
  PENNYLANE_IMPORTER_LANG=$lang "$BIN" --self-test | tee /dev/stderr | grep -q '^self-test ok'
done

say "$DMG: $(du -h "$DMG" | cut -f1); app $(du -sh "$APP" | cut -f1); $((SECONDS - START)) s"
