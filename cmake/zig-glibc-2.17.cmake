# Toolchain for the portable JNI library: zig's clang aimed at x86-64 Linux with glibc 2.17, libc++
# linked in. The compilers are the wrappers native/build-portable-deps.sh writes into its cache;
# DOFLAMINGO_PORTABLE_PREFIX names that cache (the script's PREFIX argument).
if(NOT DOFLAMINGO_PORTABLE_PREFIX)
  message(FATAL_ERROR "DOFLAMINGO_PORTABLE_PREFIX is not set: run native/build-portable-deps.sh PREFIX "
    "and pass -DDOFLAMINGO_PORTABLE_PREFIX=PREFIX")
endif()
# try_compile projects read the toolchain file again: hand them the prefix too.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES DOFLAMINGO_PORTABLE_PREFIX)

set(CMAKE_C_COMPILER "${DOFLAMINGO_PORTABLE_PREFIX}/bin/cc")
set(CMAKE_CXX_COMPILER "${DOFLAMINGO_PORTABLE_PREFIX}/bin/c++")
set(CMAKE_AR "${DOFLAMINGO_PORTABLE_PREFIX}/bin/ar" CACHE FILEPATH "zig ar")
set(CMAKE_RANLIB "${DOFLAMINGO_PORTABLE_PREFIX}/bin/ranlib" CACHE FILEPATH "zig ranlib")
# The glibc symbol versions this toolchain promises; the check after linking holds it to them.
set(DOFLAMINGO_GLIBC_BASELINE 2.17)
