#!/usr/bin/env bash
# Build Integrate's Linux bundle from packaging/integrate.spec (PyInstaller --onedir):
#   dist/Integrate-<version>-linux-x86_64.tar.gz   one folder with the `integrate` program
#   dist/integrate_<version>_amd64.deb             /opt/integrate, /usr/bin/integrate, menu
#                                                  entry, hicolor icons, AppStream metainfo
# Needs the `bundle` extra (pip install '.[bundle]') and dpkg-deb. Reproducible: the same
# sources and venv give the same file list and contents; timestamps and owners inside the
# archives are fixed (SOURCE_DATE_EPOCH, default the last commit's time).
#
#   scripts/build-bundle.sh [--no-deb]
#   DIST=/somewhere BUILD=/scratch scripts/build-bundle.sh     (output / work folders)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
DIST="${DIST:-$ROOT/dist}"
BUILD="${BUILD:-$ROOT/build/bundle}"
MAKE_DEB=1
for arg in "$@"; do
  case "$arg" in
    --no-deb) MAKE_DEB=0 ;;
    *) echo "usage: $0 [--no-deb]" >&2; exit 2 ;;
  esac
done

# The Python with PySide6 and PyInstaller: $PYTHON, else .venv, else the active venv.
if [ -n "${PYTHON:-}" ]; then PY="$PYTHON"
elif [ -x .venv/bin/python ]; then PY=.venv/bin/python
elif [ -n "${VIRTUAL_ENV:-}" ] && [ -x "$VIRTUAL_ENV/bin/python" ]; then PY="$VIRTUAL_ENV/bin/python"
else PY=python3
fi
if ! "$PY" -c "import PyInstaller" 2>/dev/null; then
  echo "PyInstaller is missing: $PY -m pip install '.[bundle]'" >&2
  exit 1
fi

VERSION="$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' src/integrate/__init__.py)"
APP_ID="org.integrate.Integrate"
ARCH_DEB=amd64
ARCH_TAR=x86_64
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || echo 1700000000)}"
export PYTHONHASHSEED=0  # PyInstaller's advice for reproducible builds
export QT_QPA_PLATFORM=offscreen

rm -rf "$BUILD"
mkdir -p "$BUILD" "$DIST"
echo "== icons"
"$PY" scripts/render_icons.py "$BUILD/icons"

echo "== PyInstaller $("$PY" -m PyInstaller --version) (integrate $VERSION)"
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$BUILD/pyi-dist" --workpath "$BUILD/pyi-work" packaging/integrate.spec
APPDIR="$BUILD/pyi-dist/integrate"
test -x "$APPDIR/integrate"
test -f "$APPDIR/LICENSE"

# Refuse a bundle that grew unused Qt parts back (a new import, a new hook).
unwanted="$(find "$APPDIR" \( -iname '*WebEngine*' -o -iname '*Qt6Quick*' -o -iname '*Qt6Qml*' \
  -o -iname '*Qt63D*' -o -iname '*Qt6Pdf*' \) -print)"
if [ -n "$unwanted" ]; then echo "unused Qt parts in the bundle:" >&2; echo "$unwanted" >&2; exit 1; fi

normalise() {  # fixed modes and times, so two builds archive the same bytes
  chmod -R u+rwX,go+rX,go-w "$1"
  find "$1" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
}
tar_gz() {  # tar_gz OUT DIR NAME
  tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" \
    -C "$2" -cf - "$3" | gzip -n -6 > "$1"
}

echo "== tar.gz"
TOP="Integrate-$VERSION"
rm -rf "${BUILD:?}/tar" && mkdir -p "$BUILD/tar"
cp -a "$APPDIR" "$BUILD/tar/$TOP"
cat > "$BUILD/tar/$TOP/README.txt" <<TXT
Integrate $VERSION - a private journal

Start it: double-click "integrate" in this folder (or run ./integrate).
Add it to your application menu: ./integrate install-desktop-entry
Remove the menu entry again:     ./integrate install-desktop-entry --uninstall

Your journal is not kept in this folder: deleting the folder leaves it where it is
(~/.local/share/Integrate). Licence: GPL-3.0-or-later, see LICENSE.
TXT
normalise "$BUILD/tar/$TOP"
TARBALL="$DIST/Integrate-$VERSION-linux-$ARCH_TAR.tar.gz"
tar_gz "$TARBALL" "$BUILD/tar" "$TOP"
echo "wrote $TARBALL ($(du -m "$TARBALL" | cut -f1) MB; unpacked $(du -sm "$BUILD/tar/$TOP" | cut -f1) MB)"

if [ "$MAKE_DEB" = 1 ]; then
  echo "== .deb"
  command -v dpkg-deb >/dev/null || { echo "dpkg-deb is missing (apt install dpkg)" >&2; exit 1; }
  PKG="$BUILD/deb"
  rm -rf "$PKG" && mkdir -p "$PKG/DEBIAN" "$PKG/opt" "$PKG/usr/bin" \
    "$PKG/usr/share/applications" "$PKG/usr/share/metainfo" "$PKG/usr/share/doc/integrate"
  cp -a "$APPDIR" "$PKG/opt/integrate"
  ln -s /opt/integrate/integrate "$PKG/usr/bin/integrate"
  install -m 644 "packaging/$APP_ID.desktop" "$PKG/usr/share/applications/$APP_ID.desktop"
  install -m 644 "packaging/$APP_ID.metainfo.xml" "$PKG/usr/share/metainfo/$APP_ID.metainfo.xml"
  mkdir -p "$PKG/usr/share/icons"
  cp -a "$BUILD/icons/hicolor" "$PKG/usr/share/icons/hicolor"
  { echo "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"
    echo "Upstream-Name: integrate"
    echo
    echo "Files: *"
    echo "Copyright: The Integrate developers"
    echo "License: GPL-3.0-or-later"
    echo " On Debian systems the full text is in /usr/share/common-licenses/GPL-3"
    echo " and in /opt/integrate/LICENSE."
  } > "$PKG/usr/share/doc/integrate/copyright"
  normalise "$PKG"
  SIZE_KB="$(du -sk --exclude=DEBIAN "$PKG" | cut -f1)"
  # libc6 2.36: the bundle is built on Debian 12; its Python and libstdc++ need that glibc.
  cat > "$PKG/DEBIAN/control" <<CTL
Package: integrate
Version: $VERSION
Architecture: $ARCH_DEB
Maintainer: The Integrate developers <noreply@integrate.invalid>
Installed-Size: $SIZE_KB
Depends: libc6 (>= 2.36), libgl1, libegl1, libfontconfig1, libfreetype6, libxkbcommon0, libxkbcommon-x11-0, libxcb1, libxcb-cursor0, libdbus-1-3
Recommends: gnome-keyring | kwalletmanager | keepassxc
Section: utils
Priority: optional
Description: A private journal
 Integrate is a private journal for your own computer: short check-ins, writing
 prompts and calming exercises on a gentle schedule, and a summary you can save
 as a PDF. Everything is stored encrypted on this computer, with the key in the
 system keyring. No account, no network access, no telemetry.
CTL
  chmod 644 "$PKG/DEBIAN/control"
  touch -d "@$SOURCE_DATE_EPOCH" "$PKG/DEBIAN" "$PKG/DEBIAN/control"
  DEB="$DIST/integrate_${VERSION}_$ARCH_DEB.deb"
  dpkg-deb --root-owner-group -Zgzip -z6 --build "$PKG" "$DEB" >/dev/null
  echo "wrote $DEB ($(du -m "$DEB" | cut -f1) MB)"
fi
