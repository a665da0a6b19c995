// The agent's API as a function of a request (runtime/agent): routes,
// tokens and scopes, jobs and their queues on the real local runner, the
// job log across a restart, output from an offset, files, metadata.
#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/asio/executor_work_guard.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "FakeExchange.h"
#include "agent/Agent.h"
#include "agent/AgentConfig.h"
#include "agent/Facts.h"
#include "agent/Files.h"
#include "agent/JobLog.h"
#include "agent/Jobs.h"
#include "backends/LocalRunner.h"

namespace magicc::agent {
namespace {

namespace fs = std::filesystem;
namespace bhttp = boost::beast::http;
using json = nlohmann::json;
using testing::FakeExchange;

constexpr const char* kTokens =
    "# NAME SCOPE TOKEN\n"
    "reader read r-token-0123456789\n"
    "runner run x-token-0123456789\n"
    "boss admin a-token-0123456789\n";

fs::path tempDir() {
  char name[] = "/tmp/magicc-agent-test.XXXXXX";
  return fs::path(::mkdtemp(name));
}

std::string readAll(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// An agent over a real job log and the local runner, its jobs on a thread.
class AgentTest : public ::testing::Test {
 protected:
  explicit AgentTest(AgentConfig config = {}) : dir_(tempDir()) {
    log_ = std::make_unique<JobLog>((dir_ / "state").string());
    audit_ = std::make_unique<RequestAudit>((dir_ / "audit.log").string());
    runtime::LocalOptions local;
    local.killGrace = std::chrono::milliseconds(200);
    local.spawned = [this](const runtime::CommandSpec&, int group) { jobs_->spawned(group); };
    runner_ = std::make_unique<runtime::LocalRunner>(io_, local);
    jobs_ = std::make_unique<Jobs>(io_, *runner_, *log_, "testhost");
    std::string error;
    AgentOptions options;
    options.tokens = *http::TokenSet::parse(kTokens, error);
    options.config = std::move(config);
    options.hostname = "testhost";
    options.version = "9.9.9";
    options.detectedFacts = osReleaseFacts("ID=debian\nVERSION_ID=\"12\"\n");
    agent_ = std::make_unique<Agent>(std::move(options), *jobs_, *audit_, io_);
    thread_ = std::thread([this] { io_.run(); });
  }
  ~AgentTest() override {
    jobs_->stop("test over");
    runner_->killAll();
    work_.reset();
    io_.stop();
    thread_.join();
    agent_.reset();
    jobs_.reset();
    runner_.reset();
    fs::remove_all(dir_);
  }

  std::shared_ptr<FakeExchange> send(bhttp::verb method, const std::string& target,
                                     const std::string& token = "", std::string body = "") {
    http::Request request{method, target, 11};
    if (!token.empty()) request.set(bhttp::field::authorization, "Bearer " + token);
    request.body() = std::move(body);
    request.prepare_payload();
    auto exchange = std::make_shared<FakeExchange>(std::move(request));
    agent_->handle(exchange);
    return exchange;
  }
  // A whole answer: status and JSON body.
  std::pair<unsigned, json> call(bhttp::verb method, const std::string& target,
                                 const std::string& token = "", std::string body = "") {
    auto exchange = send(method, target, token, std::move(body));
    EXPECT_TRUE(exchange->wait());
    return {exchange->response().result_int(), json::parse(exchange->body(), nullptr, false)};
  }
  std::string submit(const json& job, const std::string& token = "x-token-0123456789") {
    auto [status, body] = call(bhttp::verb::post, "/v1/jobs", token, job.dump());
    EXPECT_EQ(status, 202u) << body.dump();
    return body.value("id", "");
  }
  json waitJob(const std::string& id) {
    for (int i = 0; i < 500; ++i) {
      auto [status, job] = call(bhttp::verb::get, "/v1/jobs/" + id, "r-token-0123456789");
      if (job.value("status", "") == "Complete" || job.value("status", "") == "Error") return job;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ADD_FAILURE() << "job " << id << " never finished";
    return {};
  }

  fs::path dir_;
  boost::asio::io_context io_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_ =
      boost::asio::make_work_guard(io_);
  std::unique_ptr<JobLog> log_;
  std::unique_ptr<RequestAudit> audit_;
  std::unique_ptr<runtime::LocalRunner> runner_;
  std::unique_ptr<Jobs> jobs_;
  std::unique_ptr<Agent> agent_;
  std::thread thread_;
};

TEST_F(AgentTest, HealthNeedsNoToken) {
  auto [status, body] = call(bhttp::verb::get, "/v1/health");
  EXPECT_EQ(status, 200u);
  EXPECT_EQ(body["status"], "ok");
  EXPECT_EQ(body["version"], "9.9.9");
}

TEST_F(AgentTest, EveryOtherRouteNeedsAToken) {
  auto exchange = send(bhttp::verb::get, "/v1/info");
  ASSERT_TRUE(exchange->wait());
  EXPECT_EQ(exchange->response().result_int(), 401u);
  EXPECT_EQ(exchange->response()[bhttp::field::www_authenticate], "Bearer");
  auto [status, body] = call(bhttp::verb::get, "/v1/info", "not-a-token");
  EXPECT_EQ(status, 401u);
  EXPECT_EQ(body["error"], "401 Unauthorized");
}

TEST_F(AgentTest, ScopesAreEnforced) {
  EXPECT_EQ(call(bhttp::verb::get, "/v1/info", "r-token-0123456789").first, 200u);
  auto [status, body] = call(bhttp::verb::post, "/v1/jobs", "r-token-0123456789",
                             R"({"action":"exec","cmd":["true"]})");
  EXPECT_EQ(status, 403u);
  EXPECT_NE(body["message"].get<std::string>().find("reader"), std::string::npos);
  EXPECT_EQ(call(bhttp::verb::patch, "/v1/metadata", "x-token-0123456789", "{}").first, 403u);
  EXPECT_EQ(call(bhttp::verb::patch, "/v1/metadata", "a-token-0123456789", "{}").first, 200u);
  EXPECT_EQ(call(bhttp::verb::put, "/v1/files?path=/tmp/x", "r-token-0123456789").first, 403u);
}

TEST_F(AgentTest, InfoReportsTagsFactsAndServices) {
  auto [status, info] = call(bhttp::verb::get, "/v1/info", "r-token-0123456789");
  EXPECT_EQ(status, 200u);
  EXPECT_EQ(info["hostname"], "testhost");
  EXPECT_EQ(info["facts"]["os.id"], "debian");
  EXPECT_EQ(info["facts"]["os.debian"], true);
  EXPECT_EQ(info["facts"]["os.version"], "12");
  EXPECT_TRUE(info["tags"].is_array());
  EXPECT_TRUE(info["services"].is_array());
  EXPECT_EQ(info["token"], json::parse(R"({"name":"reader","scope":"read"})"));
}

TEST_F(AgentTest, BadRequestsAreFourHundredsWithErrorAndMessage) {
  const std::string run = "x-token-0123456789";
  for (auto [body, want] : std::vector<std::pair<std::string, std::string>>{
           {"{not json", "not valid JSON"},
           {R"({"action":"reboot","cmd":["x"]})", "unknown action 'reboot'"},
           {R"({"cmd":["x"]})", "needs an action"},
           {R"({"action":"exec"})", "needs a cmd"},
           {R"({"action":"exec","cmd":[]})", "must not be empty"},
           {R"({"action":"exec","cmd":[1]})", "list of strings"},
           {R"({"action":"exec","cmd":["x"],"timeout":"soon"})", "timeout"},
           {R"({"action":"exec","cmd":["x"],"env":{"1A":"v"}})", "not a variable name"},
           {R"({"action":"exec","cmd":["x"],"colour":"red"})", "unknown field 'colour'"},
           {std::string(100, '[') + std::string(100, ']'), "nests too deep"},
           {"[]", "JSON object"}}) {
    auto [status, answer] = call(bhttp::verb::post, "/v1/jobs", run, body);
    EXPECT_EQ(status, 400u) << body;
    EXPECT_EQ(answer["error"], "400 Bad Request");
    EXPECT_NE(answer.value("message", "").find(want), std::string::npos) << answer.dump();
  }
  EXPECT_EQ(call(bhttp::verb::get, "/v1/nothing", run).first, 404u);
  EXPECT_EQ(call(bhttp::verb::get, "/v1/jobs/", run).first, 404u);
  EXPECT_EQ(call(bhttp::verb::get, "/v1/jobs/abc", run).first, 404u);
  EXPECT_EQ(call(bhttp::verb::get, "/v1/jobs/12345", run).first, 404u);
  EXPECT_EQ(call(bhttp::verb::get, "/v1/jobs?limit=0", run).first, 400u);
  EXPECT_EQ(call(bhttp::verb::get, "/v1/jobs?limit=1001", run).first, 400u);
  auto exchange = send(bhttp::verb::delete_, "/v1/jobs", run);
  ASSERT_TRUE(exchange->wait());
  EXPECT_EQ(exchange->response().result_int(), 405u);
  EXPECT_EQ(exchange->response()[bhttp::field::allow], "GET, POST");
}

TEST_F(AgentTest, AJobRunsAndReportsItsOutputAndExit) {
  auto exchange = send(bhttp::verb::post, "/v1/jobs", "x-token-0123456789",
                       R"({"action":"exec","cmd":["sh","-c","echo hello; echo oops >&2; exit 3"],
                           "run_id":"run-1","node":"n1"})");
  ASSERT_TRUE(exchange->wait());
  EXPECT_EQ(exchange->response().result_int(), 202u);
  std::string id(exchange->response()["X-Job-ID"]);
  EXPECT_EQ(exchange->response()[bhttp::field::location], "/v1/jobs/" + id);
  json job = waitJob(id);
  EXPECT_EQ(job["status"], "Error");
  EXPECT_EQ(job["exit_code"], 3);
  EXPECT_EQ(job["message"], "exit 3");
  EXPECT_EQ(job["stdout_tail"], "hello\n");
  EXPECT_EQ(job["stderr_tail"], "oops\n");
  EXPECT_EQ(job["token"], "runner");
  EXPECT_EQ(job["output_size"], 11);
  auto output = send(bhttp::verb::get, "/v1/jobs/" + id + "/output", "r-token-0123456789");
  ASSERT_TRUE(output->wait());
  EXPECT_EQ(output->response()["X-Job-Status"], "Error");
  std::string all = output->body();
  EXPECT_EQ(all.size(), 11u);
  auto tail = send(bhttp::verb::get, "/v1/jobs/" + id + "/output?offset=6", "r-token-0123456789");
  ASSERT_TRUE(tail->wait());
  EXPECT_EQ(tail->body(), all.substr(6));
  auto past = send(bhttp::verb::get, "/v1/jobs/" + id + "/output?offset=99", "r-token-0123456789");
  ASSERT_TRUE(past->wait());
  EXPECT_EQ(past->body(), "");
}

TEST_F(AgentTest, ACommandLineRunsAsTheShellWouldWithItsEnvironment) {
  std::string id = submit({{"action", "exec"},
                           {"cmd", "echo \"$GREETING $MAGICC_RUN_ID\" | tr a-z A-Z"},
                           {"env", {{"GREETING", "hi"}}},
                           {"run_id", "r7"}});
  json job = waitJob(id);
  EXPECT_EQ(job["status"], "Complete");
  EXPECT_EQ(job["exit_code"], 0);
  EXPECT_EQ(job["stdout_tail"], "HI R7\n");
  // The environment's values are never stored.
  EXPECT_EQ(readAll(dir_ / "state" / "jobs.db").find("GREETING"), std::string::npos);
}

TEST_F(AgentTest, OutputStreamsWhileTheJobRuns) {
  fs::path gate = dir_ / "gate";
  std::string id = submit(
      {{"action", "exec"},
       {"cmd",
        {"sh", "-c",
         "echo first; while [ ! -e " + gate.string() + " ]; do sleep 0.02; done; echo second"}}});
  auto stream = send(bhttp::verb::get, "/v1/jobs/" + id + "/output", "r-token-0123456789");
  ASSERT_TRUE(stream->waitFor("first\n"));
  EXPECT_FALSE(stream->done());
  std::ofstream(gate.string()) << "go";
  ASSERT_TRUE(stream->wait());
  EXPECT_EQ(stream->body(), "first\nsecond\n");
  // From an offset, not following: what there is, at once.
  auto resumed =
      send(bhttp::verb::get, "/v1/jobs/" + id + "/output?offset=6&follow=0", "r-token-0123456789");
  ASSERT_TRUE(resumed->wait());
  EXPECT_EQ(resumed->body(), "second\n");
}

TEST_F(AgentTest, JobsOfOneQueueRunOneAtATimeInOrder) {
  fs::path trace = dir_ / "trace";
  std::vector<std::string> ids;
  for (int i = 0; i < 4; ++i)
    ids.push_back(
        submit({{"action", "exec"},
                {"queue", "guest-1"},
                {"cmd",
                 {"sh", "-c",
                  "echo start " + std::to_string(i) + " >> " + trace.string() +
                      "; sleep 0.05; echo end " + std::to_string(i) + " >> " + trace.string()}}}));
  for (const auto& id : ids) EXPECT_EQ(waitJob(id)["status"], "Complete");
  EXPECT_EQ(readAll(trace), "start 0\nend 0\nstart 1\nend 1\nstart 2\nend 2\nstart 3\nend 3\n");
}

TEST_F(AgentTest, DifferentQueuesRunSideBySide) {
  fs::path gate = dir_ / "gate";
  // The first waits for the second, in another queue: both must run at once.
  std::string waiter =
      submit({{"action", "exec"},
              {"queue", "a"},
              {"timeout", "5s"},
              {"cmd", {"sh", "-c", "while [ ! -e " + gate.string() + " ]; do sleep 0.02; done"}}});
  std::string opener =
      submit({{"action", "exec"}, {"queue", "b"}, {"cmd", {"touch", gate.string()}}});
  EXPECT_EQ(waitJob(opener)["status"], "Complete");
  EXPECT_EQ(waitJob(waiter)["status"], "Complete");
}

TEST_F(AgentTest, ATimeoutKillsTheProcessGroup) {
  auto started = std::chrono::steady_clock::now();
  std::string id = submit({{"action", "exec"},
                           {"timeout", "200ms"},
                           {"cmd", {"sh", "-c", "sleep 30 & sleep 30; wait"}}});
  json job = waitJob(id);
  EXPECT_EQ(job["status"], "Error");
  EXPECT_EQ(job["timed_out"], true);
  EXPECT_EQ(job["message"], "timed out after 200ms");
  EXPECT_TRUE(job["exit_code"].is_null());
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
}

TEST_F(AgentTest, AQueuedJobCanBeCancelled) {
  fs::path gate = dir_ / "gate";
  std::string first =
      submit({{"action", "exec"},
              {"cmd", {"sh", "-c", "while [ ! -e " + gate.string() + " ]; do sleep 0.02; done"}}});
  std::string second = submit({{"action", "exec"}, {"cmd", {"true"}}});
  auto [status, job] =
      call(bhttp::verb::post, "/v1/jobs/" + second + "/cancel", "x-token-0123456789");
  EXPECT_EQ(status, 200u);
  EXPECT_EQ(job["status"], "Error");
  EXPECT_EQ(job["message"], "cancelled");
  auto [status2, running] =
      call(bhttp::verb::post, "/v1/jobs/" + first + "/cancel", "x-token-0123456789");
  EXPECT_EQ(status2, 200u);
  json ended = waitJob(first);
  EXPECT_EQ(ended["status"], "Error");
  EXPECT_EQ(ended["message"], "cancelled");
}

TEST_F(AgentTest, TheJobLogListsNewestFirst) {
  std::string a = submit({{"action", "exec"}, {"cmd", {"true"}}, {"queue", "q1"}});
  std::string b = submit({{"action", "exec"}, {"cmd", {"true"}}, {"queue", "q2"}});
  waitJob(a);
  waitJob(b);
  auto [status, list] = call(bhttp::verb::get, "/v1/jobs?limit=1", "r-token-0123456789");
  ASSERT_EQ(list["jobs"].size(), 1u);
  EXPECT_EQ(list["jobs"][0]["id"], b);
  auto [status2, q1] = call(bhttp::verb::get, "/v1/jobs?queue=q1", "r-token-0123456789");
  ASSERT_EQ(q1["jobs"].size(), 1u);
  EXPECT_EQ(q1["jobs"][0]["id"], a);
}

TEST_F(AgentTest, MetadataMergesAndPersists) {
  const std::string admin = "a-token-0123456789";
  call(bhttp::verb::patch, "/v1/metadata", admin, R"({"a":1,"b":{"c":2,"d":3}})");
  auto [status, merged] =
      call(bhttp::verb::patch, "/v1/metadata", admin, R"({"a":null,"b":{"c":5}})");
  EXPECT_EQ(status, 200u);
  EXPECT_EQ(merged, json::parse(R"({"b":{"c":5,"d":3}})"));
  EXPECT_EQ(call(bhttp::verb::get, "/v1/metadata", "r-token-0123456789").second, merged);
  EXPECT_EQ(log_->metadata(), merged);
  EXPECT_EQ(call(bhttp::verb::patch, "/v1/metadata", admin, "[1]").first, 400u);
}

TEST_F(AgentTest, FilesAreWrittenAtomicallyAndStatted) {
  const std::string run = "x-token-0123456789";
  std::string path = (dir_ / "sub" / "motd").string();
  auto [status, put] =
      call(bhttp::verb::put, "/v1/files?path=" + path + "&mode=0640", run, "hello\n");
  EXPECT_EQ(status, 200u) << put.dump();
  EXPECT_EQ(put["mode"], "0640");
  EXPECT_EQ(put["size"], 6);
  EXPECT_EQ(put["sha256"], "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03");
  EXPECT_EQ(readAll(path), "hello\n");
  auto [status2, stat] = call(bhttp::verb::get, "/v1/files?path=" + path, "r-token-0123456789");
  EXPECT_EQ(stat["type"], "file");
  EXPECT_EQ(stat["exists"], true);
  auto [status3, none] =
      call(bhttp::verb::get, "/v1/files?path=" + path + ".nope", "r-token-0123456789");
  EXPECT_EQ(status3, 200u);
  EXPECT_EQ(none["exists"], false);
  auto [status4, removed] = call(bhttp::verb::delete_, "/v1/files?path=" + path, run);
  EXPECT_EQ(removed["removed"], true);
  EXPECT_FALSE(fs::exists(path));
  EXPECT_EQ(call(bhttp::verb::get, "/v1/files?path=relative", run).first, 400u);
  EXPECT_EQ(call(bhttp::verb::get, "/v1/files?path=/etc/../etc/passwd", run).first, 400u);
  EXPECT_EQ(call(bhttp::verb::put, "/v1/files?path=/tmp/x&mode=999", run).first, 400u);
  EXPECT_EQ(call(bhttp::verb::put, "/v1/files?path=/tmp/x&owner=no-such-user-here", run).first,
            400u);
}

TEST_F(AgentTest, FileContentIsReadWithTheRunScopeUpToItsLimit) {
  const std::string run = "x-token-0123456789";
  std::string path = (dir_ / "conf").string();
  call(bhttp::verb::put, "/v1/files?path=" + path, run, std::string("a\0b\n", 4));
  auto [status, read] = call(bhttp::verb::get, "/v1/files/content?path=" + path, run);
  EXPECT_EQ(status, 200u) << read.dump();
  EXPECT_EQ(read["regular"], true);
  EXPECT_EQ(read["content_base64"], "YQBiCg==");  // bytes, NUL included
  auto [status2, large] = call(bhttp::verb::get, "/v1/files/content?path=" + path + "&max=3", run);
  EXPECT_EQ(status2, 200u);
  EXPECT_EQ(large["too_large"], true);
  EXPECT_FALSE(large.contains("content_base64"));
  auto [status3, none] = call(bhttp::verb::get, "/v1/files/content?path=" + path + ".nope", run);
  EXPECT_EQ(none["regular"], false);
  // More than a digest: a read token may not.
  EXPECT_EQ(call(bhttp::verb::get, "/v1/files/content?path=" + path, "r-token-0123456789").first,
            403u);
  EXPECT_EQ(call(bhttp::verb::get, "/v1/files/content?path=" + path + "&max=x", run).first, 400u);
}

TEST_F(AgentTest, TheAuditLogNamesTokensNeverShowsThem) {
  call(bhttp::verb::get, "/v1/info", "r-token-0123456789");
  call(bhttp::verb::get, "/v1/info", "wrong-token");
  submit({{"action", "exec"}, {"cmd", {"true"}}, {"env", {{"SECRET", "s3cr3t"}}}});
  std::string log = readAll(dir_ / "audit.log");
  EXPECT_EQ(log.find("r-token"), std::string::npos);
  EXPECT_EQ(log.find("wrong-token"), std::string::npos);
  EXPECT_EQ(log.find("s3cr3t"), std::string::npos);
  std::istringstream lines(log);
  std::string line;
  std::vector<json> entries;
  while (std::getline(lines, line)) entries.push_back(json::parse(line));
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0]["token"], "reader");
  EXPECT_EQ(entries[0]["route"], "/v1/info");
  EXPECT_EQ(entries[0]["status"], 200);
  EXPECT_TRUE(entries[1]["token"].is_null());
  EXPECT_EQ(entries[1]["result"], "unauthorized");
  EXPECT_EQ(entries[2]["result"], "queued");
  EXPECT_FALSE(entries[2]["job"].get<std::string>().empty());
  EXPECT_EQ(entries[2]["peer"], "127.0.0.1:40000");
}

TEST_F(AgentTest, MetricsAreInPrometheusText) {
  auto exchange = send(bhttp::verb::get, "/v1/metrics", "r-token-0123456789");
  ASSERT_TRUE(exchange->wait());
  std::string text = exchange->body();
  EXPECT_NE(text.find("magicc_agent_jobs{status=\"Running\"} 0"), std::string::npos) << text;
  EXPECT_NE(text.find("magicc_agent_request_duration_seconds_bucket"), std::string::npos);
  EXPECT_NE(text.find("magicc_agent_open_connections"), std::string::npos);
}

class ConfinedAgentTest : public AgentTest {
 protected:
  static AgentConfig confined() {
    AgentConfig config;
    config.filesUnder = "/srv/magicc-test";
    config.tags = {"web"};
    config.facts = {{"rack", "r1"}, {"os.id", "configured"}};
    return config;
  }
  ConfinedAgentTest() : AgentTest(confined()) {}
};

TEST_F(ConfinedAgentTest, FilesOutsideTheDirectoryAreForbidden) {
  EXPECT_EQ(call(bhttp::verb::get, "/v1/files?path=/etc/passwd", "x-token-0123456789").first, 403u);
  EXPECT_EQ(call(bhttp::verb::get, "/v1/files?path=/srv/magicc-testx", "x-token-0123456789").first,
            403u);
  auto [status, info] = call(bhttp::verb::get, "/v1/info", "r-token-0123456789");
  EXPECT_EQ(info["tags"], json::array({"web"}));
  EXPECT_EQ(info["facts"]["rack"], "r1");
  EXPECT_EQ(info["facts"]["os.id"], "configured");  // configured facts win
}

TEST(JobLogTest, ARestartTurnsUnfinishedJobsIntoErrors) {
  fs::path dir = tempDir();
  std::int64_t running = 0, queued = 0, done = 0;
  {
    JobLog log(dir.string());
    JobRecord a;
    a.status = kComplete;
    done = log.add(a);
    JobRecord b;
    b.status = kRunning;
    running = log.add(b);
    JobRecord c;
    queued = log.add(c);
  }
  JobLog again(dir.string());
  EXPECT_EQ(again.find(running)->status, "Error");
  EXPECT_EQ(again.find(running)->message, "agent restarted");
  EXPECT_EQ(again.find(queued)->status, "Error");
  EXPECT_EQ(again.find(done)->status, "Complete");
  fs::remove_all(dir);
}

TEST(JobLogTest, KeepsTheLastJobsAndTheirOutput) {
  fs::path dir = tempDir();
  JobLog log(dir.string(), 3);
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 5; ++i) {
    JobRecord job;
    job.status = kComplete;
    ids.push_back(log.add(job));
    std::ofstream(log.outputPath(ids.back())) << "x";
  }
  EXPECT_FALSE(log.find(ids[0]));
  EXPECT_FALSE(log.find(ids[1]));
  EXPECT_FALSE(fs::exists(log.outputPath(ids[0])));
  EXPECT_TRUE(log.find(ids[2]));
  EXPECT_EQ(log.latest(10).size(), 3u);
  fs::remove_all(dir);
}

TEST(AgentConfigTest, ParsesEveryKey) {
  std::string error;
  auto config = parseAgentConfig(
      "tags: [web, eu]\nfacts:\n  rack: r12\n  tier: 2\n  quoted: \"2\"\n"
      "services:\n  guests: http://127.0.0.1:9/rpc\n  storage:\n    url: http://h:1/\n"
      "    timeout: 10s\nfiles_under: /srv/\nmax_body: 1MiB\nheader_timeout: 2s\n"
      "body_timeout: 5s\nidle_timeout: 1m\nmax_connections: 100\n",
      error);
  ASSERT_TRUE(config) << error;
  EXPECT_EQ(config->tags, (std::vector<std::string>{"web", "eu"}));
  EXPECT_EQ(config->facts["tier"], 2);
  EXPECT_EQ(config->facts["quoted"], "2");
  EXPECT_EQ(config->services["storage"].timeout, std::chrono::seconds(10));
  EXPECT_EQ(config->filesUnder, "/srv");
  EXPECT_EQ(config->maxBody, 1u << 20);
  EXPECT_EQ(config->headerTimeout, std::chrono::seconds(2));
  EXPECT_EQ(config->bodyTimeout, std::chrono::seconds(5));
  EXPECT_EQ(config->idleTimeout, std::chrono::minutes(1));
  EXPECT_EQ(config->maxConnections, 100u);
  EXPECT_FALSE(parseAgentConfig("max_connections: lots\n", error));
  EXPECT_EQ(error, "line 1: max_connections must be a positive number");
  EXPECT_FALSE(parseAgentConfig("colour: red\n", error));
  EXPECT_EQ(error, "line 1: unknown key 'colour'");
  EXPECT_FALSE(parseAgentConfig("services:\n  x: ftp://h/\n", error));
  EXPECT_NE(error.find("line 2"), std::string::npos);
}

TEST(AgentConfigTest, Durations) {
  EXPECT_EQ(parseDuration("90s"), std::chrono::seconds(90));
  EXPECT_EQ(parseDuration("1h30m"), std::chrono::minutes(90));
  EXPECT_EQ(parseDuration("250ms"), std::chrono::milliseconds(250));
  EXPECT_EQ(parseDuration("5"), std::chrono::seconds(5));
  EXPECT_FALSE(parseDuration("soon"));
  EXPECT_FALSE(parseDuration(""));
  EXPECT_FALSE(parseDuration("5 m"));
}

TEST(FactsTest, OsReleaseGivesTheOsAndItsVersion) {
  json facts = osReleaseFacts(
      "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\n"
      "VERSION_ID=\"12\"\n");
  EXPECT_EQ(facts["os.id"], "debian");
  EXPECT_EQ(facts["os.debian"], true);
  EXPECT_EQ(facts["os.version"], "12");
  EXPECT_EQ(facts["os.name"], "Debian GNU/Linux 12 (bookworm)");
  json detected = detectFacts();
  EXPECT_GT(detected["cpus"].get<long>(), 0);
  EXPECT_GT(detected["memory_bytes"].get<long long>(), 0);
  EXPECT_FALSE(detected["kernel"].get<std::string>().empty());
}

TEST(FilesTest, PathsMustBeAbsoluteAndPlain) {
  bool outside = false;
  EXPECT_EQ(checkFilePath("/srv/a", "", outside), "");
  EXPECT_NE(checkFilePath("srv/a", "", outside), "");
  EXPECT_NE(checkFilePath("/srv/./a", "", outside), "");
  EXPECT_NE(checkFilePath("/srv/a/..", "", outside), "");
  EXPECT_NE(checkFilePath(std::string("/srv/\0a", 7), "", outside), "");
  EXPECT_EQ(checkFilePath("/srv/a", "/srv", outside), "");
  EXPECT_NE(checkFilePath("/srv", "/srv", outside), "");
  EXPECT_TRUE(outside);
  EXPECT_EQ(parseMode("0755"), 0755u);
  EXPECT_FALSE(parseMode("8"));
  EXPECT_FALSE(parseMode("17777"));
}

}  // namespace
}  // namespace magicc::agent
