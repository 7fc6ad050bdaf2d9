#include "analysis/region_paths.hpp"

#include <limits>
#include <map>
#include <stdexcept>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>

namespace whatsim {

namespace {
constexpr double kMsPerS = 1000;
}

std::vector<std::vector<double>> region_latency_s(const DeploymentSpec& deployment) {
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, boost::no_property,
                                      boost::property<boost::edge_weight_t, double>>;
  const std::size_t regions = deployment.regions.size();
  std::map<std::string, std::size_t> index;
  for (std::size_t r = 0; r < regions; ++r) index[deployment.regions[r].name] = r;
  Graph graph(regions);
  for (const InterRegionLink& l : deployment.links) {
    auto a = index.find(l.from), b = index.find(l.to);
    if (a == index.end() || b == index.end()) throw std::invalid_argument("link " + l.from + "-" + l.to + " names an unknown region");
    boost::add_edge(a->second, b->second, l.latency_ms / kMsPerS, graph);
  }
  std::vector<std::vector<double>> latency_s(regions, std::vector<double>(regions));
  for (std::size_t from = 0; from < regions; ++from) {
    boost::dijkstra_shortest_paths(graph, from, boost::distance_map(latency_s[from].data()));
    for (std::size_t to = 0; to < regions; ++to) {
      if (latency_s[from][to] == std::numeric_limits<double>::max()) {
        throw std::invalid_argument("no link path from region " + deployment.regions[from].name + " to " +
                                    deployment.regions[to].name);
      }
    }
  }
  return latency_s;
}

}  // namespace whatsim
