// How the engine turns a collected number into the value it stores.
#pragma once

#include <string_view>

namespace doflamingo {

enum class SeriesKind : int {
  // Stored as read: queue sizes, heap used, Yammer MeanRate/OneMinuteRate, percentiles.
  Gauge = 0,
  // Monotonic count (Yammer Count, Flume EventPutSuccessCount): stored as a per-second rate.
  Counter = 1,
};

// The kind of a Yammer/Kafka meter or timer attribute, as Kafka exposes them over JMX:
// "Count" is a counter, every other attribute (MeanRate, OneMinuteRate, Min, Max, Mean, StdDev,
// 50thPercentile ... 999thPercentile) is already a gauge computed by the target.
SeriesKind kindOfMeterAttribute(std::string_view attribute);

}  // namespace doflamingo
