// Lowering: small programs compiled from text, prepared, planned and lowered;
// the jobs, their edges, commands, limits and retries, and the diagnostics
// (with their locations) for param values a field cannot take.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "lower/Lower.h"
#include "lower/Routes.h"
#include "plan/PipelinePlan.h"
#include "plan/Prepare.h"
#include "program/ProgramDigest.h"
#include "support/Quantity.h"

namespace magicc::lower {
namespace {

namespace fs = std::filesystem;
using runtime::Job;
using runtime::JobKind;

struct Lowered {
  plan::PreparedPlan prepared;
  std::optional<plan::PipelinePlan> pipeline;
  runtime::RunProgram program;

  // "line:column: message" for each diagnostic.
  std::vector<std::string> messages() const {
    std::vector<std::string> out;
    for (const auto& d : prepared.diags().diagnostics()) {
      std::string at = "-";
      if (d.range.valid()) {
        auto lc = prepared.sources().lineColumn(d.range.begin);
        at = std::to_string(lc.line) + ":" + std::to_string(lc.column);
      }
      out.push_back(at + ": " + d.message);
    }
    return out;
  }
  // The index of the job `name` on `target`; -1 when there is none.
  int find(const std::string& name, const std::string& target) const {
    for (std::size_t j = 0; j < program.jobs.size(); ++j)
      if (program.jobs[j].name == name && program.jobs[j].target == target)
        return static_cast<int>(j);
    return -1;
  }
  const Job& job(const std::string& name, const std::string& target = "local") const {
    int j = find(name, target);
    EXPECT_GE(j, 0) << name << " on " << target;
    return program.jobs.at(j < 0 ? 0 : j);
  }
  bool edge(int from, int to) const {
    const auto& s = program.jobs.at(from).successors;
    return std::find(s.begin(), s.end(), static_cast<std::uint32_t>(to)) != s.end();
  }
};

class LowerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "magicc-lower-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  std::string write(const std::string& name, const std::string& text) {
    std::string path = (dir_ / name).string();
    std::ofstream(path) << text;
    return path;
  }

  // Compiles `program` (with the inventory, if any), prepares, plans the
  // request's pipeline and lowers; stops where an earlier step fails.
  Lowered lowerProgram(const std::string& program, plan::PlanRequest request = {},
                       const std::string& inventory = "",
                       const std::set<std::string>& exclude = {}) {
    request.file = write("test.mm", program);
    if (!inventory.empty()) request.inventories.push_back(write("hosts.yaml", inventory));
    Lowered out;
    out.prepared = plan::prepare(request);
    EXPECT_TRUE(out.prepared.ok()) << testing::PrintToString(out.messages());
    if (!out.prepared.ok()) return out;
    plan::PreparedPlan& p = out.prepared;
    if (p.pipeline) {
      out.pipeline = plan::planPipeline(*p.pipeline, p.inventory, p.paramSet, p.graph->names,
                                        p.sources(), p.diags());
      if (!out.pipeline) return out;
    }
    auto routes = routesOf(p, out.pipeline ? &*out.pipeline : nullptr);
    out.program = lower(p, out.pipeline ? &*out.pipeline : nullptr, exclude, p.diags(), &routes);
    return out;
  }

  fs::path dir_;
};

const char* kWebHosts = R"(all:
  children:
    web:
      hosts:
        w1: { ansible_host: 10.0.0.1, rack: a }
        w2: { ansible_host: 10.0.0.2, rack: b }
        w3: { ansible_host: 10.0.0.3 }
)";

TEST_F(LowerTest, ItemsBecomeJobsWithTheirEdgesAndATaskComplete) {
  Lowered l = lowerProgram(R"(param greeting: string = "hi"
item a { run: "echo ${greeting}" }
item b { depends: a, run: "true", retries: 2, retry_delay: 5s, timeout: 1m }
item c { depends: a }
)");
  ASSERT_TRUE(l.messages().empty()) << testing::PrintToString(l.messages());
  ASSERT_EQ(l.program.jobs.size(), 4u);
  int a = l.find("a", "local"), b = l.find("b", "local"), c = l.find("c", "local");
  int done = l.find("TaskComplete", "local");
  ASSERT_GE(a, 0);
  ASSERT_GE(done, 0);
  EXPECT_TRUE(l.edge(a, b));
  EXPECT_TRUE(l.edge(a, c));
  EXPECT_TRUE(l.edge(b, done));
  EXPECT_TRUE(l.edge(c, done));
  EXPECT_FALSE(l.edge(a, done));  // a reaches it through b and c
  EXPECT_EQ(l.program.jobs[done].predecessors, 2u);

  // Values travel in the environment, never in the command text.
  const Job& ja = l.job("a");
  EXPECT_EQ(ja.kind, JobKind::Command);
  EXPECT_EQ(ja.command, "echo \"${MAGICC_ARG_0}\"");
  ASSERT_EQ(ja.env.size(), 1u);
  EXPECT_EQ(ja.env[0], (std::pair<std::string, std::string>("MAGICC_ARG_0", "hi")));

  const Job& jb = l.job("b");
  EXPECT_EQ(jb.retries, 2);
  EXPECT_EQ(jb.retryDelay, std::chrono::seconds(5));
  EXPECT_EQ(jb.timeout, std::chrono::minutes(1));
  EXPECT_EQ(l.job("c").kind, JobKind::Milestone);
  EXPECT_TRUE(l.program.stages.empty());
}

TEST_F(LowerTest, EveryTargetGetsItsOwnJobsAndHostVars) {
  plan::PlanRequest request;
  request.hosts = "web";
  Lowered l =
      lowerProgram("item a { run: \"ping ${host.address} ${host.vars.rack}\" }\n", request, R"(all:
  children:
    web:
      hosts:
        w1: { ansible_host: 10.0.0.1, rack: a }
        w2: { ansible_host: 10.0.0.2, rack: b }
)");
  ASSERT_TRUE(l.messages().empty()) << testing::PrintToString(l.messages());
  EXPECT_EQ(l.program.jobs.size(), 4u);  // a and TaskComplete per host
  const Job& w2 = l.job("a", "w2");
  EXPECT_EQ(w2.env, (runtime::Values{{"MAGICC_ARG_0", "10.0.0.2"}, {"MAGICC_ARG_1", "b"}}));
}

TEST_F(LowerTest, ExcludedHostsGetNoJobs) {
  plan::PlanRequest request;
  request.hosts = "web";
  Lowered l = lowerProgram("item a { run: \"true\" }\n", request, kWebHosts, {"w2"});
  EXPECT_GE(l.find("a", "w1"), 0);
  EXPECT_EQ(l.find("a", "w2"), -1);
  EXPECT_EQ(l.find("TaskComplete", "w2"), -1);
  EXPECT_EQ(l.program.jobs.size(), 4u);
}

TEST_F(LowerTest, EachHostIsRoutedAsItsAnsibleConnectionSays) {
  plan::PlanRequest request;
  request.hosts = "web";
  Lowered l = lowerProgram("item a { run: \"true\" }\n", request, R"(all:
  children:
    web:
      hosts:
        w1: { ansible_host: 10.0.0.1, ansible_port: 2222, ansible_user: ops }
        w2: { ansible_connection: local }
        w3: { ansible_host: 10.0.0.3, ansible_connection: smart }
)");
  auto routes = routesOf(l.prepared, nullptr);
  ASSERT_EQ(routes.size(), 3u);
  EXPECT_EQ(routes[0].name, "w1");
  EXPECT_EQ(routes[0].connection, "ssh");  // an address and no connection: SSH
  EXPECT_EQ(routes[0].address, "10.0.0.1");
  EXPECT_EQ(routes[0].port, 2222);
  EXPECT_EQ(routes[0].user, "ops");
  EXPECT_EQ(routes[1].connection, "local");
  EXPECT_EQ(routes[2].connection, "ssh");
  // --backend overrides every host.
  for (const auto& r : routesOf(l.prepared, nullptr, "local")) EXPECT_EQ(r.connection, "local");
}

TEST_F(LowerTest, APipelineIsRoutedByTheHostsOfItsTasks) {
  Lowered l = lowerProgram(
      "pipeline p() { stage s { on: web, run: \"true\" } stage t { run: \"true\" } }\n",
      [] {
        plan::PlanRequest r;
        r.pipeline = "p";
        return r;
      }(),
      kWebHosts);
  ASSERT_TRUE(l.pipeline);
  auto routes = routesOf(l.prepared, &*l.pipeline);
  std::vector<std::string> names;
  for (const auto& r : routes) names.push_back(r.name);
  EXPECT_EQ(names, (std::vector<std::string>{"w1", "w2", "w3"}));  // `local` is not routed
}

TEST_F(LowerTest, AMissingHostVarIsReportedAtTheCommand) {
  plan::PlanRequest request;
  request.hosts = "web";
  Lowered l = lowerProgram("item a {\n  run: \"echo ${host.vars.rack}\"\n}\n", request, kWebHosts);
  EXPECT_EQ(l.messages(), (std::vector<std::string>{
                              "2:14: item 'a' uses ${host.vars.rack}, but target 'w3' has no "
                              "var 'rack'"}));
}

TEST_F(LowerTest, StagesRunInBatchesBehindBarriers) {
  plan::PlanRequest request;
  request.pipeline = "release";
  request.defines = {"rev=7"};
  Lowered l = lowerProgram(R"(pipeline release(rev: int) {
  stage build { run: "make ${rev}", retries: 1, timeout: 10s }
  stage deploy {
    on: web, run: "deploy ${host.name}", batch: 2, concurrency: 2, per_host: 1,
    max_fail: "50%", sudo: true
  }
}
)",
                           request, kWebHosts);
  ASSERT_TRUE(l.messages().empty()) << testing::PrintToString(l.messages());
  ASSERT_EQ(l.program.stages.size(), 2u);
  EXPECT_TRUE(l.program.stages[0].local);
  EXPECT_EQ(l.program.stages[1].tasks, 3u);
  EXPECT_EQ(l.program.stages[1].batch, 2);
  ASSERT_EQ(l.program.limits.size(), 2u);
  EXPECT_EQ(l.program.limits[1].concurrency, 2u);
  EXPECT_EQ(l.program.limits[1].perHost, 1u);
  EXPECT_EQ(l.program.limits[1].maxFail, 1u);  // 50% of 3 tasks
  EXPECT_EQ(l.program.limits[0].concurrency, 0u);

  int build = l.find("build", "local");
  int buildBarrier = l.find("build batch", "local");
  int w1 = l.find("deploy", "w1"), w2 = l.find("deploy", "w2"), w3 = l.find("deploy", "w3");
  ASSERT_GE(buildBarrier, 0);
  EXPECT_TRUE(l.program.jobs[buildBarrier].hidden);
  EXPECT_EQ(l.program.jobs[build].retries, 1);
  EXPECT_EQ(l.program.jobs[build].timeout, std::chrono::seconds(10));
  EXPECT_TRUE(l.edge(build, buildBarrier));
  EXPECT_TRUE(l.edge(buildBarrier, w1));
  EXPECT_TRUE(l.edge(buildBarrier, w2));
  EXPECT_FALSE(l.edge(buildBarrier, w3));  // the second batch waits for the first
  int firstBatch = -1;
  for (std::size_t j = 0; j < l.program.jobs.size(); ++j)
    if (l.program.jobs[j].name == "deploy batch" && l.edge(w1, static_cast<int>(j)))
      firstBatch = static_cast<int>(j);
  ASSERT_GE(firstBatch, 0);
  EXPECT_TRUE(l.edge(w2, firstBatch));
  EXPECT_TRUE(l.edge(firstBatch, w3));
  EXPECT_TRUE(l.program.jobs[w3].sudo);
  EXPECT_EQ(l.program.jobs[w1].stage, 1);
  EXPECT_NE(l.program.jobs[w1].host, l.program.jobs[w3].host);
}

TEST_F(LowerTest, ForeachMakesATaskPerElement) {
  plan::PlanRequest request;
  request.pipeline = "p";
  Lowered l = lowerProgram(
      "pipeline p() { stage s { foreach: [\"x\", \"y\"], run: \"echo ${each}\" } }\n", request);
  ASSERT_TRUE(l.messages().empty()) << testing::PrintToString(l.messages());
  std::vector<std::string> each;
  for (const auto& j : l.program.jobs)
    if (j.name == "s") each.push_back(j.env.at(0).second);
  EXPECT_EQ(each, (std::vector<std::string>{"x", "y"}));
  EXPECT_EQ(l.program.stages.at(0).tasks, 2u);
}

TEST_F(LowerTest, ACountParamOutOfRangeIsReportedAtTheField) {
  plan::PlanRequest request;
  request.defines = {"n=-5"};
  Lowered l = lowerProgram("param n: int = 1\nitem a { run: \"true\", retries: n }\n", request);
  EXPECT_EQ(
      l.messages(),
      (std::vector<std::string>{"2:32: item 'a': retries must be >= 0, found '-5' (param 'n')"}));
}

TEST_F(LowerTest, AStageLimitFromAParamIsCheckedOnceWhenPlanned) {
  plan::PlanRequest request;
  request.pipeline = "p";
  request.defines = {"c=0", "f=-1"};
  request.file = write("test.mm", R"(pipeline p(c: int, f: int) {
  stage s { run: "true", concurrency: c, max_fail: f }
}
)");
  plan::PreparedPlan p = plan::prepare(request);
  ASSERT_TRUE(p.ok());
  auto planned = plan::planPipeline(*p.pipeline, p.inventory, p.paramSet, p.graph->names,
                                    p.sources(), p.diags());
  EXPECT_FALSE(planned);
  std::vector<std::string> messages;
  for (const auto& d : p.diags().diagnostics()) {
    auto lc = p.sources().lineColumn(d.range.begin);
    messages.push_back(std::to_string(lc.line) + ":" + std::to_string(lc.column) + ": " +
                       d.message);
  }
  EXPECT_EQ(messages, (std::vector<std::string>{
                          "2:39: stage 's': concurrency must be >= 1, found '0' (param 'c')",
                          "2:52: stage 's': max_fail must be a count or a percentage like "
                          "\"25%\", found '-1'"}));
}

// A duration param is checked when params are resolved; the parsers are
// the ones the fields use.
TEST(Quantity, ParsersTakeWhatParamsCarry) {
  using std::chrono::milliseconds;
  EXPECT_EQ(support::parseDuration("90s"), milliseconds(90000));
  EXPECT_EQ(support::parseDuration("250ms"), milliseconds(250));
  EXPECT_EQ(support::parseDuration("2h"), milliseconds(7200000));
  EXPECT_EQ(support::parseDuration("8760h"), milliseconds(31536000000));
  for (const char* bad : {"10sec", "s", "5", "-5s", "8761h", "99999999999999999999s", ""})
    EXPECT_FALSE(support::parseDuration(bad)) << bad;
  EXPECT_EQ(support::parseInteger("-5"), -5);
  EXPECT_FALSE(support::parseInteger("5x"));
  EXPECT_FALSE(support::parseInteger(""));
  auto share = support::parseShare("25%");
  ASSERT_TRUE(share);
  EXPECT_EQ(share->of(10), 2u);
  EXPECT_EQ(support::parseShare("3")->of(10), 3u);
  for (const char* bad : {"101%", "-1", "%", "x%", ""})
    EXPECT_FALSE(support::parseShare(bad)) << bad;
}

TEST_F(LowerTest, AShortPasswordIsReportedAtItsLength) {
  Lowered l = lowerProgram("resource password p {\n  length: 4\n}\n");
  EXPECT_EQ(
      l.messages(),
      (std::vector<std::string>{"2:11: resource 'p': length must be between 8 and 4096, found 4"}));
}

TEST_F(LowerTest, CallNeedsTheAgent) {
  plan::PlanRequest request;
  request.pipeline = "p";
  Lowered l = lowerProgram("pipeline p() { stage s { call: \"restart\" } }\n", request);
  EXPECT_EQ(l.messages(), (std::vector<std::string>{
                              "1:32: stage 's' uses call: on host 'local', which is reached "
                              "locally; call: needs its agent (ansible_connection: magicc_agent, "
                              "or --backend agent)"}));
}

TEST_F(LowerTest, ACallCarriesTypedArgumentsToTheAgent) {
  plan::PlanRequest request;
  request.pipeline = "g";
  request.defines = {"guest=g1"};
  Lowered l = lowerProgram(
      "pipeline g(guest: string, memory_mb: int = 1024, on_boot: bool = true) {\n"
      "  stage define { on: hv, call: \"libvirt.Define\",\n"
      "    args: { name: \"${guest}-${host.name}\", memory_mb: memory_mb, size: 10, boot: on_boot,"
      " disks: [\"a\", guest] } }\n}\n",
      request,
      "all:\n  children:\n    hv:\n      hosts:\n        hv1:\n          ansible_connection: "
      "magicc_agent\n");
  ASSERT_TRUE(l.messages().empty()) << testing::PrintToString(l.messages());
  auto call = std::find_if(l.program.jobs.begin(), l.program.jobs.end(),
                           [](const runtime::Job& j) { return j.kind == runtime::JobKind::Call; });
  ASSERT_NE(call, l.program.jobs.end());
  EXPECT_EQ(call->target, "hv1");
  EXPECT_EQ(call->method, "libvirt.Define");
  EXPECT_EQ(nlohmann::json::parse(call->args),
            nlohmann::json::parse(R"({"name":"g1-hv1","memory_mb":1024,"size":10,"boot":true,
                                     "disks":["a","g1"]})"));
  auto routes = routesOf(l.prepared, &*l.pipeline);
  ASSERT_EQ(routes.size(), 1u);
  EXPECT_EQ(routes[0].connection, "agent");
  EXPECT_EQ(routes[0].agentUrl, "http://hv1:7070");
}

TEST_F(LowerTest, TheDigestFollowsWhatJobsDo) {
  Lowered one = lowerProgram("item a { run: \"true\" }\n");
  Lowered same = lowerProgram("item a { run: \"true\" }\n");
  Lowered other = lowerProgram("item a { run: \"false\" }\n");
  EXPECT_EQ(runtime::digestOf(one.program), runtime::digestOf(same.program));
  EXPECT_NE(runtime::digestOf(one.program), runtime::digestOf(other.program));
  EXPECT_EQ(runtime::digestOf(one.program).rfind("sha256:", 0), 0u);
}

}  // namespace
}  // namespace magicc::lower
