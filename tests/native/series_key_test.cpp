#include "doflamingo/types.h"

#include <gtest/gtest.h>

#include "doflamingo/error.h"

using namespace doflamingo;

TEST(SeriesKey, SortsLabelsAndRoundTripsThroughBytes) {
  SeriesKey k = SeriesKey::make("kafka.server.BrokerTopicMetrics.MessagesInPerSec",
                                {{"topic", "orders"}, {"cluster", "prod"}, {"broker", "1"}});
  ASSERT_EQ(k.labels.size(), 3u);
  EXPECT_EQ(k.labels[0].first, "broker");
  EXPECT_EQ(k.labels[2].first, "topic");
  SeriesKey back = SeriesKey::decode(k.encode());
  EXPECT_EQ(back, k);
  EXPECT_EQ(*back.label("cluster"), "prod");
  EXPECT_EQ(back.label("nope"), nullptr);
}

TEST(SeriesKey, KeepsAnyUtf8IncludingNulQuotesSlashesAndHtml) {
  std::string hostile = std::string("grp\"/../<script>alert(1)</script>\\") + '\0' + "\xED\x95\x9C\xEA\xB8\x80 \xF0\x9F\x98\x80";
  SeriesKey k = SeriesKey::make("kafka.consumer.lag", {{"group", hostile}});
  SeriesKey back = SeriesKey::decode(k.encode());
  EXPECT_EQ(*back.label("group"), hostile);
  EXPECT_NE(k.toString().find("\\\"/../<script>"), std::string::npos);
}

TEST(SeriesKey, EmptyLabelSetIsFine) {
  SeriesKey k = SeriesKey::make("zookeeper.znode_count", {});
  EXPECT_TRUE(k.labels.empty());
  EXPECT_EQ(SeriesKey::decode(k.encode()), k);
}

TEST(SeriesKey, RejectsBadInputWithClearErrors) {
  EXPECT_THROW(SeriesKey::make("", {}), InvalidArgument);
  EXPECT_THROW(SeriesKey::make("m", {{"a", "1"}, {"a", "2"}}), InvalidArgument);
  EXPECT_THROW(SeriesKey::make("m", {{"", "1"}}), InvalidArgument);
  EXPECT_THROW(SeriesKey::make("bad\xC0\xAF", {}), InvalidArgument);           // overlong '/'
  EXPECT_THROW(SeriesKey::make("m", {{"k", "\xED\xA0\x80"}}), InvalidArgument);  // surrogate
  std::vector<Label> huge;
  for (int i = 0; i < 1000; ++i) huge.emplace_back("k" + std::to_string(i), "v");
  try {
    SeriesKey::make("m", huge);
    FAIL() << "a huge label set must be refused";
  } catch (const InvalidArgument& e) {
    EXPECT_NE(std::string(e.what()).find("limit is 32"), std::string::npos) << e.what();
  }
  EXPECT_THROW(SeriesKey::make(std::string(10000, 'x'), {}), InvalidArgument);
  EXPECT_THROW(SeriesKey::decode("\x01\x00"), InvalidArgument);
  EXPECT_THROW(SeriesKey::decode(std::string("\x01\x00\x00\x00\xff\x00\x00\x00", 8)), InvalidArgument);
}
