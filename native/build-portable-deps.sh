#!/usr/bin/env bash
# Prepares, once, what the portable JNI library is built with: zig's C/C++ compiler (PyPI package
# ziglang) aimed at glibc 2.17, and static zlib, PCRE2, GLib and librrd compiled by it from Debian's
# source packages. Debian's own librrd.a and libglib-2.0.a are compiled against glibc 2.36 headers
# (they call stat@GLIBC_2.33, fcntl64 ...), so they cannot go into a library meant for 2.17.
#
#   build-portable-deps.sh PREFIX        (java/engine/pom.xml: ~/.cache/doflamingo/portable-glibc2.17)
#
# Everything lands in PREFIX (outside the repository): bin/ (compiler wrappers), sysroot/
# (headers and static libraries), logs/. PREFIX/complete records which recipe built it (this
# script's checksum); while that matches, the script does nothing and needs no network.
# Prints nothing on success but one line, and the build log of a step that fails.
set -euo pipefail

ZIG_VERSION=0.15.2
MESON_VERSION=1.6.1   # the first meson that knows zig's linker
GLIBC_VERSION=2.17
TARGET=x86_64-linux-gnu.$GLIBC_VERSION
SOURCES=(zlib pcre2 glib2.0 rrdtool)

[ $# -eq 1 ] || { echo "usage: $0 PREFIX" >&2; exit 2; }
out=$(realpath -m "$1")
recipe=$(sha256sum "$0" | cut -c1-16)
mkdir -p "$(dirname "$out")"
exec 9>"$out.lock"
flock 9   # another worktree may be preparing the same prefix
[ "$(cat "$out/complete" 2>/dev/null)" = "$recipe" ] && exit 0

started=$(date +%s)
echo "doflamingo: preparing the portable toolchain and libraries in $out (once; needs the network)"
rm -rf "$out"
mkdir -p "$out"/{bin,dl,src,sysroot/lib,sysroot/include,logs}
sys="$out/sysroot"
jobs=$(nproc)

# Runs a build step quietly, showing its log only when it fails.
step() {
  local name=$1; shift
  if ! "$@" >"$out/logs/$name.log" 2>&1; then
    echo "doflamingo: step '$name' failed; its log ($out/logs/$name.log) ends with:" >&2
    tail -n 40 "$out/logs/$name.log" >&2
    exit 1
  fi
}

# --- zig, and meson for GLib's build (both PyPI wheels, unpacked, not installed) -------------------
step pypi-download python3 -m pip download --disable-pip-version-check --no-deps --only-binary=:all: \
  -d "$out/dl" "ziglang==$ZIG_VERSION" "meson==$MESON_VERSION"
python3 - "$out" <<'EOF'
import glob, os, sys, zipfile
out = sys.argv[1]
for name, into in (("ziglang", "zig"), ("meson", "meson")):
    zipfile.ZipFile(glob.glob(os.path.join(out, "dl", name + "-*.whl"))[0]).extractall(os.path.join(out, into))
os.chmod(os.path.join(out, "zig", "ziglang", "zig"), 0o755)
EOF
rm -f "$out"/dl/*.whl
meson() { PYTHONPATH="$out/meson" python3 -m mesonbuild.mesonmain "$@"; }

# One wrapper a tool, so CMake, configure and meson see an ordinary compiler. zig's own caches
# (libc++, the glibc stubs) stay inside this directory too.
wrapper() {
  cat >"$out/bin/$1" <<EOF
#!/bin/sh
ZIG_GLOBAL_CACHE_DIR="$out/zig-cache" ZIG_LOCAL_CACHE_DIR="$out/zig-cache" exec "$out/zig/ziglang/zig" $2 "\$@"
EOF
  chmod +x "$out/bin/$1"
}
# zig hands a source read from stdin ('-') to clang with zig's spelling of the target, which clang
# rejects; meson asks for the predefined macros that way, so such a source goes through a file.
compiler_wrapper() {
  cat >"$out/bin/$1" <<EOF
#!/usr/bin/env bash
args=() stdin_copy= prev=
for a in "\$@"; do
  if [ "\$a" = - ] && [ "\$prev" != -o ]; then
    stdin_copy=\$(mktemp --suffix=$3); cat >"\$stdin_copy"; a=\$stdin_copy
  fi
  args+=("\$a"); prev=\$a
done
ZIG_GLOBAL_CACHE_DIR="$out/zig-cache" ZIG_LOCAL_CACHE_DIR="$out/zig-cache" "$out/zig/ziglang/zig" $2 "\${args[@]}"
rc=\$?
[ -z "\$stdin_copy" ] || rm -f "\$stdin_copy"
exit \$rc
EOF
  chmod +x "$out/bin/$1"
}
compiler_wrapper cc "cc -target $TARGET" .c
compiler_wrapper c++ "c++ -target $TARGET" .cpp
wrapper ar ar
wrapper ranlib ranlib

export CC="$out/bin/cc" CXX="$out/bin/c++" AR="$out/bin/ar" RANLIB="$out/bin/ranlib"
# Sections per function, so the JNI library's --gc-sections keeps only what the engine calls.
export CFLAGS="-O2 -fPIC -g0 -ffunction-sections -fdata-sections"
export CXXFLAGS="$CFLAGS"

# --- Debian source packages, through a private list of deb-src entries (the system's apt
# configuration is left as it is) -------------------------------------------------------------------
apt_dir="$out/apt"
mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial"
# The main archive only: the security archive serves no sources here.
awk -v RS= -v ORS='\n\n' '!/debian-security/ { sub(/Types:[^\n]*/, "Types: deb-src"); print }' \
  /etc/apt/sources.list.d/debian.sources >"$apt_dir/src.sources"
apt_opts=(-o "Dir::Etc::SourceList=$apt_dir/src.sources" -o "Dir::Etc::SourceParts=$apt_dir/none"
          -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache" -o "APT::Sandbox::User=root")
step apt-update apt-get "${apt_opts[@]}" update
(cd "$out/dl" && step apt-source apt-get "${apt_opts[@]}" source --download-only "${SOURCES[@]}")
# apt checked every file against the signed Sources index, so dpkg-source needs no keyring.
for p in "${SOURCES[@]}"; do
  dsc=$(ls "$out"/dl/"${p}"_*.dsc)
  step "unpack-$p" dpkg-source --no-check -x "$dsc" "$out/src/$p"
  echo "$(basename "$dsc" .dsc)" >>"$out/versions"
done
rm -rf "$apt_dir"

# --- zlib (the engine's crc32) -----------------------------------------------------------------
cd "$out/src/zlib"
step zlib-configure ./configure --static --prefix="$sys"
step zlib-build make -j"$jobs" install

# --- PCRE2 (GLib's GRegex, which librrd parses DS definitions with) ----------------------------
cd "$out/src/pcre2"
step pcre2-configure ./configure --prefix="$sys" --disable-shared --enable-static --with-pic \
  --disable-pcre2grep-libz --disable-pcre2grep-libbz2 --disable-pcre2test-libreadline
step pcre2-build make -j"$jobs" install

# --- GLib: only libglib-2.0.a (GList, GTree, GRegex); gobject and gio are configured, not built ---
cd "$out/src/glib2.0"
export PKG_CONFIG_PATH="$sys/lib/pkgconfig"
step glib-configure meson setup _build --prefix="$sys" --buildtype=release --default-library=static \
  --wrap-mode=nodownload -Dtests=false -Dnls=disabled -Dlibmount=disabled -Dselinux=disabled \
  -Dxattr=false -Dman=false -Dgtk_doc=false -Ddtrace=false -Dsystemtap=false -Dlibelf=disabled \
  -Dinstalled_tests=false
step glib-build ninja -C _build -j"$jobs" glib/libglib-2.0.a
mkdir -p "$sys/include/glib-2.0/glib" "$sys/lib/glib-2.0/include"
cp glib/glib.h glib/glib-unix.h "$sys/include/glib-2.0/"
(cd glib && find . -path ./tests -prune -o -name '*.h' -exec cp --parents {} "$sys/include/glib-2.0/glib/" \;)
cp _build/glib/glibconfig.h "$sys/lib/glib-2.0/include/"
cp _build/glib/libglib-2.0.a "$sys/lib/"

# --- librrd: the library only, without graphs, XML restore, rrdcached's server or bindings ------
cd "$out/src/rrdtool"
glib_flags="-I$sys/include/glib-2.0 -I$sys/lib/glib-2.0/include"
step rrd-configure env GLIB_CFLAGS="$glib_flags" GLIB_LIBS="-L$sys/lib -lglib-2.0 -lpcre2-8 -pthread" \
  CPPFLAGS="$glib_flags" LDFLAGS="-L$sys/lib" LIBS="-lglib-2.0 -lpcre2-8 -pthread" \
  ./configure --prefix="$sys" --disable-shared --enable-static --with-pic --disable-rrd_graph \
  --disable-rrd_restore --disable-rrdcached --disable-rrdcgi --disable-libdbi --disable-librados \
  --disable-libwrap --disable-perl --disable-ruby --disable-lua --disable-tcl --disable-python \
  --disable-docs --disable-examples --disable-nls
step rrd-build make -C src -j"$jobs" librrd.la
cp src/.libs/librrd.a "$sys/lib/"
cp src/rrd.h src/rrd_client.h src/rrd_format.h "$sys/include/"

rm -rf "$out/src" "$out/dl"
echo "$recipe" >"$out/complete"
echo "doflamingo: portable toolchain ready in $(( $(date +%s) - started )) s ($(tr '\n' ' ' <"$out/versions"))"
