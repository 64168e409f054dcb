// How the engine turns a collected number into the value it stores.
#pragma once


namespace doflamingo {

enum class SeriesKind : int {
  // Stored as read: queue sizes, heap used, Yammer MeanRate/OneMinuteRate, percentiles (a
  // Yammer meter's or timer's attributes other than Count are gauges computed by the target).
  Gauge = 0,
  // Monotonic count (Yammer Count, Flume EventPutSuccessCount): stored as a per-second rate.
  Counter = 1,
};

}  // namespace doflamingo
