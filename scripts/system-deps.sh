#!/usr/bin/env bash
# Check the system libraries Qt needs; install the missing ones with apt-get when we can.
set -u
# library soname -> Debian/Ubuntu package
declare -A NEED=(
  [libEGL.so.1]=libegl1 [libGL.so.1]=libgl1 [libfontconfig.so.1]=libfontconfig1
  [libxkbcommon.so.0]=libxkbcommon0 [libdbus-1.so.3]=libdbus-1-3 [libglib-2.0.so.0]=libglib2.0-0
  [libxkbcommon-x11.so.0]=libxkbcommon-x11-0 [libxcb-cursor.so.0]=libxcb-cursor0
  [libxcb-icccm.so.4]=libxcb-icccm4 [libxcb-keysyms.so.1]=libxcb-keysyms1
  [libxcb-image.so.0]=libxcb-image0 [libxcb-render-util.so.0]=libxcb-render-util0
  [libxcb-shape.so.0]=libxcb-shape0 [libxcb-randr.so.0]=libxcb-randr0
)
missing=()
libs=$(ldconfig -p 2>/dev/null)
for lib in "${!NEED[@]}"; do
  grep -q "$lib" <<<"$libs" || missing+=("${NEED[$lib]}")
done
# Without a font Qt draws every letter as a box.
if ! ls /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf >/dev/null 2>&1 && \
   ! { command -v fc-list >/dev/null && [ -n "$(fc-list 2>/dev/null | head -n 1)" ]; }; then
  missing+=(fonts-dejavu-core)
fi
[ ${#missing[@]} -eq 0 ] && exit 0
mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
cmd="apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing system libraries Qt needs: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  { apt-get update -qq && $cmd -qq; } >/tmp/twofold-apt.log 2>&1 || {
    echo "apt-get failed (log: /tmp/twofold-apt.log); run: sudo $cmd"; exit 1; }
  exit 0
fi
echo "Twofold needs system libraries that are missing: ${missing[*]}"
if command -v apt-get >/dev/null; then
  echo "Install them with:  sudo $cmd"
else
  echo "Install your distribution's packages providing them (Qt 6 runtime: EGL, fontconfig, xkbcommon, xcb-cursor)."
fi
exit 1
