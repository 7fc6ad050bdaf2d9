#include "analysis/atomic_file.hpp"

#include <fstream>
#include <stdexcept>

namespace whatsim {

namespace fs = std::filesystem;

void write_file_atomically(const fs::path& path, const std::string& text) {
  if (path.has_parent_path()) fs::create_directories(path.parent_path());
  const fs::path tmp = path.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary);
    out << text;
    if (!out) {
      fs::remove(tmp);
      throw std::runtime_error("cannot write " + tmp.string());
    }
  }
  fs::rename(tmp, path);
}

}  // namespace whatsim
