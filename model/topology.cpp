#include "model/topology.hpp"

#include <algorithm>
#include <limits>

#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/property_map/property_map.hpp>

namespace whatsim {

Topology::Vertex Topology::add_node() { return boost::add_vertex(graph_); }

std::size_t Topology::add_link(Vertex a, Vertex b, TopologyLink link) {
  const std::size_t index = links_.size();
  links_.push_back(std::move(link));
  boost::add_edge(a, b, index, graph_);
  return index;
}

Topology::Routes Topology::routes_from(Vertex from) const {
  Routes r;
  r.topology_ = this;
  r.from_ = from;
  const auto n = boost::num_vertices(graph_);
  r.pred_.resize(n);
  std::vector<double> dist(n);
  auto index = boost::get(boost::edge_index, graph_);
  // Latency is the weight; a tiny per-hop term breaks ties towards fewer hops, deterministically.
  std::vector<double> weights(links_.size());
  for (std::size_t i = 0; i < links_.size(); ++i) weights[i] = links_[i].latency_s + 1e-12;
  auto weight = boost::make_iterator_property_map(weights.begin(), index);
  boost::dijkstra_shortest_paths(graph_, from,
                                 boost::predecessor_map(r.pred_.data()).distance_map(dist.data()).weight_map(weight));
  return r;
}

std::vector<std::size_t> Topology::Routes::to(Vertex to) const {
  const Graph& graph = topology_->graph_;
  const std::vector<TopologyLink>& links = topology_->links_;
  auto index = boost::get(boost::edge_index, graph);
  std::vector<std::size_t> path;
  for (Vertex v = to; v != from_; v = pred_[v]) {
    if (pred_[v] == v) return {};  // unreachable
    const Vertex u = pred_[v];
    // The cheapest edge between u and v (parallel links are allowed).
    std::size_t best = std::numeric_limits<std::size_t>::max();
    for (auto [e, end] = boost::out_edges(u, graph); e != end; ++e) {
      if (boost::target(*e, graph) != v) continue;
      const std::size_t i = index[*e];
      if (best == std::numeric_limits<std::size_t>::max() || links[i].latency_s < links[best].latency_s) best = i;
    }
    path.push_back(best);
  }
  std::reverse(path.begin(), path.end());
  return path;
}

}  // namespace whatsim
