# The portability check must catch what it is there for: a library built with the system's g++
# against librrd.so.8 that calls glibc 2.36's arc4random. The test passes when the check names
# both offenders and refuses the library.
add_library(doflamingo_portable_offender SHARED tests/portable/offender.cpp)
target_link_libraries(doflamingo_portable_offender PRIVATE PkgConfig::RRD)
add_test(NAME PortableCheck.RejectsNewGlibcSymbolsAndForeignLibraries
  COMMAND bash "${CMAKE_SOURCE_DIR}/cmake/check-portable-library.sh"
          "$<TARGET_FILE:doflamingo_portable_offender>" 2.17)
set_tests_properties(PortableCheck.RejectsNewGlibcSymbolsAndForeignLibraries PROPERTIES
  PASS_REGULAR_EXPRESSION "needs GLIBC_2\\.36 \\(baseline 2\\.17\\) for: arc4random.*needs librrd\\.so\\.8, which is not part of glibc.*not portable")
