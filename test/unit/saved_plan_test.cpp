// A saved plan's checksum and what counts as a runnable plan file.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "plan/PlanFile.h"
#include "plan/SavedPlan.h"
#include "support/Digest.h"

namespace magicc::plan {
namespace {

TEST(SavedPlan, ChecksumIgnoresItselfAndSeesEveryEdit) {
  Json doc = {{"version", 1}, {"invocation", {{"defines", {"who=ops"}}}}};
  std::string sum = planChecksum(doc);
  EXPECT_EQ(sum.rfind("sha256:", 0), 0u);
  EXPECT_EQ(sum.size(), 7u + 64u);
  doc["checksum"] = sum;
  EXPECT_EQ(planChecksum(doc), sum);
  doc["invocation"]["defines"][0] = "who=root";
  EXPECT_NE(planChecksum(doc), sum);
}

TEST(SavedPlan, Sha256IsTheKnownDigest) {
  EXPECT_EQ(support::sha256Tagged("abc"),
            "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(SavedPlan, APlanFileIsKnownByItsContentWhateverItsName) {
  std::string dir = ::testing::TempDir();
  std::string plan = dir + "/magicc_myplan", program = dir + "/magicc_prog";
  std::ofstream(plan) << "\n  {\"version\": 1}";
  std::ofstream(program) << "item a {}\n";
  EXPECT_TRUE(isPlanFile(plan));
  EXPECT_FALSE(isPlanFile(program));
  EXPECT_TRUE(isPlanFile(dir + "/absent.json"));
  EXPECT_FALSE(isPlanFile(dir + "/absent.mm"));
  std::remove(plan.c_str());
  std::remove(program.c_str());
}

}  // namespace
}  // namespace magicc::plan
