// The engine logs through one named spdlog logger ("doflamingo") whose destination the host sets:
// stderr by default, or a LogSink the host implements (the Java layer forwards it to SLF4J).
#pragma once

#include <string>

namespace doflamingo {

// Implemented by the host. Called from engine threads (ingest callers, flushers), one call at a
// time. Must not throw; if it does, the record is dropped and counted.
class LogSink {
 public:
  virtual ~LogSink() = default;
  // level: 0 trace, 1 debug, 2 info, 3 warn, 4 error, 5 critical (spdlog's numbering).
  // message is UTF-8 with any NUL replaced; logger names the engine part (e.g. "doflamingo").
  virtual void log(int level, const std::string& logger, const std::string& message) = 0;
};

// Routes the engine's log to sink (not owned; it must outlive its installation), or back to
// stderr when sink is null. Records below minLevel are not formatted at all.
void setLogSink(LogSink* sink, int minLevel = 2);

// Records the host's sink threw or failed on (they are dropped, never propagated).
long long droppedLogRecords();

}  // namespace doflamingo
