#!/usr/bin/env bash
# Checks that a shared library loads on any x86-64 Linux with glibc BASELINE or newer:
# no GLIBC_ symbol version above BASELINE (objdump -T), and NEEDED libraries only from glibc
# itself (readelf -d). Prints every offender and exits 1 when there is one.
#
#   check-portable-library.sh LIBRARY BASELINE      e.g. libdoflamingo_jni.so 2.17
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 LIBRARY GLIBC_BASELINE" >&2; exit 2; }
lib=$1 baseline=$2
allowed='^(libc\.so\.6|libm\.so\.6|libpthread\.so\.0|libdl\.so\.2|librt\.so\.1|ld-linux-x86-64\.so\.2)$'

newer_than_baseline() {  # reads versions like 2.34, prints those above the baseline
  while read -r v; do
    [ "$(printf '%s\n%s\n' "$baseline" "$v" | sort -V | tail -n 1)" != "$baseline" ] && echo "$v"
  done
}

failed=0
# "version symbol" lines, e.g. "2.34 pthread_join"
symbols=$(objdump -T "$lib" | awk 'match($0, /GLIBC_[0-9][0-9.]*/) { print substr($0, RSTART + 6, RLENGTH - 6), $NF }')
for v in $(echo "$symbols" | awk '{print $1}' | sort -uV | newer_than_baseline); do
  echo "$lib: needs GLIBC_$v (baseline $baseline) for:" $(echo "$symbols" | awk -v v="$v" '$1 == v {print $2}') >&2
  failed=1
done
for needed in $(readelf -d "$lib" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
  if ! [[ $needed =~ $allowed ]]; then
    echo "$lib: needs $needed, which is not part of glibc" >&2
    failed=1
  fi
done
if [ $failed -ne 0 ]; then
  echo "$lib: not portable (see above)" >&2
  exit 1
fi
echo "$lib: portable: glibc <= $baseline, needs only $(readelf -d "$lib" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | tr '\n' ' ')"
