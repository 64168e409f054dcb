#!/usr/bin/env bash
# Runs a command where RRDtool's library and what only it brings (pango, cairo, libpng, libdbi,
# GLib ...) cannot be loaded: each file is covered by /dev/null in a private mount namespace.
# Libraries the JVM itself loads stay, and those of mount and bash, which do the hiding. Needs
# root (unshare -m).
#
#   without-rrdtool.sh JAVA_HOME COMMAND...
set -euo pipefail
java_home=$1; shift
if [ "${DOFLAMINGO_IN_NAMESPACE:-}" != 1 ]; then
  DOFLAMINGO_IN_NAMESPACE=1 exec unshare --mount --propagation private bash "$0" "$java_home" "$@"
fi

# awk reads to the end: quitting early would kill ldconfig with SIGPIPE, which pipefail turns into exit 141
librrd=$(ldconfig -p | awk '$1 == "librrd.so.8" && !found { print $NF; found = 1 }')
[ -n "$librrd" ] || { echo "librrd.so.8 is not installed here: nothing to hide" >&2; exit 1; }
resolved() { ldd "$@" 2>/dev/null | awk '$3 ~ /^\// { print $3 }' | xargs -r readlink -f | sort -u; }
# What a JVM without a GUI loads: launcher, VM, and the core, zip, file and network libraries.
jvm_libs=()
for l in bin/java lib/server/libjvm.so lib/libjli.so lib/libjava.so lib/libjimage.so lib/libverify.so \
         lib/libzip.so lib/libnio.so lib/libnet.so lib/libextnet.so; do
  [ ! -e "$java_home/$l" ] || jvm_libs+=("$java_home/$l")
done
keep=$(resolved "${jvm_libs[@]}" "$(command -v mount)" "$(command -v bash)")
hide=$( (readlink -f "$librrd"; resolved "$librrd") | sort -u | grep -vxF -f <(echo "$keep") \
  | grep -vE '/(libc|libm|libpthread|libdl|librt|ld-linux-x86-64)[.-]')
for f in $hide; do
  mount --bind /dev/null "$f"
  [ ! -s "$f" ] || { echo "could not hide $f" >&2; exit 1; }
done
echo "HIDDEN" $hide
exec "$@"
