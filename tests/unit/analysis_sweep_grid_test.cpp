#include <catch2/catch.hpp>

#include <stdexcept>

#include "analysis/shell_quote.hpp"
#include "analysis/sweep_grid.hpp"

using namespace whatsim;

namespace {

std::string error_of(const std::vector<std::string>& flags) {
  try {
    parse_varies(flags);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("a vary flag splits into its path and values as text", "[unit][sweep]") {
  const VariedParameter p = parse_vary("deployment.regions[0].user_share=0.5,0.7,\"x\"");
  CHECK(p.path == "deployment.regions[0].user_share");
  CHECK(p.values == std::vector<std::string>{"0.5", "0.7", "\"x\""});
}

TEST_CASE("bad vary flags are one-line errors naming the flag", "[unit][sweep]") {
  CHECK_THAT(error_of({"deployment.chat_servers"}), Catch::Contains("--vary deployment.chat_servers: no '='"));
  CHECK_THAT(error_of({"=1,2"}), Catch::Contains("empty path"));
  CHECK_THAT(error_of({"a="}), Catch::Contains("--vary a=: empty value"));
  CHECK_THAT(error_of({"a=1,,2"}), Catch::Contains("empty value"));
  CHECK_THAT(error_of({"a=1,"}), Catch::Contains("empty value"));
  CHECK_THAT(error_of({"a=1", "b=2", "a=3"}), Catch::Contains("a is varied twice"));
  for (const std::string& message : {error_of({"a"}), error_of({"a=1,,2"}), error_of({"a=1", "a=2"})})
    CHECK(message.find('\n') == std::string::npos);
}

TEST_CASE("the grid is the cartesian product with the last vary changing fastest", "[unit][sweep]") {
  const std::vector<Variant> v = sweep_variants(parse_varies({"a=1,2", "b=x,y,z"}));
  REQUIRE(v.size() == 6);
  CHECK(v[0].id == "v01");
  CHECK(v[5].id == "v06");
  CHECK(v[0].set_arguments() == std::vector<std::string>{"a=1", "b=x"});
  CHECK(v[1].set_arguments() == std::vector<std::string>{"a=1", "b=y"});
  CHECK(v[3].set_arguments() == std::vector<std::string>{"a=2", "b=x"});
  CHECK(v[5].set_arguments() == std::vector<std::string>{"a=2", "b=z"});
}

TEST_CASE("variant ids are zero-padded to the digits of the variant count", "[unit][sweep]") {
  CHECK(variant_id(1, 4) == "v01");
  CHECK(variant_id(12, 99) == "v12");
  CHECK(variant_id(7, 100) == "v007");
  CHECK(sweep_variants(parse_varies({"a=1,2,3,4,5,6,7,8,9,10", "b=1,2,3,4,5,6,7,8,9,10,11"})).back().id == "v110");
}

TEST_CASE("replication r has the same seed in every variant and seeds differ between replications", "[unit][sweep]") {
  CHECK(replication_seed(42, 1) == 42);  // the scenario's own seed: the run `whatsim run` makes
  CHECK(replication_seed(42, 2) == 43);
  CHECK(replication_seed(42, 10) == 51);
}

TEST_CASE("each run has its own directory named by variant and replication", "[unit][sweep]") {
  const Variant v = sweep_variants(parse_varies({"a=1,2"}))[1];
  CHECK(run_name(v, 3) == "v02-r03");
  CHECK(run_name(v, 123) == "v02-r123");
  CHECK(run_dir("out/x", v, 3) == std::filesystem::path("out/x/runs/v02-r03"));
}

TEST_CASE("a job line is the whatsim run command with the sweep's sets before the variant's", "[unit][sweep]") {
  const Variant v = sweep_variants(parse_varies({"traffic.messages_per_user_per_day=400"}))[0];
  const RunTemplate run{"/opt/whatsim/whatsim", "/data/small.json", {"population.users=500"}};
  CHECK(job_line(run, v, 7, "/data/out/runs/v01-r01") ==
        "/opt/whatsim/whatsim run /data/small.json --set population.users=500 --set "
        "traffic.messages_per_user_per_day=400 --seed 7 --out /data/out/runs/v01-r01");
}

TEST_CASE("a job line quotes what a shell would split or expand", "[unit][sweep]") {
  const Variant v = sweep_variants(parse_varies({"name=it's $HOME"}))[0];
  const RunTemplate run{"/my dir/whatsim", "/s.json", {}};
  CHECK(job_line(run, v, 1, "/o") == "'/my dir/whatsim' run /s.json --set 'name=it'\\''s $HOME' --seed 1 --out /o");
  CHECK(shell_quoted("") == "''");
  CHECK(shell_command({"a", "b c"}) == "a 'b c'");
}
