#!/usr/bin/env bash
# Installs the Debian packages the native build and its tests need, when any is missing.
# Maven runs this before CMake, so a fresh machine needs no manual step; it does nothing (and
# needs no network) once everything is there.
set -euo pipefail

packages=(cmake g++ make pkg-config swig zlib1g-dev
          librrd-dev rrdtool rrdcached
          libspdlog-dev libfmt-dev
          libgtest-dev libbenchmark-dev
          # build-portable-deps.sh: pip fetches zig and meson, apt-get source the C sources;
          # GLib builds with ninja (its configure wants libffi's headers for gobject, which is
          # not built); the check reads the library with objdump and readelf
          python3-pip dpkg-dev ninja-build libffi-dev binutils util-linux)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "doflamingo: installing missing Debian packages: ${missing[*]}"
sudo=""
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "doflamingo: not root and no sudo; run as root: apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
