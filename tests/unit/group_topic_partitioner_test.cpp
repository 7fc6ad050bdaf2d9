#include <catch2/catch.hpp>

#include <set>
#include <stdexcept>
#include <vector>

#include "src/group/topic_partitioner.hpp"

using namespace whatsim;

TEST_CASE("A group always lands on the same partition, in every partitioner", "[group][partitioner]") {
  const TopicPartitioner a(64, 12, 3), b(64, 12, 3);
  for (GroupId g = 1; g <= 1000; ++g) {
    REQUIRE(a.partition_of(g) == a.partition_of(g));
    REQUIRE(a.partition_of(g) == b.partition_of(g));
    REQUIRE(a.partition_of(g) < 64);
  }
}

TEST_CASE("Many groups spread over every partition", "[group][partitioner]") {
  const TopicPartitioner partitioner(64, 12, 3);
  std::vector<int> groups_on(64, 0);
  for (GroupId g = 1; g <= 6400; ++g) ++groups_on[partitioner.partition_of(g)];
  for (PartitionId p = 0; p < 64; ++p) {
    INFO("partition " << p);
    CHECK(groups_on[p] > 50);  // 100 expected: sequential ids are mixed, not striped
    CHECK(groups_on[p] < 150);
  }
}

TEST_CASE("A partition's replicas are distinct brokers, its leader first", "[group][partitioner]") {
  const TopicPartitioner partitioner(10, 4, 3);
  std::set<BrokerId> leaders;
  for (PartitionId p = 0; p < 10; ++p) {
    const std::vector<BrokerId> replicas = partitioner.replicas_of(p);
    REQUIRE(replicas.size() == 3);
    CHECK(replicas.front() == partitioner.leader_of(p));
    CHECK(std::set<BrokerId>(replicas.begin(), replicas.end()).size() == 3);
    for (const BrokerId b : replicas) CHECK(b < 4);
    leaders.insert(partitioner.leader_of(p));
  }
  CHECK(leaders.size() == 4);  // leadership is spread over every broker
  CHECK(partitioner.replicas_of(3) == std::vector<BrokerId>{3, 0, 1});  // wraps around cyclically
  CHECK_THROWS_AS(partitioner.leader_of(10), std::out_of_range);
}

TEST_CASE("A partitioner refuses more replicas than brokers, and zero counts", "[group][partitioner]") {
  CHECK_THROWS_AS(TopicPartitioner(8, 2, 3), std::invalid_argument);
  CHECK_THROWS_AS(TopicPartitioner(0, 3, 1), std::invalid_argument);
  CHECK_THROWS_AS(TopicPartitioner(8, 0, 1), std::invalid_argument);
  CHECK_THROWS_AS(TopicPartitioner(8, 3, 0), std::invalid_argument);
  CHECK_NOTHROW(TopicPartitioner(8, 3, 3));
}
