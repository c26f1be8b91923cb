#!/usr/bin/env bash
# Install (or with --uninstall remove) Twofold's launcher, icons and AppStream metadata for the
# current user, under ${XDG_DATA_HOME:-~/.local/share}. Usage: install-desktop.sh [--uninstall] [TWOFOLD]
# TWOFOLD is the command the launcher runs (default: the `twofold` on PATH).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${XDG_DATA_HOME:-$HOME/.local/share}"
icons="$here/desktop/twofold/resources/icons"
sizes=(16 22 24 32 48 64 128 256 512)
app_id=io.github.twofold.Twofold

refresh() {
  if command -v update-desktop-database >/dev/null; then
    update-desktop-database "$data/applications"
  else
    echo "note: update-desktop-database not found; menus pick the launcher up at next login"
  fi
  if command -v gtk-update-icon-cache >/dev/null; then
    gtk-update-icon-cache --force --ignore-theme-index --quiet "$data/icons/hicolor"
  else
    echo "note: gtk-update-icon-cache not found; the icon appears once the desktop rescans"
  fi
}

if [ "${1:-}" = "--uninstall" ]; then
  rm -f "$data/applications/twofold.desktop" "$data/metainfo/$app_id.metainfo.xml" \
        "$data/icons/hicolor/scalable/apps/twofold.svg"
  for s in "${sizes[@]}"; do rm -f "$data/icons/hicolor/${s}x${s}/apps/twofold.png"; done
  refresh
  echo "Removed the Twofold launcher and icons from $data"
  exit 0
fi

exe="${1:-$(command -v twofold || true)}"
if [ -z "$exe" ] || [ ! -x "$exe" ]; then
  echo "install-desktop: no runnable twofold command (${exe:-none on PATH}); run 'make install' first" >&2
  exit 1
fi
exe="$(cd "$(dirname "$exe")" && pwd)/$(basename "$exe")"
case "$exe" in *'"'*|*'`'*|*'$'*|*'\'*)
  echo "install-desktop: the path $exe has characters a launcher cannot quote" >&2; exit 1;;
esac

install -d "$data/applications" "$data/metainfo" "$data/icons/hicolor/scalable/apps"
# The launcher runs this checkout's (or this install's) command by its absolute path, quoted.
sed -e "s|^Exec=twofold |Exec=\"$exe\" |" -e "s|^TryExec=.*||" \
  "$here/resources/twofold.desktop" >"$data/applications/twofold.desktop"
chmod 644 "$data/applications/twofold.desktop"
grep -q "^Exec=\"$exe\" " "$data/applications/twofold.desktop" || {
  echo "install-desktop: could not set the launcher's command" >&2; exit 1; }
install -m 644 "$here/resources/$app_id.metainfo.xml" "$data/metainfo/"
install -m 644 "$icons/twofold.svg" "$data/icons/hicolor/scalable/apps/twofold.svg"
for s in "${sizes[@]}"; do
  install -D -m 644 "$icons/twofold-$s.png" "$data/icons/hicolor/${s}x${s}/apps/twofold.png"
done
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "$data/applications/twofold.desktop"
fi
refresh
echo "Installed the Twofold launcher ($data/applications/twofold.desktop, runs $exe),"
echo "its icon in ${#sizes[@]} sizes plus SVG under $data/icons/hicolor, and AppStream metadata."
