#include <catch2/catch.hpp>

#include "src/protocol/stream_sequencer.hpp"

using namespace whatsim;

TEST_CASE("StreamSequencer numbers each stream from 1", "[protocol][sequencer]") {
  StreamSequencer seq;
  const StreamId ab = stream_of(1, 2), ba = stream_of(2, 1);
  CHECK(seq.last(ab) == 0);
  CHECK(seq.assign(ab, {10, 1}).seq == 1);
  CHECK(seq.assign(ab, {10, 2}).seq == 2);
  CHECK(seq.assign(ba, {20, 1}).seq == 1);  // the other direction is its own stream
  CHECK(seq.last(ab) == 2);
  CHECK(seq.last(ba) == 1);
}

TEST_CASE("StreamSequencer: a retried send gets the same seq", "[protocol][sequencer][edge]") {
  StreamSequencer seq;
  const StreamId ab = stream_of(1, 2);
  const auto first = seq.assign(ab, {10, 1});
  REQUIRE(first.first_time);
  seq.assign(ab, {10, 2});
  const auto retry = seq.assign(ab, {10, 1});
  CHECK(retry.seq == first.seq);
  CHECK_FALSE(retry.first_time);
  CHECK(seq.last(ab) == 2);  // no gap, no second number
}

TEST_CASE("StreamSequencer: forget drops the id memory but not the stream position", "[protocol][sequencer]") {
  StreamSequencer seq;
  const StreamId ab = stream_of(1, 2);
  seq.assign(ab, {10, 1});
  seq.forget({10, 1});
  const auto again = seq.assign(ab, {10, 1});
  CHECK(again.first_time);
  CHECK(again.seq == 2);
}

TEST_CASE("StreamSequencer: a replica that observes its primary's numbers continues after them",
          "[protocol][sequencer][replicas]") {
  StreamSequencer replica;
  replica.observe(7, MessageId{1, 1}, 1);
  replica.observe(7, MessageId{1, 2}, 2);
  CHECK(replica.last(7) == 2);
  CHECK(replica.assign(7, MessageId{1, 2}).first_time == false);  // a retry after failover keeps its seq
  CHECK(replica.assign(7, MessageId{1, 2}).seq == 2);
  CHECK(replica.assign(7, MessageId{1, 3}).seq == 3);
}
