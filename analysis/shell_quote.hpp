#pragma once
// Command lines that a POSIX shell reads back as the same words: what `whatsim sweep` writes
// into jobs.txt for GNU parallel and Slurm (each line is run by a shell), and what a replay
// command printed for a person to paste must both survive spaces, quotes and `$` in paths
// and values.
#include <string>
#include <vector>

namespace whatsim {

// `word` as one shell word: unchanged when every character is one a shell reads literally
// (letters, digits, @%+=:,./_-), else single-quoted with each ' written as '\''.
std::string shell_quoted(const std::string& word);

// The words joined by spaces, each shell_quoted.
std::string shell_command(const std::vector<std::string>& words);

}  // namespace whatsim
