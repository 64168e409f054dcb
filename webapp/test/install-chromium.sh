#!/usr/bin/env bash
# Installs Debian's chromium, which the browser tests drive (playwright-core, no bundled browser),
# when it is missing. The browser test (java/server PagesIT) runs this first; it does nothing
# (and needs no network) once chromium is there.
set -euo pipefail

command -v chromium >/dev/null 2>&1 && exit 0
echo "doflamingo: installing Debian's chromium for the browser tests"
sudo=""
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "doflamingo: not root and no sudo; run as root: apt-get install chromium" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends chromium
