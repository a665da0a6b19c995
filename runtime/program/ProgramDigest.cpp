#include "program/ProgramDigest.h"

#include <sodium.h>

#include <algorithm>

namespace magicc::runtime {

namespace {

std::string sha256Hex(const std::string& data) {
  unsigned char hash[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(hash, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char b : hash) {
    out += kHex[b >> 4];
    out += kHex[b & 15];
  }
  return out;
}

}  // namespace

std::string digestOf(const RunProgram& program) {
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
    field(job.method);
    field(job.args);
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
