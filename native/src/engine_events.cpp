// The engine's event log: appendEvents and queryEvents under the engine's lifecycle (the log's
// format, checks and retention are event_log.cpp's).
#include "engine_impl.h"

namespace doflamingo {

void Engine::appendEvents(const std::vector<EventRecord>& events) {
  std::shared_lock<std::shared_mutex> life(impl_->lifecycle);
  impl_->checkOpen();
  impl_->events->append(events);
}

EventPage Engine::queryEvents(const EventQuery& query) const {
  std::shared_lock<std::shared_mutex> life(impl_->lifecycle);
  impl_->checkOpen();
  return impl_->events->query(query);
}

}  // namespace doflamingo
