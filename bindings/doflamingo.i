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

// --- what is wrapped: an allow-list over engine_binding.h ----------------------------------------
// Everything is ignored unless named here, so a member added to the header does not cross JNI
// until someone decides it should (OR-Tools' %ignoreall / %unignore style).
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

// An empty name matches every declaration; a named %rename("%s") wins over it for that name.
%define %ignoreall %ignore ""; %enddef
%define %unignore %rename("%s") %enddef
%define %unignoreall %rename("%s") ""; %enddef

%ignoreall
%unignore doflamingo;
%unignore doflamingo::binding;

%unignore doflamingo::binding::defaultTiers;
%unignore doflamingo::binding::describeRetentionClass;

%unignore doflamingo::binding::NativeOptions;
%unignore doflamingo::binding::NativeOptions::NativeOptions;
%unignore doflamingo::binding::NativeOptions::~NativeOptions;
%unignore doflamingo::binding::NativeOptions::setDataDir;
%unignore doflamingo::binding::NativeOptions::setTiers;
%unignore doflamingo::binding::NativeOptions::setHeartbeatSeconds;
%unignore doflamingo::binding::NativeOptions::setLiveWindowSeconds;
%unignore doflamingo::binding::NativeOptions::addRetentionClass;
%unignore doflamingo::binding::NativeOptions::setFlushBatch;
%unignore doflamingo::binding::NativeOptions::setFlushMaxDelaySeconds;
%unignore doflamingo::binding::NativeOptions::setFlusherThreads;
%unignore doflamingo::binding::NativeOptions::setMaxBufferedSamples;
%unignore doflamingo::binding::NativeOptions::setBackpressureTimeoutMs;
%unignore doflamingo::binding::NativeOptions::setFutureToleranceSeconds;
%unignore doflamingo::binding::NativeOptions::setRrdcachedAddress;
%unignore doflamingo::binding::NativeOptions::setJournalFsync;
%unignore doflamingo::binding::NativeOptions::setJournalSegmentBytes;
%unignore doflamingo::binding::NativeOptions::setEventMaxAgeSeconds;
%unignore doflamingo::binding::NativeOptions::setEventMaxBytes;
%unignore doflamingo::binding::NativeOptions::setEventSegmentBytes;

%unignore doflamingo::binding::NativeStats;
%unignore doflamingo::binding::NativeStats::~NativeStats;
%unignore doflamingo::binding::NativeStats::getSeries;
%unignore doflamingo::binding::NativeStats::getSamplesAccepted;
%unignore doflamingo::binding::NativeStats::getSamplesDropped;
%unignore doflamingo::binding::NativeStats::getSamplesBuffered;
%unignore doflamingo::binding::NativeStats::getSamplesWritten;
%unignore doflamingo::binding::NativeStats::getRrdWrites;
%unignore doflamingo::binding::NativeStats::getRrdWriteErrors;
%unignore doflamingo::binding::NativeStats::getFilesQuarantined;
%unignore doflamingo::binding::NativeStats::getJournalSegments;
%unignore doflamingo::binding::NativeStats::getReplayedSamples;
%unignore doflamingo::binding::NativeStats::getLiveRingBytes;
%unignore doflamingo::binding::NativeStats::getLogRecordsDropped;
%unignore doflamingo::binding::NativeStats::getEvents;
%unignore doflamingo::binding::NativeStats::getEventBytes;
%unignore doflamingo::binding::NativeStats::getEventCorruptRecords;
%unignore doflamingo::binding::NativeStats::getLastStorageError;

%unignore doflamingo::binding::SeriesValues;
%unignore doflamingo::binding::SeriesValues::~SeriesValues;
%unignore doflamingo::binding::SeriesValues::startMs;
%unignore doflamingo::binding::SeriesValues::stepMs;
%unignore doflamingo::binding::SeriesValues::values;

%unignore doflamingo::binding::GroupValues;
%unignore doflamingo::binding::GroupValues::~GroupValues;
%unignore doflamingo::binding::GroupValues::group;
%unignore doflamingo::binding::GroupValues::seriesCount;
%unignore doflamingo::binding::GroupValues::series;

%unignore doflamingo::binding::NativeEngine;
%unignore doflamingo::binding::NativeEngine::NativeEngine(const NativeOptions&);
%unignore doflamingo::binding::NativeEngine::~NativeEngine;
%unignore doflamingo::binding::NativeEngine::close;
%unignore doflamingo::binding::NativeEngine::intern;
%unignore doflamingo::binding::NativeEngine::internMany;
%unignore doflamingo::binding::NativeEngine::ingest;
%unignore doflamingo::binding::NativeEngine::flush;
%unignore doflamingo::binding::NativeEngine::appendEvents;
%unignore doflamingo::binding::NativeEngine::queryEvents;
%unignore doflamingo::binding::NativeEngine::query;
%unignore doflamingo::binding::NativeEngine::queryMany;
%unignore doflamingo::binding::NativeEngine::latest;
%unignore doflamingo::binding::NativeEngine::latestWithinSteps;
%unignore doflamingo::binding::NativeEngine::rankChanges;
%unignore doflamingo::binding::NativeEngine::retentionClassOf;
%unignore doflamingo::binding::NativeEngine::retentionClassNames;
%unignore doflamingo::binding::NativeEngine::retentionClassNumbers;
%unignore doflamingo::binding::NativeEngine::keys;
%unignore doflamingo::binding::NativeEngine::kinds;
%unignore doflamingo::binding::NativeEngine::groupBy;
%unignore doflamingo::binding::NativeEngine::select;
%unignore doflamingo::binding::NativeEngine::key;
%unignore doflamingo::binding::NativeEngine::kind;
%unignore doflamingo::binding::NativeEngine::metricNames;
%unignore doflamingo::binding::NativeEngine::stats;
%unignore doflamingo::binding::NativeEngine::baseStepMs;
%unignore doflamingo::binding::NativeEngine::tiersMs;

%unignore doflamingo::binding::NativeScheduler;
%unignore doflamingo::binding::NativeScheduler::NativeScheduler;
%unignore doflamingo::binding::NativeScheduler::~NativeScheduler;
%unignore doflamingo::binding::NativeScheduler::addTarget;
%unignore doflamingo::binding::NativeScheduler::removeTarget;
%unignore doflamingo::binding::NativeScheduler::dueTokens;
%unignore doflamingo::binding::NativeScheduler::complete;
%unignore doflamingo::binding::NativeScheduler::unanswered;
%unignore doflamingo::binding::NativeScheduler::skipped;
%unignore doflamingo::binding::NativeScheduler::status;
%unignore doflamingo::binding::NativeScheduler::millisUntilNextDue;
%unignore doflamingo::binding::NativeScheduler::Status;
%unignore doflamingo::binding::NativeScheduler::Status::~Status;
%unignore doflamingo::binding::NativeScheduler::Status::getName;
%unignore doflamingo::binding::NativeScheduler::Status::getState;
%unignore doflamingo::binding::NativeScheduler::Status::getNextDueMs;
%unignore doflamingo::binding::NativeScheduler::Status::getLastSuccessMs;
%unignore doflamingo::binding::NativeScheduler::Status::getLastDurationMs;
%unignore doflamingo::binding::NativeScheduler::Status::getConsecutiveFailures;
%unignore doflamingo::binding::NativeScheduler::Status::getAttempts;
%unignore doflamingo::binding::NativeScheduler::Status::getFailures;
%unignore doflamingo::binding::NativeScheduler::Status::getTimeouts;
%unignore doflamingo::binding::NativeScheduler::Status::getOverruns;
%unignore doflamingo::binding::NativeScheduler::Status::getConsecutiveTimeouts;
%unignore doflamingo::binding::NativeScheduler::Status::isSlow;
%unignore doflamingo::binding::NativeScheduler::Status::getLastError;

%unignore doflamingo::binding::LogHandler;
%unignore doflamingo::binding::LogHandler::LogHandler;
%unignore doflamingo::binding::LogHandler::~LogHandler;
%unignore doflamingo::binding::LogHandler::log;
%unignore doflamingo::binding::setLogHandler;

%include "engine_binding.h"

%unignoreall
