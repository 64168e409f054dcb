# The portable build's dependencies, under the names the system build's find_package and
# pkg_check_modules give them (PkgConfig::RRD, ZLIB::ZLIB, spdlog::spdlog_header_only,
# fmt::fmt-header-only), so the targets in CMakeLists.txt link the same way in both builds.
# librrd, GLib, PCRE2 and zlib are the static libraries native/build-portable-deps.sh compiled for
# glibc 2.17; spdlog and fmt are header-only, taken from the system without the rest of
# /usr/include (its glibc 2.36 headers would bring newer symbol versions back).
set(_sysroot "${DOFLAMINGO_PORTABLE_PREFIX}/sysroot")
if(NOT EXISTS "${DOFLAMINGO_PORTABLE_PREFIX}/complete")
  message(FATAL_ERROR "${DOFLAMINGO_PORTABLE_PREFIX} is incomplete: run native/build-portable-deps.sh")
endif()

find_package(Threads REQUIRED)

add_library(PkgConfig::RRD INTERFACE IMPORTED)
set_target_properties(PkgConfig::RRD PROPERTIES
  INTERFACE_INCLUDE_DIRECTORIES "${_sysroot}/include"
  INTERFACE_LINK_LIBRARIES
    "${_sysroot}/lib/librrd.a;${_sysroot}/lib/libglib-2.0.a;${_sysroot}/lib/libpcre2-8.a;Threads::Threads;m")

add_library(ZLIB::ZLIB INTERFACE IMPORTED)
set_target_properties(ZLIB::ZLIB PROPERTIES
  INTERFACE_INCLUDE_DIRECTORIES "${_sysroot}/include"
  INTERFACE_LINK_LIBRARIES "${_sysroot}/lib/libz.a")

# Only the spdlog/ and fmt/ folders, through links in the build tree.
set(_headers "${CMAKE_BINARY_DIR}/portable-headers")
file(MAKE_DIRECTORY "${_headers}")
foreach(_lib spdlog fmt)
  find_path(_${_lib}_root NAMES ${_lib} PATHS /usr/include /usr/local/include NO_DEFAULT_PATH REQUIRED)
  file(CREATE_LINK "${_${_lib}_root}/${_lib}" "${_headers}/${_lib}" SYMBOLIC)
endforeach()
add_library(fmt::fmt-header-only INTERFACE IMPORTED)
set_target_properties(fmt::fmt-header-only PROPERTIES
  INTERFACE_INCLUDE_DIRECTORIES "${_headers}"
  INTERFACE_COMPILE_DEFINITIONS FMT_HEADER_ONLY=1)
add_library(spdlog::spdlog_header_only INTERFACE IMPORTED)
set_target_properties(spdlog::spdlog_header_only PROPERTIES INTERFACE_INCLUDE_DIRECTORIES "${_headers}")

# Fails the build when the library needs a glibc newer than the baseline or a library outside
# the allow-list; prints what offends.
function(doflamingo_check_portable target)
  add_custom_command(TARGET ${target} POST_BUILD
    COMMAND bash "${CMAKE_SOURCE_DIR}/cmake/check-portable-library.sh"
            "$<TARGET_FILE:${target}>" "${DOFLAMINGO_GLIBC_BASELINE}"
    VERBATIM)
endfunction()
