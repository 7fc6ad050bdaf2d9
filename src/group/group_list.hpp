#pragma once
// A user's groups as the directory holds them: a read-only view of contiguous group ids,
// valid until the directory's next change. A view rather than a vector because most users'
// lists are slices of one shared array (group_directory.hpp).
#include <cstddef>
#include <vector>

#include "src/core/ids.hpp"

namespace whatsim {

class GroupList {
 public:
  GroupList() = default;
  GroupList(const GroupId* first, const GroupId* last) : first_(first), last_(last) {}
  // Implicit: any vector of ids is a list (the group picker takes either).
  GroupList(const std::vector<GroupId>& ids) : first_(ids.data()), last_(ids.data() + ids.size()) {}

  const GroupId* begin() const { return first_; }
  const GroupId* end() const { return last_; }
  std::size_t size() const { return static_cast<std::size_t>(last_ - first_); }
  bool empty() const { return first_ == last_; }
  GroupId operator[](std::size_t i) const { return first_[i]; }
  std::vector<GroupId> to_vector() const { return {first_, last_}; }

 private:
  const GroupId* first_ = nullptr;
  const GroupId* last_ = nullptr;
};

}  // namespace whatsim
