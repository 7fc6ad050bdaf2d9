#include <catch2/catch.hpp>

#include <vector>

#include "src/workload/contact_graph.hpp"

using namespace whatsim;

TEST_CASE("ContactGraph never returns the user itself", "[workload][contacts]") {
  const ContactGraph g(50, 20, 1.0, 9);
  for (UserId u = 0; u < 50; ++u)
    for (std::uint32_t k = 0; k < 20; ++k) {
      const UserId c = g.contact(u, k);
      REQUIRE(c != u);
      REQUIRE(c < 50);
    }
  const ContactGraph pair(2, 5, 1.0, 9);  // the smallest graph: each user's only contact is the other
  CHECK(pair.contact(0, 3) == 1);
  CHECK(pair.contact(1, 3) == 0);
}

TEST_CASE("ContactGraph is reproducible from its seed", "[workload][contacts]") {
  const ContactGraph a(100000, 30, 1.2, 5), b(100000, 30, 1.2, 5), other(100000, 30, 1.2, 6);
  int differ = 0;
  for (UserId u = 0; u < 100; ++u) {
    REQUIRE(a.contact(u, 0) == b.contact(u, 0));
    differ += a.contact(u, 0) != other.contact(u, 0) ? 1 : 0;
  }
  CHECK(differ > 90);
  Rng x = RandomStreams(1).stream("recipients"), y = RandomStreams(1).stream("recipients");
  for (int i = 0; i < 100; ++i) REQUIRE(a.draw_recipient(7, x) == b.draw_recipient(7, y));
}

TEST_CASE("ContactGraph: recipients are Zipf-skewed towards the first contacts", "[workload][contacts]") {
  const ContactGraph g(100000, 10, 1.0, 5);
  Rng rng = RandomStreams(1).stream("recipients");
  constexpr UserId kUser = 42;
  int first = 0, last = 0;
  constexpr int kDraws = 20000;
  for (int i = 0; i < kDraws; ++i) {
    const UserId r = g.draw_recipient(kUser, rng);
    REQUIRE(r != kUser);
    first += r == g.contact(kUser, 0) ? 1 : 0;
    last += r == g.contact(kUser, 9) ? 1 : 0;
  }
  // Weights 1/(k+1) over 10 contacts: H(10) = 2.929, so contact 0 gets 34%, contact 9 gets 3.4%.
  CHECK(first / double(kDraws) == Approx(0.341).margin(0.02));
  CHECK(last / double(kDraws) == Approx(0.0341).margin(0.01));
}
