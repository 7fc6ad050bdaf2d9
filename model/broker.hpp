#pragma once
// A broker of the Kafka-like log. It leads some partitions and follows others: as leader it
// appends each produced record (numbering it in its group), replicates it to the
// partition's followers, acknowledges the producer (at once, or once every in-sync replica
// has it), and hands records to the partition's handler once they are committed (below the
// high watermark), in offset order.
#include <map>
#include <unordered_map>

#include "model/world.hpp"
#include "src/group/partition_log.hpp"

namespace whatsim {

class Broker {
 public:
  Broker(World& world, std::uint32_t index);

  double cost(const Envelope& e) const;
  void handle(Envelope& e);

  // Records appended but not yet read by the consumer group, per partition led here.
  std::uint64_t lag(PartitionId partition) const;
  const std::map<PartitionId, PartitionLog>& partitions() const { return logs_; }
  // At the end of the run: group messages the handlers have not finished fanning out are
  // still on their way, not lost.
  void record_unfinished(double now);
  std::uint64_t bytes_in() const { return bytes_in_; }
  std::uint64_t bytes_out() const { return bytes_out_; }
  std::uint64_t records_appended() const { return appended_; }

 private:
  void on_produce(const Envelope& e);
  void on_replicate(const Envelope& e);
  void on_replicated(const Envelope& e);
  void record_membership(const LogRecord& r);
  void acknowledge(const ChatFrame& frame, ServerId chat_server);
  void advance(PartitionId p);
  void count_out(const Envelope& e) { bytes_out_ += static_cast<std::uint64_t>(world_.post.wire_bytes(e)); }

  World& world_;
  std::uint32_t index_;
  std::map<PartitionId, PartitionLog> logs_;  // partitions this broker leads
  std::map<PartitionId, Offset> handed_;     // handed to the consumer up to here (exclusive)
  // Retried sends reuse their message id: append once, acknowledge every time (Kafka's
  // idempotent producer), with the seq the message got, which the sender's inbox needs.
  struct AppendedId {
    Offset offset = 0;
    Seq group_seq = 0;
  };
  std::unordered_map<MessageId, AppendedId> appended_ids_;
  struct WaitingAck {
    ChatFrame frame;
    ServerId chat_server;
  };
  std::multimap<std::pair<PartitionId, Offset>, WaitingAck> acks_due_;  // all-in-sync mode: until committed
  std::uint64_t bytes_in_ = 0, bytes_out_ = 0, appended_ = 0;
};

}  // namespace whatsim
