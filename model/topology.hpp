#pragma once
// The network as a graph: hosts and one switch per region are vertices, links are edges.
// Routes are shortest-latency paths over it (Boost.Graph Dijkstra) and are handed to SimGrid
// as explicit link lists; later, partitions are computed on the same graph.
#include <cstdint>
#include <string>
#include <vector>

#include <boost/graph/adjacency_list.hpp>

namespace whatsim {

struct TopologyLink {
  std::string name;
  double latency_s = 0;
  double bandwidth_bytes_per_s = 0;
  bool shared = true;  // false: every flow gets the full bandwidth (a device's own last mile)
};

class Topology {
 public:
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS,
                                      boost::no_property, boost::property<boost::edge_index_t, std::size_t>>;
  using Vertex = Graph::vertex_descriptor;

  Vertex add_node();
  std::size_t add_link(Vertex a, Vertex b, TopologyLink link);
  // The lowest-latency paths from one vertex to every other: one Dijkstra per source.
  class Routes {
   public:
    // Edge indices (into links()) of the path to `to`, in order; empty if unreachable.
    std::vector<std::size_t> to(Vertex to) const;

   private:
    friend class Topology;
    const Topology* topology_ = nullptr;
    Vertex from_{};
    std::vector<Vertex> pred_;
  };
  Routes routes_from(Vertex from) const;

  const std::vector<TopologyLink>& links() const { return links_; }

 private:
  Graph graph_;
  std::vector<TopologyLink> links_;  // by edge index
};

}  // namespace whatsim
