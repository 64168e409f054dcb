// A process killed inside librrd's update leaves the row pointers advanced but the last-update time
// old; replaying the journal into that file would write one step off. The engine brackets every
// update with an undo copy of the header and restores it at the next start.
#include <gtest/gtest.h>
#include <rrd.h>
#define RRD_EXPORT_DEPRECATED
#include <rrd_format.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>

#include "doflamingo/engine.h"
#include "test_support.h"

using namespace doflamingo;
using dftest::sample;
using dftest::TempDir;
using dftest::valueAt;

namespace {

std::size_t headerLength(const std::string& bytes) {
  stat_head_t head;
  std::memcpy(&head, bytes.data(), sizeof head);
  return sizeof(stat_head_t) + head.ds_cnt * sizeof(ds_def_t) + head.rra_cnt * sizeof(rra_def_t) + sizeof(live_head_t) +
         head.ds_cnt * sizeof(pdp_prep_t) + head.rra_cnt * head.ds_cnt * sizeof(cdp_prep_t) +
         head.rra_cnt * sizeof(rra_ptr_t);
}

std::size_t rraCount(const std::string& bytes) {
  stat_head_t head;
  std::memcpy(&head, bytes.data(), sizeof head);
  return head.rra_cnt;
}

}  // namespace

TEST(TornUpdate, HeaderIsRestoredAndTheJournalRedoesTheUpdate) {
  TempDir tmp;
  EngineOptions o = dftest::engineOptions(tmp.sub("data"));
  o.liveWindowSeconds = 10;  // queries read the file
  const std::int64_t t0 = dftest::alignedPastMs(30);
  pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    // Ingest two rounds and end as a kill inside the second update would: rows and row pointers
    // written, last-update time and consolidation state not, the undo copy still there.
    Engine e(o);
    std::uint32_t id = e.intern(SeriesKey::make("torn", {}), SeriesKind::Gauge);
    std::vector<Sample> first, second;
    for (int i = 0; i < 100; ++i) first.push_back(sample(id, t0 + i * 2000, i));
    for (int i = 100; i < 200; ++i) second.push_back(sample(id, t0 + i * 2000, i));
    e.ingest(first.data(), first.size());
    e.flush();
    std::string file = dftest::filesEndingWith(o.dataDir + "/rrd", ".rrd").at(0);
    std::string before = dftest::readBytes(file);
    e.ingest(second.data(), second.size());
    e.flush();
    std::string after = dftest::readBytes(file);
    std::size_t len = headerLength(before);
    std::size_t ptrs = rraCount(before) * sizeof(rra_ptr_t);
    std::string torn = before.substr(0, len - ptrs) + after.substr(len - ptrs, ptrs) + after.substr(len);
    dftest::writeBytes(file, torn);
    std::string undo(8, '\0');
    std::uint32_t magic = 0x31554644, n = static_cast<std::uint32_t>(len);
    std::memcpy(&undo[0], &magic, 4);
    std::memcpy(&undo[4], &n, 4);
    dftest::writeBytes(file + ".undo", undo + before.substr(0, len));
    ::_exit(0);  // no close: the journal keeps both rounds
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);

  Engine e(o);
  SeriesData d = e.query(0, t0, t0 + 199 * 2000, 2000);
  for (int i = 0; i < 200; ++i) ASSERT_EQ(valueAt(d, t0 + i * 2000), i) << "row " << i;
  // Checked once nothing is being written: every update (the replay's too) has an undo file
  // while it runs, so a background flusher may hold one at any earlier moment.
  e.flush();
  EXPECT_TRUE(dftest::filesEndingWith(o.dataDir + "/rrd", ".undo").empty()) << "the undo file was used and removed";
}
