#include "logger.h"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <vector>

#include <spdlog/sinks/base_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

namespace doflamingo {
namespace {

std::atomic<long long> gDropped{0};

// spdlog 1.10 has no callback sink, so this small base_sink hands each formatted record to the
// host. base_sink<std::mutex> serialises calls, which is what LogSink promises its implementers.
class HostSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  explicit HostSink(LogSink* target) : target_(target) {}

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    std::string text(msg.payload.data(), msg.payload.size());
    for (char& c : text) {
      if (c == '\0') c = '?';
    }
    try {
      target_->log(static_cast<int>(msg.level), std::string(msg.logger_name.data(), msg.logger_name.size()), text);
    } catch (...) {
      gDropped.fetch_add(1, std::memory_order_relaxed);
    }
  }
  void flush_() override {}

 private:
  LogSink* target_;
};

std::shared_ptr<spdlog::logger> makeLogger() {
  auto logger = std::make_shared<spdlog::logger>("doflamingo",
                                                 std::make_shared<spdlog::sinks::stderr_sink_mt>());
  logger->set_level(spdlog::level::info);
  return logger;
}

std::mutex gSwapMutex;
// The logger is replaced as a whole (never its sink list in place) so that a record being
// written while the host swaps sinks finishes on the old logger.
std::shared_ptr<spdlog::logger> gLogger = makeLogger();
std::atomic<spdlog::logger*> gCurrent{gLogger.get()};
// Old loggers are kept alive until exit: a concurrent caller may still hold a reference.
std::vector<std::shared_ptr<spdlog::logger>> gRetired;

}  // namespace

spdlog::logger& log() { return *gCurrent.load(std::memory_order_acquire); }

void setLogSink(LogSink* sink, int minLevel) {
  std::lock_guard<std::mutex> lock(gSwapMutex);
  std::shared_ptr<spdlog::logger> next;
  if (sink == nullptr) {
    next = makeLogger();
  } else {
    next = std::make_shared<spdlog::logger>("doflamingo", std::make_shared<HostSink>(sink));
  }
  next->set_level(static_cast<spdlog::level::level_enum>(std::clamp(minLevel, 0, 6)));
  gRetired.push_back(gLogger);
  gLogger = next;
  gCurrent.store(gLogger.get(), std::memory_order_release);
}

long long droppedLogRecords() { return gDropped.load(std::memory_order_relaxed); }

}  // namespace doflamingo
