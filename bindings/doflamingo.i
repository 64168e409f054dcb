// SWIG interface of libdoflamingo for Java. Generates org.doflamingo.engine.jni (not committed);
// the hand-written facade in java/engine wraps it in AutoCloseable handles.
%module(directors="1") DoflamingoNative

%{
#include "engine_binding.h"
#include "doflamingo/error.h"
%}

%include <stdint.i>
%include <std_string.i>
// The headers spell fixed-width types with std::; tell SWIG they are the global ones.
namespace std {
typedef ::int32_t int32_t;
typedef ::int64_t int64_t;
typedef ::uint32_t uint32_t;
typedef ::uint64_t uint64_t;
}

// --- errors: no C++ exception may cross JNI (it would take the JVM down) ----------------------
%{
namespace {
void throwJava(JNIEnv* env, const char* cls, const std::string& message) {
  if (env->ExceptionCheck()) return;  // a Java exception (from a director call) is already pending
  jclass c = env->FindClass(cls);
  if (!c) return;  // FindClass left a NoClassDefFoundError pending, which says enough
  env->ThrowNew(c, doflamingo::binding::toModifiedUtf8(message).c_str());
  env->DeleteLocalRef(c);
}
}  // namespace
%}

%exception {
  try {
    $action
  } catch (const doflamingo::InvalidArgument& e) {
    throwJava(jenv, "java/lang/IllegalArgumentException", e.what());
    return $null;
  } catch (const doflamingo::Closed& e) {
    throwJava(jenv, "java/lang/IllegalStateException", e.what());
    return $null;
  } catch (const doflamingo::StorageError& e) {
    throwJava(jenv, "org/doflamingo/engine/StorageException", e.what());
    return $null;
  } catch (const std::bad_alloc&) {
    throwJava(jenv, "java/lang/OutOfMemoryError", "native allocation failed in libdoflamingo");
    return $null;
  } catch (const std::exception& e) {
    throwJava(jenv, "org/doflamingo/engine/EngineException", e.what());
    return $null;
  } catch (...) {
    throwJava(jenv, "org/doflamingo/engine/EngineException", "unknown native error in libdoflamingo");
    return $null;
  }
}

// --- UTF-8 text as byte[] ----------------------------------------------------------------------
%typemap(jni) doflamingo::binding::Bytes, const doflamingo::binding::Bytes& "jbyteArray"
%typemap(jtype) doflamingo::binding::Bytes, const doflamingo::binding::Bytes& "byte[]"
%typemap(jstype) doflamingo::binding::Bytes, const doflamingo::binding::Bytes& "byte[]"
%typemap(javain) const doflamingo::binding::Bytes& "$javainput"
%typemap(javaout) doflamingo::binding::Bytes { return $jnicall; }
%typemap(in) const doflamingo::binding::Bytes& (std::string bytes) {
  if (!$input) {
    SWIG_JavaThrowException(jenv, SWIG_JavaNullPointerException, "null byte array");
    return $null;
  }
  jsize n = jenv->GetArrayLength($input);
  bytes.resize(static_cast<std::size_t>(n));
  if (n > 0) jenv->GetByteArrayRegion($input, 0, n, reinterpret_cast<jbyte*>(&bytes[0]));
  $1 = &bytes;
}
%typemap(out) doflamingo::binding::Bytes {
  $result = jenv->NewByteArray(static_cast<jsize>($1.size()));
  if ($result && !$1.empty()) {
    jenv->SetByteArrayRegion($result, 0, static_cast<jsize>($1.size()), reinterpret_cast<const jbyte*>($1.data()));
  }
}
%typemap(directorin, descriptor="[B") const doflamingo::binding::Bytes& %{
  $input = jenv->NewByteArray(static_cast<jsize>($1.size()));
  if ($input && !$1.empty()) {
    jenv->SetByteArrayRegion($input, 0, static_cast<jsize>($1.size()), reinterpret_cast<const jbyte*>($1.data()));
  }
  Swig::LocalRefGuard $1_refguard(jenv, $input);
%}
%typemap(javadirectorin) const doflamingo::binding::Bytes& "$jniinput"

// --- bulk results as primitive arrays (one JNI call, not one per element) ----------------------
%define ARRAY_RESULT(CTYPE, JNITYPE, JAVATYPE, NEWARRAY, SETREGION, JELEM)
%typemap(jni) std::vector<CTYPE> "JNITYPE"
%typemap(jtype) std::vector<CTYPE> "JAVATYPE"
%typemap(jstype) std::vector<CTYPE> "JAVATYPE"
%typemap(javaout) std::vector<CTYPE> { return $jnicall; }
%typemap(out) std::vector<CTYPE> {
  $result = jenv->NEWARRAY(static_cast<jsize>($1.size()));
  if ($result && !$1.empty()) {
    jenv->SETREGION($result, 0, static_cast<jsize>($1.size()), reinterpret_cast<const JELEM*>($1.data()));
  }
}
%enddef
ARRAY_RESULT(double, jdoubleArray, double[], NewDoubleArray, SetDoubleArrayRegion, jdouble)
ARRAY_RESULT(long long, jlongArray, long[], NewLongArray, SetLongArrayRegion, jlong)
ARRAY_RESULT(std::int32_t, jintArray, int[], NewIntArray, SetIntArrayRegion, jint)

// --- series ids in (int[], copied), a long[] out (filled after the call) -----------------------
%typemap(jni) const doflamingo::binding::Ids& "jintArray"
%typemap(jtype) const doflamingo::binding::Ids& "int[]"
%typemap(jstype) const doflamingo::binding::Ids& "int[]"
%typemap(javain) const doflamingo::binding::Ids& "$javainput"
%typemap(in) const doflamingo::binding::Ids& (std::vector<std::int32_t> ids) {
  if (!$input) {
    SWIG_JavaThrowException(jenv, SWIG_JavaNullPointerException, "null series id array");
    return $null;
  }
  ids.resize(static_cast<std::size_t>(jenv->GetArrayLength($input)));
  if (!ids.empty()) jenv->GetIntArrayRegion($input, 0, static_cast<jsize>(ids.size()), reinterpret_cast<jint*>(ids.data()));
  $1 = &ids;
}
%typemap(jni) doflamingo::binding::LongsOut* "jlongArray"
%typemap(jtype) doflamingo::binding::LongsOut* "long[]"
%typemap(jstype) doflamingo::binding::LongsOut* "long[]"
%typemap(javain) doflamingo::binding::LongsOut* "$javainput"
%typemap(in) doflamingo::binding::LongsOut* (std::vector<long long> out) {
  if (!$input) {
    SWIG_JavaThrowException(jenv, SWIG_JavaNullPointerException, "null output array");
    return $null;
  }
  out.resize(static_cast<std::size_t>(jenv->GetArrayLength($input)));
  $1 = &out;
}
%typemap(argout) doflamingo::binding::LongsOut* {
  if (!$1->empty()) {
    jenv->SetLongArrayRegion($input, 0, static_cast<jsize>($1->size()), reinterpret_cast<const jlong*>($1->data()));
  }
}

// --- a batch of samples: a direct ByteBuffer, read in place ------------------------------------
%typemap(jni) (const void* buffer, std::int64_t capacityBytes) "jobject"
%typemap(jtype) (const void* buffer, std::int64_t capacityBytes) "java.nio.ByteBuffer"
%typemap(jstype) (const void* buffer, std::int64_t capacityBytes) "java.nio.ByteBuffer"
%typemap(javain) (const void* buffer, std::int64_t capacityBytes) "$javainput"
%typemap(in) (const void* buffer, std::int64_t capacityBytes) {
  $1 = $input ? jenv->GetDirectBufferAddress($input) : nullptr;
  $2 = $1 ? static_cast<std::int64_t>(jenv->GetDirectBufferCapacity($input)) : 0;
}

// --- what is wrapped ---------------------------------------------------------------------------
%include <std_vector.i>
%template(GroupValuesList) std::vector<doflamingo::binding::GroupValues>;

%feature("director") doflamingo::binding::LogHandler;
// A Java exception thrown by a director must not unwind through C++: swallow it here and let
// the native side count the record as dropped.
%feature("director:except") %{
  if (jenv->ExceptionCheck()) {
    jenv->ExceptionClear();
    throw std::runtime_error("log handler threw");
  }
%}

%ignore doflamingo::Engine;
%ignore doflamingo::Sample;
%ignore doflamingo::GroupQuery;
%ignore doflamingo::GroupResult;
%ignore doflamingo::Aggregation;
%ignore doflamingo::binding::GroupValues::GroupValues(GroupResult);
%ignore doflamingo::binding::SeriesValues::SeriesValues(SeriesData);
%ignore doflamingo::binding::toModifiedUtf8;
%ignore doflamingo::Scheduler::Scheduler(std::uint64_t);
%rename(NativeScheduler) doflamingo::Scheduler;
// SWIG's int64_t is long long, the platform's is long: hand the tokens over as long long.
%ignore doflamingo::Scheduler::due;
%extend doflamingo::Scheduler {
  std::vector<long long> dueTokens(long long nowMs) {
    std::vector<std::int64_t> tokens = $self->due(nowMs);
    return std::vector<long long>(tokens.begin(), tokens.end());
  }
}

%include "doflamingo/engine.h"
%include "doflamingo/scheduler.h"
%include "engine_binding.h"
