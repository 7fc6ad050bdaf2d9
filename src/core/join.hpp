#pragma once
// A list on one line, as error messages and reports print one: "a, b, c", "a -> b -> a".
#include <string>
#include <vector>

namespace whatsim {

// `parts` in order with `separator` between each two.
inline std::string join(const std::vector<std::string>& parts, const std::string& separator) {
  std::string out;
  for (const std::string& part : parts) out += (out.empty() ? "" : separator) + part;
  return out;
}

}  // namespace whatsim
