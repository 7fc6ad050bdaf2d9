#include "analysis/sweep_grid.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>

#include "analysis/report_format.hpp"
#include "analysis/shell_quote.hpp"

namespace whatsim {

namespace fs = std::filesystem;

namespace {

using report_format::zero_padded;

constexpr std::size_t kMinIdDigits = 2;
constexpr std::size_t kReplicationDigits = 2;

std::vector<std::string> split_values(const std::string& list, const std::string& flag) {
  std::vector<std::string> values;
  std::size_t start = 0;
  for (;;) {
    const std::size_t comma = list.find(',', start);
    const std::string value = list.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (value.empty())
      throw std::invalid_argument("--vary " + flag + ": empty value (expected PATH=V1,V2,... with no empty value)");
    values.push_back(value);
    if (comma == std::string::npos) return values;
    start = comma + 1;
  }
}

}  // namespace

VariedParameter parse_vary(const std::string& flag) {
  const std::size_t equals = flag.find('=');
  if (equals == std::string::npos) throw std::invalid_argument("--vary " + flag + ": no '=' (expected PATH=V1,V2,...)");
  if (equals == 0) throw std::invalid_argument("--vary " + flag + ": empty path (expected PATH=V1,V2,...)");
  return VariedParameter{flag.substr(0, equals), split_values(flag.substr(equals + 1), flag)};
}

std::vector<VariedParameter> parse_varies(const std::vector<std::string>& flags) {
  std::vector<VariedParameter> parameters;
  std::set<std::string> paths;
  for (const std::string& flag : flags) {
    VariedParameter parameter = parse_vary(flag);
    if (!paths.insert(parameter.path).second)
      throw std::invalid_argument("--vary " + flag + ": " + parameter.path + " is varied twice (give its values in one --vary)");
    parameters.push_back(std::move(parameter));
  }
  return parameters;
}

std::vector<std::string> Variant::set_arguments() const {
  std::vector<std::string> out;
  for (const Setting& s : settings) out.push_back(s.path + "=" + s.value);
  return out;
}

// Counts through the grid like an odometer: the last parameter is the fastest digit.
std::vector<Variant> sweep_variants(const std::vector<VariedParameter>& parameters) {
  std::size_t count = 1;
  for (const VariedParameter& p : parameters) count *= p.values.size();
  std::vector<Variant> variants;
  for (std::size_t index = 0; index < count; ++index) {
    Variant variant;
    variant.id = variant_id(index + 1, count);
    std::size_t rest = index;
    variant.settings.resize(parameters.size());
    for (std::size_t k = parameters.size(); k-- > 0;) {
      const VariedParameter& p = parameters[k];
      variant.settings[k] = Setting{p.path, p.values[rest % p.values.size()]};
      rest /= p.values.size();
    }
    variants.push_back(std::move(variant));
  }
  return variants;
}

std::string variant_id(std::size_t index, std::size_t count) {
  const std::size_t digits = std::max(kMinIdDigits, std::to_string(count).size());
  return "v" + zero_padded(index, digits);
}

std::uint64_t replication_seed(std::uint64_t base_seed, std::size_t replication) {
  return base_seed + (replication - 1);
}

std::string run_name(const Variant& variant, std::size_t replication) {
  return variant.id + "-r" + zero_padded(replication, kReplicationDigits);
}

fs::path run_dir(const fs::path& sweep_dir, const Variant& variant, std::size_t replication) {
  return sweep_dir / "runs" / run_name(variant, replication);
}

std::vector<std::string> run_arguments(const RunTemplate& run, const Variant& variant, std::uint64_t seed,
                                       const fs::path& out_dir) {
  std::vector<std::string> words = {run.whatsim.string(), "run", run.scenario.string()};
  std::vector<std::string> sets = run.sets;
  for (const std::string& set : variant.set_arguments()) sets.push_back(set);
  for (const std::string& set : sets) {
    words.push_back("--set");
    words.push_back(set);
  }
  for (const std::string& word : {std::string("--seed"), std::to_string(seed), std::string("--out"), out_dir.string()})
    words.push_back(word);
  return words;
}

std::string job_line(const RunTemplate& run, const Variant& variant, std::uint64_t seed, const fs::path& out_dir) {
  return shell_command(run_arguments(run, variant, seed, out_dir));
}

}  // namespace whatsim
