// Exceptions thrown by the engine's public API. The SWIG layer maps each to a Java exception, so a
// C++ exception never crosses JNI (see bindings/doflamingo.i).
#pragma once

#include <stdexcept>
#include <string>

namespace doflamingo {

// Base of everything the engine throws on purpose.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The caller passed something the engine refuses: bad name, label set, option or id.
class InvalidArgument : public Error {
 public:
  using Error::Error;
};

// The handle was closed; any further call is a programming error of the caller.
class Closed : public Error {
 public:
  using Error::Error;
};

// Disk, journal or RRD trouble that the engine could not work around.
class StorageError : public Error {
 public:
  using Error::Error;
};

}  // namespace doflamingo
