// What a hash map costs per entry, measured: fills std::unordered_map, then CompactMap, with
// the same random entries spread over a number of tables (as the route caches are spread over
// the servers and the cells they stand in for), and prints the resident memory each added
// per entry and the time to insert and look everything up once. The entry is a route cache's:
// a 4-byte user id and a 16-byte route.
//
//   build/map_memory [entries] [tables]     (defaults 700000 and 200)
//
// Each map runs in a child process of its own, so one's freed memory cannot serve the other.
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include "src/core/compact_map.hpp"

namespace {

struct Route {
  bool pending = false;
  std::uint16_t devices = 1;
  std::uint32_t first_device = 0;
  std::uint32_t server = 0;
  std::uint32_t epoch = 0;
};

long resident_kib() {
  long pages_total = 0, pages_resident = 0;
  std::FILE* f = std::fopen("/proc/self/statm", "r");
  if (f == nullptr || std::fscanf(f, "%ld %ld", &pages_total, &pages_resident) != 2) std::exit(3);
  std::fclose(f);
  return pages_resident * (sysconf(_SC_PAGESIZE) / 1024);
}

template <class Map>
void measure(const char* name, std::size_t entries, std::size_t tables) {
  const long before_kib = resident_kib();
  const auto start = std::chrono::steady_clock::now();
  std::vector<Map> maps(tables);
  std::mt19937 rng(1);
  for (std::size_t i = 0; i < entries; ++i) maps[rng() % tables][rng() % 20000000u] = Route{};
  std::uint64_t found = 0;
  for (std::size_t i = 0; i < entries; ++i) {
    const Map& map = maps[rng() % tables];
    found += map.find(rng() % 20000000u) != map.end();
  }
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  std::size_t held = 0;
  for (const Map& map : maps) held += map.size();
  const double bytes_per_entry = static_cast<double>(resident_kib() - before_kib) * 1024 / static_cast<double>(held);
  std::printf("| %s | %zu | %.1f | %.0f |\n", name, held, bytes_per_entry, ms);
  std::fflush(stdout);
  // A volatile store of the finds' count must happen, so the compiler cannot drop the loop
  // that computes it: the time above includes the lookups it claims to.
  [[maybe_unused]] static volatile std::uint64_t kept_found = 0;
  kept_found = found;
}

template <class Map>
void in_child(const char* name, std::size_t entries, std::size_t tables) {
  const pid_t pid = fork();
  if (pid < 0) std::exit(3);
  if (pid == 0) {
    measure<Map>(name, entries, tables);
    std::_Exit(0);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) std::exit(3);
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t entries = 700000, tables = 200;
  try {
    if (argc > 1) entries = std::stoul(argv[1]);
    if (argc > 2) tables = std::stoul(argv[2]);
  } catch (const std::exception&) {
    entries = 0;
  }
  if (argc > 3 || entries == 0 || tables == 0) {
    std::fprintf(stderr, "map_memory: usage: map_memory [entries] [tables], both positive integers\n");
    return 2;
  }
  std::printf("| map | entries | resident bytes per entry | insert and find ms |\n|---|---:|---:|---:|\n");
  std::fflush(stdout);  // before fork(), or each child prints the header again
  in_child<std::unordered_map<std::uint32_t, Route>>("std::unordered_map", entries, tables);
  in_child<whatsim::CompactMap<std::uint32_t, Route>>("CompactMap (sparse_hash_map)", entries, tables);
  return 0;
}
