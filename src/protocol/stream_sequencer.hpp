#pragma once
// The message service numbers each stream (one direction of a conversation) 1, 2, 3...
// Numbering happens once per message id: a retried send gets the number it already has,
// so a retry can never create a second copy or a gap.
#include "src/core/compact_map.hpp"
#include "src/core/ids.hpp"
#include "src/protocol/message_id.hpp"

namespace whatsim {

class StreamSequencer {
 public:
  struct Assigned {
    Seq seq = 0;
    bool first_time = false;  // false: this id was numbered before (a retry)
  };
  Assigned assign(StreamId stream, MessageId id);
  // A replica applies the number its primary gave `id`: later assignments continue after it.
  void observe(StreamId stream, MessageId id, Seq seq);
  Seq last(StreamId stream) const;  // 0 when the stream has no message yet
  // Forget the id-to-seq memory of a message whose copies are all gone (delivered or expired).
  void forget(MessageId id);

 private:
  CompactMap<StreamId, Seq> last_;
  CompactMap<std::uint64_t, Seq> numbered_;  // by MessageId::packed()
};

}  // namespace whatsim
