#!/usr/bin/env bash
# Installs Debian's MariaDB server and client, which the Flamingo-mode tests of the stand-in host
# run as a private instance (Flamingo 2 keeps its Quartz jobs and its menu in MySQL), when they are
# missing. The tests (java/server PrivateMariaDb) run this first; it does nothing (and needs no
# network) once mariadbd and mysql are there. Debian starts no service from a container's install;
# the tests never use a system instance, only their own under target/.
set -euo pipefail

command -v mariadbd >/dev/null 2>&1 && command -v mysql >/dev/null 2>&1 && command -v mariadb-install-db >/dev/null 2>&1 && exit 0
echo "doflamingo: installing Debian's mariadb-server for the Flamingo-mode tests"
sudo=""
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "doflamingo: not root and no sudo; run as root: apt-get install mariadb-server mariadb-client" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends mariadb-server mariadb-client
