// bare_relay: the baseline the model's per-hop cost is measured against. On the platform the
// scenario builds (same hosts, cores, links, latencies and routes; latency on SimGrid's links,
// as a plain SimGrid program would have it), it moves `--hops` detached eager
// mailbox messages with no protocol logic and no CPU work: a message enters at a region's
// devices host and is relayed chat server -> message shard -> chat server -> devices host,
// one worker actor per core, as the model's processes are laid out.
// Prints one JSON line: {"hops": N, "wall_seconds": W, "hops_per_wall_second": R}.
#include <chrono>
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Engine.hpp>
#include <simgrid/s4u/Mailbox.hpp>

#include "model/layout.hpp"
#include "model/platform.hpp"
#include "src/core/random_streams.hpp"
#include "src/scenario/scenario_error.hpp"
#include "src/scenario/scenario_loader.hpp"

using namespace whatsim;
namespace sg = simgrid::s4u;

namespace {

constexpr int kHopsPerMessage = 4;  // devices -> chat -> message -> chat -> devices
constexpr std::uint64_t kMessageBytes = 100;

struct Relayed {
  int hop = 0;
  std::uint64_t key = 0;
};

struct Relay {
  const Layout& layout;
  const Platform& platform;
  std::uint64_t delivered = 0;

  sg::Mailbox* worker(Tier t, std::uint64_t key) const {
    const std::uint32_t server = static_cast<std::uint32_t>(mix64(key) % layout.count(t));
    const sg::Host* h = platform.host(t, server);
    return sg::Mailbox::by_name(h->get_name() + "/core" + std::to_string(mix64(key + 1) % h->get_core_count()));
  }
  sg::Mailbox* next(const Relayed& m) const {
    switch (m.hop) {
      case 1: return worker(Tier::chat_server, m.key);
      case 2: return worker(Tier::message_service, m.key);
      case 3: return worker(Tier::chat_server, m.key * 7);
      default: return sg::Mailbox::by_name(platform.device_hosts[m.key % platform.device_hosts.size()]->get_name());
    }
  }
  void forward(Relayed* m) const {
    m->hop += 1;
    next(*m)->put_init(m, kMessageBytes)->detach();
  }
};

void serve(Relay& relay, sg::Mailbox* inbox) {
  inbox->set_receiver(sg::Actor::self());
  for (;;) relay.forward(inbox->get<Relayed>());
}

// Inject `messages` messages spread evenly over `duration_s`, and count those that return.
void inject(Relay& relay, std::uint32_t region, std::uint64_t messages, double duration_s) {
  sg::Mailbox* home = sg::Mailbox::by_name(relay.platform.device_hosts[region]->get_name());
  home->set_receiver(sg::Actor::self());
  const double gap = duration_s / static_cast<double>(messages + 1);
  std::uint64_t sent = 0;
  Relayed* back = nullptr;
  sg::CommPtr receive = home->get_async<Relayed>(&back);
  while (sent < messages || relay.delivered < messages) {
    const double wait = sent < messages ? gap : -1;
    if (sg::Comm::wait_any_for({receive}, wait) == 0) {
      delete back;
      relay.delivered += 1;
      receive = home->get_async<Relayed>(&back);
    } else if (sent < messages) {
      relay.forward(new Relayed{0, sent * relay.platform.device_hosts.size() + region});
      sent += 1;
    }
  }
  receive->cancel();  // nothing more is coming
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"bare SimGrid relay over a scenario's platform (benchmark baseline)"};
  std::string scenario_file;
  std::uint64_t hops = 0;
  std::vector<std::string> sets;
  app.add_option("scenario", scenario_file, "scenario JSON file")->required();
  app.add_option("--hops", hops, "network hops to move in total")->required()->check(CLI::PositiveNumber);
  app.add_option("--set", sets, "override a scenario value");
  CLI11_PARSE(app, argc, argv);
  try {
    const Scenario s = load_scenario(scenario_file, sets);
    char quiet[] = "--log=root.thresh:critical";
    char* sg_argv[] = {argv[0], quiet, nullptr};
    int sg_argc = 2;
    sg::Engine engine(&sg_argc, sg_argv);
    sg::Engine::set_config("network/model:" + s.simulation.network_model);
    sg::Engine::set_config("network/crosstraffic:0");
    const Layout layout = plan_layout(s);
    const Platform platform = build_platform(s, layout, LinkLatency::in_simgrid_links);
    Relay relay{layout, platform};
    for (Tier t : {Tier::chat_server, Tier::message_service}) {
      for (std::uint32_t i = 0; i < layout.count(t); ++i) {
        for (int w = 0; w < platform.host(t, i)->get_core_count(); ++w) {
          sg::Mailbox* inbox = sg::Mailbox::by_name(platform.host(t, i)->get_name() + "/core" + std::to_string(w));
          sg::Actor::create(inbox->get_name(), platform.host(t, i), [&relay, inbox] {
            sg::Actor::self()->daemonize();
            serve(relay, inbox);
          });
        }
      }
    }
    const std::uint64_t messages = hops / kHopsPerMessage / layout.region_count();
    for (std::uint32_t r = 0; r < layout.region_count(); ++r) {
      sg::Actor::create("inject-" + std::to_string(r), platform.device_hosts[r],
                        [&relay, r, messages, &s] { inject(relay, r, messages, s.simulation.duration_s); });
    }
    const auto start = std::chrono::steady_clock::now();
    engine.run();
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double moved = static_cast<double>(messages * layout.region_count() * kHopsPerMessage);
    std::cout << "{\"hops\": " << static_cast<std::uint64_t>(moved) << ", \"wall_seconds\": " << wall
              << ", \"hops_per_wall_second\": " << moved / wall << "}\n";
  } catch (const ScenarioError& e) {
    std::cerr << e.what() << "\n";
    return 2;
  }
  return 0;
}
