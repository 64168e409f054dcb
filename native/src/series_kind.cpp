#include "doflamingo/series_kind.h"

namespace doflamingo {

SeriesKind kindOfMeterAttribute(std::string_view attribute) {
  return attribute == "Count" ? SeriesKind::Counter : SeriesKind::Gauge;
}

}  // namespace doflamingo
