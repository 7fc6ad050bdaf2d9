#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <map>
#include <set>
#include <stdexcept>

#include "src/workload/media_workload.hpp"

using namespace whatsim;

namespace {

SizeDistribution constant_size(double mean_bytes) { return SizeDistribution{"constant", mean_bytes, 0, mean_bytes}; }

// Four types with distinct constant sizes, so a draw's size tells its type; no forwards, no
// viral item. Each test turns on what it checks.
MediaSpec plain_spec() {
  MediaSpec spec;
  spec.message_share = 0.1;
  spec.types = {
      MediaTypeSpec{"image", 0.5, constant_size(100000), 0.5, 0, 16e6},
      MediaTypeSpec{"video", 0.2, constant_size(5000000), 0.25, 0, 16e6},
      MediaTypeSpec{"audio", 0.2, constant_size(300000), 0.8, 0, 16e6},
      MediaTypeSpec{"document", 0.1, constant_size(2000000), 1.0, 0, 100e6},
  };
  spec.viral = ViralItemSpec{0, 0, "video", 0};
  return spec;
}

// Within `sds` binomial standard deviations of n * p.
void check_binomial(int hits, int n, double p, double sds = 5) {
  const double expected = n * p;
  const double sd = std::sqrt(n * p * (1 - p));
  INFO("hits " << hits << " of " << n << ", expected " << expected << " +- " << sds * sd);
  CHECK(std::abs(hits - expected) <= sds * sd);
}

bool same(const Attachment& a, const Attachment& b) {
  return a.type == b.type && a.original_bytes == b.original_bytes && a.upload_bytes == b.upload_bytes &&
         a.content == b.content && a.forwarded == b.forwarded && a.viral == b.viral;
}

}  // namespace

TEST_CASE("MediaWorkload draws the same attachments for the same seeds", "[media][workload]") {
  MediaSpec spec = plain_spec();
  spec.types[0].size = SizeDistribution{"lognormal", 200000, 1.0, 16e6};
  spec.popularity = MediaPopularity{0.3, 50, 1.0};
  spec.viral = ViralItemSpec{0.1, 5, "video", 3e6};
  Rng catalog_a = RandomStreams(7).stream("media_catalog"), catalog_b = RandomStreams(7).stream("media_catalog");
  const MediaWorkload a(spec, catalog_a), b(spec, catalog_b);
  Rng draw_a = RandomStreams(7).stream("media"), draw_b = RandomStreams(7).stream("media");
  Rng other = RandomStreams(8).stream("media");
  int differ = 0;
  for (std::uint64_t key = 0; key < 2000; ++key) {
    const double now_s = key / 200.0;
    const Attachment x = a.draw(key, now_s, draw_a);
    REQUIRE(same(x, b.draw(key, now_s, draw_b)));
    differ += same(x, a.draw(key, now_s, other)) ? 0 : 1;
  }
  CHECK(differ > 100);
}

TEST_CASE("MediaWorkload sends the viral item only after it starts, at about its share", "[media][workload]") {
  MediaSpec spec = plain_spec();
  spec.viral = ViralItemSpec{0.2, 100, "video", 3e6};
  Rng catalog = RandomStreams(1).stream("media_catalog");
  const MediaWorkload workload(spec, catalog);
  Rng rng = RandomStreams(1).stream("media");
  constexpr int kDraws = 20000;
  int before = 0, after = 0;
  for (int i = 0; i < kDraws; ++i) before += workload.draw(i, 99.999, rng).viral ? 1 : 0;
  for (int i = 0; i < kDraws; ++i) {
    const Attachment a = workload.draw(kDraws + i, 100, rng);
    if (!a.viral) continue;
    ++after;
    REQUIRE(a.content == MediaWorkload::viral_content());
    REQUIRE(a.type == MediaType::video);
    REQUIRE(a.upload_bytes == 3e6);
    REQUIRE(a.original_bytes == 3e6);
  }
  CHECK(before == 0);
  check_binomial(after, kDraws, 0.2);
}

TEST_CASE("MediaWorkload: forwards repeat catalog content, fresh content never repeats", "[media][workload]") {
  MediaSpec spec = plain_spec();
  spec.popularity = MediaPopularity{0.5, 100, 1.0};
  Rng catalog = RandomStreams(2).stream("media_catalog");
  const MediaWorkload workload(spec, catalog);
  Rng rng = RandomStreams(2).stream("media");
  constexpr int kDraws = 10000;
  std::map<ContentHash, Attachment> forwarded;
  std::set<ContentHash> fresh;
  int forwards = 0;
  for (std::uint64_t key = 0; key < kDraws; ++key) {
    const Attachment a = workload.draw(key, 0, rng);
    REQUIRE_FALSE(a.viral);
    if (a.forwarded) {
      ++forwards;
      REQUIRE(a.content >= MediaWorkload::catalog_content(0));
      REQUIRE(a.content <= MediaWorkload::catalog_content(99));
      // A catalog item is one file: every forward of it has the same type and size.
      const auto [it, first] = forwarded.emplace(a.content, a);
      if (!first) REQUIRE(same(it->second, a));
    } else {
      REQUIRE(a.content == MediaWorkload::fresh_content(key));
      REQUIRE(fresh.insert(a.content).second);
    }
  }
  check_binomial(forwards, kDraws, 0.5);
  CHECK(forwarded.size() < static_cast<std::size_t>(forwards) / 10);  // ~5,000 forwards of 100 items
  // Zipf with exponent 1 over 100 items: the first item gets 1/H(100) = 19% of forwards.
  int top = 0;
  Rng again = RandomStreams(3).stream("media");
  for (std::uint64_t key = 0; key < kDraws; ++key) {
    const Attachment a = workload.draw(key, 0, again);
    top += a.forwarded && a.content == MediaWorkload::catalog_content(0) ? 1 : 0;
  }
  check_binomial(top, kDraws, 0.5 * 0.1928);
}

TEST_CASE("MediaWorkload draws fresh content's types by their shares", "[media][workload]") {
  const MediaSpec spec = plain_spec();
  Rng catalog = RandomStreams(4).stream("media_catalog");
  const MediaWorkload workload(spec, catalog);
  Rng rng = RandomStreams(4).stream("media");
  constexpr int kDraws = 20000;
  std::array<int, kMediaTypeCount> by_type{};
  for (std::uint64_t key = 0; key < kDraws; ++key) {
    const Attachment a = workload.draw(key, 0, rng);
    REQUIRE_FALSE(a.forwarded);
    by_type[static_cast<int>(a.type)] += 1;
  }
  for (int t = 0; t < kMediaTypeCount; ++t) {
    INFO("type " << to_string(static_cast<MediaType>(t)));
    check_binomial(by_type[t], kDraws, spec.types[t].share);
  }
}

TEST_CASE("MediaWorkload uploads the original size times the type's compression ratio", "[media][workload]") {
  MediaSpec spec = plain_spec();
  spec.types[0].size = SizeDistribution{"lognormal", 200000, 1.5, 1000000};
  spec.types[2].compression_ratio = 1e-7;  // 300,000 bytes round to 0: still one byte uploaded
  spec.popularity = MediaPopularity{0.3, 20, 0.8};
  Rng catalog = RandomStreams(5).stream("media_catalog");
  const MediaWorkload workload(spec, catalog);
  Rng rng = RandomStreams(5).stream("media");
  bool capped = false;
  for (std::uint64_t key = 0; key < 5000; ++key) {
    const Attachment a = workload.draw(key, 0, rng);
    const MediaTypeSpec& t = spec.types[static_cast<int>(a.type)];
    REQUIRE(a.original_bytes >= 1);
    REQUIRE(a.original_bytes <= t.size.max_bytes);
    REQUIRE(a.original_bytes == std::round(a.original_bytes));
    REQUIRE(a.upload_bytes == std::max(1.0, std::round(a.original_bytes * t.compression_ratio)));
    if (a.type == MediaType::video) REQUIRE(a.upload_bytes == 1250000);
    if (a.type == MediaType::audio) REQUIRE(a.upload_bytes == 1);
    capped = capped || (a.type == MediaType::image && a.original_bytes == 1000000);
  }
  CHECK(capped);  // sigma 1.5 reaches 5x the mean: some draws hit max_bytes
}

TEST_CASE("MediaWorkload keeps catalog, viral and fresh content identities apart", "[media][workload]") {
  const ContentHash viral = MediaWorkload::viral_content();
  CHECK(MediaWorkload::catalog_content(0) != MediaWorkload::catalog_content(1));
  CHECK(MediaWorkload::catalog_content(0xffffffffu) < viral);
  CHECK(MediaWorkload::fresh_content(0) > viral);
  CHECK(MediaWorkload::fresh_content(viral) != viral);
  CHECK(MediaWorkload::fresh_content(1) != MediaWorkload::catalog_content(0));
  CHECK(MediaWorkload::fresh_content(1) != MediaWorkload::fresh_content(2));
}

TEST_CASE("MediaWorkload rejects an unknown viral type and a wrong type list", "[media][workload][edge]") {
  Rng catalog = RandomStreams(6).stream("media_catalog");
  MediaSpec spec = plain_spec();
  spec.viral = ViralItemSpec{0.1, 0, "gif", 1000};
  CHECK_THROWS_WITH(MediaWorkload(spec, catalog), Catch::Contains("\"gif\""));
  spec.viral.share = 0;  // no viral item: its type does not matter
  CHECK_NOTHROW(MediaWorkload(spec, catalog));

  MediaSpec reordered = plain_spec();
  std::swap(reordered.types[0], reordered.types[1]);
  CHECK_THROWS_AS(MediaWorkload(reordered, catalog), std::invalid_argument);
  MediaSpec missing = plain_spec();
  missing.types.pop_back();
  CHECK_THROWS_AS(MediaWorkload(missing, catalog), std::invalid_argument);
}
