#pragma once
// A group message handler (the seeds: it "communicates with Kafka and the group service,
// then passes on the message like usual to all the recipient group users"). It consumes
// its partitions' committed records in order, asks the group service who the members were
// at each record's place in the log, writes one copy per member device into their queues
// in the message service, then pushes each copy through the device's chat server (found
// like a chat server finds it). A record's offset is committed once all its copies are
// safe in the queues, so a handler's crash would never skip a member.
#include <map>

#include "model/route_finder.hpp"
#include "model/world.hpp"
#include "src/group/group_fanout.hpp"

namespace whatsim {

class GroupHandler {
 public:
  GroupHandler(World& world, std::uint32_t index);

  double cost(const Envelope& e) const;
  void handle(Envelope& e);

 private:
  void on_records(const Envelope& e);
  void on_members(Envelope& e);
  void write_copies(PartitionId p, const LogRecord& r, const std::vector<UserId>& members);
  void on_copies_stored(const Envelope& e);
  void on_route_reply(Envelope& e);
  void push(const Routes& routes, const ChatFrame& copy);
  void copies_safe(PartitionId p, Offset o);

  World& world_;
  std::uint32_t index_;
  GroupFanout fanout_;
  RouteFinder routes_;
  std::map<std::pair<PartitionId, Offset>, std::uint32_t> stores_outstanding_;  // shards yet to confirm
};

}  // namespace whatsim
