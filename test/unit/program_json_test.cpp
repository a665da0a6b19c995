// A RunProgram survives JSON both ways (a worker or an agent is sent one),
// and what is not a program is refused with a reason, never trusted.
#include "program/ProgramJson.h"

#include <gtest/gtest.h>

#include <string>

namespace magicc::runtime {
namespace {

RunProgram sample() {
  RunProgram p;
  Job gen;
  gen.name = "gen";
  gen.target = "web1";
  gen.kind = JobKind::Resource;
  gen.resource = 0;
  gen.retries = 2;
  gen.retryDelay = std::chrono::milliseconds(1500);
  gen.timeout = std::chrono::milliseconds(30000);
  gen.stage = 0;
  gen.host = 3;
  gen.each = "eu-1";
  gen.sudo = true;
  gen.successors = {1};
  Job conf;
  conf.name = "conf";
  conf.target = "web1";
  conf.kind = JobKind::Command;
  conf.command = "sh -c 'echo \"${MAGICC_ARG_0}\"'";
  conf.env = {{"MAGICC_ARG_0", "caf\xc3\xa9 \n\"quoted\""}};
  conf.receives = {{"content", 0, "stdout"}};
  conf.refreshFrom = {0};
  conf.hidden = true;
  p.jobs = {gen, conf};
  ResourceSpec spec;
  spec.kind = "exec";
  spec.inputs = {{"creates", "/var/lib/app/generated"}};
  spec.scope = {{"host.name", "web1"}};
  spec.secretOutputs = {"stdout"};
  spec.command.parts = {{false, "touch "}, {true, "creates"}};
  p.resources = {spec};
  p.stages = {{"deploy", 4, 8, 2, true, false}};
  p.limits = {{3, 1, 2}};
  p.secrets = {"s3cr3t-value"};
  return p;
}

TEST(ProgramJson, RoundTripKeepsEveryField) {
  std::string error;
  std::string text = programToJson(sample());
  auto back = programFromJson(text, error);
  ASSERT_TRUE(back) << error;
  EXPECT_EQ(programToJson(*back), text);
  ASSERT_EQ(back->jobs.size(), 2u);
  const Job& conf = back->jobs[1];
  EXPECT_EQ(conf.env.at(0).second, "caf\xc3\xa9 \n\"quoted\"");
  EXPECT_EQ(conf.receives.at(0).output, "stdout");
  EXPECT_EQ(conf.predecessors, 1u);  // recomputed from the edges
  EXPECT_TRUE(conf.hidden);
  EXPECT_EQ(back->jobs[0].retryDelay.count(), 1500);
  EXPECT_EQ(back->jobs[0].each, "eu-1");
  EXPECT_EQ(back->resources.at(0).command.parts.at(1).reference, true);
  EXPECT_EQ(back->limits.at(0).perHost, 1u);
  EXPECT_EQ(back->stages.at(0).batch, 2);
}

TEST(ProgramJson, RefusesWhatIsNotAProgram) {
  std::string error;
  EXPECT_FALSE(programFromJson("not json", error));
  EXPECT_FALSE(programFromJson("{\"format\": 2}", error));
  EXPECT_NE(error.find("format"), std::string::npos);
  // An edge to a job that does not exist.
  std::string text = programToJson(sample());
  std::string broken = text;
  broken.replace(broken.find("\"successors\":[1]"), 16, "\"successors\":[9]");
  EXPECT_FALSE(programFromJson(broken, error));
  EXPECT_NE(error.find("successor out of range"), std::string::npos) << error;
  // A resource job without its resource.
  broken = text;
  broken.replace(broken.find("\"resource\":0"), 12, "\"resource\":5");
  EXPECT_FALSE(programFromJson(broken, error));
  EXPECT_NE(error.find("names no resource"), std::string::npos) << error;
}

TEST(ProgramJson, DeepNestingIsRefusedWhileParsing) {
  std::string error;
  std::string deep =
      "{\"format\":1,\"jobs\":" + std::string(100000, '[') + std::string(100000, ']') + "}";
  EXPECT_FALSE(programFromJson(deep, error));
  EXPECT_NE(error.find("nested deeper"), std::string::npos) << error;
}

}  // namespace
}  // namespace magicc::runtime
