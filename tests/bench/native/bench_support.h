// Helpers shared by the native benchmarks: fresh scratch directories and the wall clock.
#pragma once

#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>

namespace dfbench {

// An empty directory under the system's temp dir, named for the benchmark and this process.
inline std::string freshDir(const std::string& name) {
  namespace fs = std::filesystem;
  std::string dir = fs::temp_directory_path().string() + "/doflamingo-bench-" + name + "-" + std::to_string(::getpid());
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

inline std::int64_t nowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace dfbench
