#!/usr/bin/env bash
# Build the Linux bundle (PyInstaller onedir) and the .deb.
#
#     bash packaging/linux/build.sh
#
# Output (gitignored): dist/pennylane-importer/ (the bundle) and
# dist/pennylane-importer_<version>_<arch>.deb. Intermediate files go to build/.
#
# Environment:
#   BUILD_VENV      build virtualenv (default: build/pkg-venv; created and kept between runs)
#   PYTHON          interpreter used to create it (default: python3, 3.11+)
#   DEB_MAINTAINER  Maintainer field (default: a placeholder address)
#   DEB_COMPRESS    dpkg-deb compressor: zstd (default) | xz | gzip | none
#   DEB_LEVEL       its level (default: 9 for zstd, 6 for xz). Measured on 2 vCPUs: zstd -9 ~5 s,
#                   64 MiB; xz -6 45-80 s, 52 MiB. dpkg reads zstd since Debian 12 / Ubuntu 21.10,
#                   which the glibc floor of the Qt wheels requires anyway. Releases use xz.
#
# Needs: python3 with venv, dpkg-deb, objdump (binutils). Network only for the first pip install.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
HERE="packaging/linux"
APP_ID="pennylane-importer"
BUILD_VENV="${BUILD_VENV:-build/pkg-venv}"
PYTHON="${PYTHON:-python3}"
DEB_COMPRESS="${DEB_COMPRESS:-zstd}"
case "$DEB_COMPRESS" in zstd) DEB_LEVEL="${DEB_LEVEL:-9}" ;; xz) DEB_LEVEL="${DEB_LEVEL:-6}" ;; *) DEB_LEVEL="${DEB_LEVEL:-9}" ;; esac
DEB_MAINTAINER="${DEB_MAINTAINER:-Pennylane Importer maintainers <maintainers@pennylane-importer.invalid>}"
START=$SECONDS

say() { printf '[build] %s\n' "$*"; }
size() { du -sh --apparent-size "$1" | cut -f1; }

for tool in dpkg-deb objdump; do
  command -v "$tool" >/dev/null || { echo "build.sh: '$tool' is missing (apt-get install dpkg-dev binutils)" >&2; exit 1; }
done

# --- version: app/__init__.py is the only place it lives ---------------------------------------
VERSION="$("$PYTHON" packaging/version.py)"
DEB_VERSION="$("$PYTHON" packaging/version.py --debian)"
ARCH="$(dpkg --print-architecture)"
say "version $VERSION (deb $DEB_VERSION, $ARCH)"

# --- build virtualenv: the app's dependencies + the 'packaging' extra (PyInstaller) -------------
if [ ! -x "$BUILD_VENV/bin/python" ]; then
  say "creating $BUILD_VENV"
  "$PYTHON" -m venv "$BUILD_VENV"
fi
STAMP="$BUILD_VENV/.installed-$(sha256sum pyproject.toml | cut -c1-16)"
if [ ! -e "$STAMP" ]; then
  say "installing the app's dependencies and PyInstaller into $BUILD_VENV"
  "$BUILD_VENV/bin/python" -m pip install -q --upgrade pip
  "$BUILD_VENV/bin/python" -m pip install -q -e ".[packaging]"
  rm -f "$BUILD_VENV"/.installed-*
  touch "$STAMP"
fi

# --- translations ------------------------------------------------------------------------------
# The compiled .qm files are committed (tools/i18n.py regenerates them with the .ts). Use a
# release-only mode when the tool has one; never run the lupdate step here (it rewrites the .ts).
if [ -f tools/i18n.py ] && grep -q -- '--release' tools/i18n.py; then
  say "compiling translations (tools/i18n.py --release)"
  "$BUILD_VENV/bin/python" tools/i18n.py --release
fi
for ts in resources/i18n/*.ts; do
  [ -e "$ts" ] || continue
  [ -f "${ts%.ts}.qm" ] || { echo "build.sh: ${ts%.ts}.qm is missing; run python tools/i18n.py" >&2; exit 1; }
done

# --- PyInstaller onedir ------------------------------------------------------------------------
say "PyInstaller (packaging/$APP_ID.spec)"
T0=$SECONDS
"$BUILD_VENV/bin/pyinstaller" --noconfirm --log-level WARN \
  --distpath dist --workpath build/pyinstaller "packaging/$APP_ID.spec"
BUNDLE="dist/$APP_ID"
say "bundle $BUNDLE: $(size "$BUNDLE") in $((SECONDS - T0)) s"

# --- .deb tree ---------------------------------------------------------------------------------
PKG="build/deb/${APP_ID}_${DEB_VERSION}_${ARCH}"
rm -rf "$PKG"
mkdir -p "$PKG/DEBIAN" "$PKG/opt" "$PKG/usr/bin" "$PKG/usr/share/applications" \
  "$PKG/usr/share/icons/hicolor/256x256/apps" "$PKG/usr/share/icons/hicolor/512x512/apps" \
  "$PKG/usr/share/icons/hicolor/scalable/apps" "$PKG/usr/share/doc/$APP_ID"
cp -a "$BUNDLE" "$PKG/opt/$APP_ID"
# Relative, so that it also works in a scratch root (dpkg -x) used by the smoke test.
ln -s "../../opt/$APP_ID/$APP_ID" "$PKG/usr/bin/$APP_ID"
install -m 644 "$HERE/$APP_ID.desktop" "$PKG/usr/share/applications/$APP_ID.desktop"
install -m 644 resources/icons/app.png "$PKG/usr/share/icons/hicolor/256x256/apps/$APP_ID.png"
install -m 644 resources/icons/app-512.png "$PKG/usr/share/icons/hicolor/512x512/apps/$APP_ID.png"
install -m 644 resources/icons/app.svg "$PKG/usr/share/icons/hicolor/scalable/apps/$APP_ID.svg"
printf '%s %s\nBuilt from %s with PyInstaller; see packaging/README.md.\n' \
  "$APP_ID" "$VERSION" "$(git rev-parse --short HEAD 2>/dev/null || echo 'a source tree')" \
  > "$PKG/usr/share/doc/$APP_ID/README"
# Licences: Debian's place for them (the bundle also carries them for Help → About → Licences).
install -m 644 LICENSE "$PKG/usr/share/doc/$APP_ID/copyright"
install -m 644 "$BUNDLE/_internal/resources/THIRD_PARTY_NOTICES.txt" "$PKG/usr/share/doc/$APP_ID/THIRD_PARTY_NOTICES.txt"
install -m 755 "$HERE/debian/postinst" "$HERE/debian/postrm" "$PKG/DEBIAN/"

# glibc floor: the newest GLIBC_x.y symbol version any bundled binary asks for.
GLIBC="$(find "$PKG/opt" -type f \( -name '*.so*' -o -perm -u+x \) -print0 \
  | xargs -0 objdump -T 2>/dev/null | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/GLIBC_//' \
  | sort -uV | tail -n1)"
GLIBC="${GLIBC:-2.34}"
INSTALLED_SIZE="$(du -sk "$PKG" --exclude=DEBIAN | cut -f1)"
sed -e "s/@VERSION@/$DEB_VERSION/" -e "s/@ARCH@/$ARCH/" -e "s/@GLIBC@/$GLIBC/" \
  -e "s/@INSTALLED_SIZE@/$INSTALLED_SIZE/" -e "s|@MAINTAINER@|$DEB_MAINTAINER|" \
  "$HERE/debian/control.in" > "$PKG/DEBIAN/control"
chmod -R u+rwX,go+rX,go-w "$PKG"

# --- .deb --------------------------------------------------------------------------------------
DEB="dist/${APP_ID}_${DEB_VERSION}_${ARCH}.deb"
say "dpkg-deb ($DEB_COMPRESS -$DEB_LEVEL) -> $DEB"
T0=$SECONDS
dpkg-deb --root-owner-group -Z"$DEB_COMPRESS" -z"$DEB_LEVEL" --threads-max="$(nproc)" --build "$PKG" "$DEB" >/dev/null
say "deb $DEB: $(size "$DEB") in $((SECONDS - T0)) s (installed size $((INSTALLED_SIZE / 1024)) MiB, glibc >= $GLIBC)"

# AppImage: not built; it needs the AppImage runtime/appimagetool, which are not packaged in
# Debian/Ubuntu and would have to be downloaded (see packaging/README.md).
say "done in $((SECONDS - START)) s"
ls -l "$DEB"
