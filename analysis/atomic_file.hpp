#pragma once
// Output files are replaced whole or not at all: written beside the target, then renamed
// over it, so a failed command never leaves a partial file behind. In analysis/ because the
// report writers (report.html) need it as much as the commands do.
#include <filesystem>
#include <string>

namespace whatsim {

// Creates the parent directories; throws std::runtime_error when the file cannot be written.
void write_file_atomically(const std::filesystem::path& path, const std::string& text);

}  // namespace whatsim
