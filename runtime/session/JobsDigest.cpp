#include "session/JobsDigest.h"

#include <algorithm>

#include "resources/LocalFile.h"

namespace magicc::runtime {

std::string jobsDigest(const RunProgram& program) {
  // Everything that decides what a job does, but no secret (a hash of a
  // short secret could be guessed back).
  std::string text;
  auto field = [&](const std::string& s) {
    text += std::to_string(s.size());
    text += ':';
    text += s;
  };
  for (const Job& job : program.jobs) {
    field(job.target);
    field(job.name);
    field(std::to_string(static_cast<int>(job.kind)));
    field(job.command);
    for (const auto& [k, v] : job.env) field(k + "=" + v);
    field(std::to_string(job.retries) + "/" + std::to_string(job.timeout.count()) + "/" +
          std::to_string(job.stage) + "/" + std::to_string(job.sudo));
    if (job.resource < 0) continue;
    const ResourceSpec& spec = program.resources[job.resource];
    field(spec.kind);
    for (const auto& [k, v] : spec.inputs) {
      bool secret = std::find(spec.secretInputs.begin(), spec.secretInputs.end(), k) !=
                    spec.secretInputs.end();
      field(k + "=" + (secret ? std::string("(sensitive)") : v));
    }
    for (const auto& [k, v] : spec.scope) field(k + "=" + v);
  }
  return "sha256:" + sha256Hex(text);
}

}  // namespace magicc::runtime
