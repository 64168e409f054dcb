// A library cmake/check-portable-library.sh must reject: it needs librrd.so.8, which is not part
// of glibc, and arc4random, which glibc has only since 2.36.
#include <rrd.h>
#include <cstdlib>

extern "C" unsigned doflamingo_offender() { return arc4random() + (rrd_test_error() ? 1u : 0u); }
