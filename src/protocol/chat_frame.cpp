#include "src/protocol/chat_frame.hpp"

namespace whatsim {

const char* to_string(FrameKind k) {
  switch (k) {
    case FrameKind::message: return "message";
    case FrameKind::delivered_receipt: return "delivered_receipt";
    case FrameKind::read_receipt: return "read_receipt";
  }
  return "unknown";
}

}  // namespace whatsim
