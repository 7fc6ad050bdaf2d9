#pragma once
// The message service numbers each stream (one direction of a conversation) 1, 2, 3...
// Numbering happens once per message id: a retried send gets the number it already has,
// so a retry can never create a second copy or a gap.
#include <unordered_map>

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
  std::unordered_map<StreamId, Seq> last_;
  std::unordered_map<MessageId, Seq> numbered_;
};

}  // namespace whatsim
