// A resource's outputs are part of its state. A sender that is in state this
// run may say nothing (an exec whose `creates` exists, a user kind whose
// check: prints nothing): its receivers then get the value it gave when it
// last acted, kept here, never an empty guess.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "program/Job.h"

namespace magicc::store {
class SecretStore;
}

namespace magicc::runtime {

class OutputMemory {
 public:
  // `scope` keeps programs that share a state directory apart (the
  // program's path); only outputs some job receives are kept. Values are
  // kept sealed in the secret store, secret or not.
  OutputMemory(store::SecretStore& store, std::string scope, const std::vector<Job>& jobs);

  // The outputs `job` gave when it last produced them, for those it lacks in `outs`.
  void fillIn(const Job& job, Values& outs);
  // Keeps what `job` gave this run (the received outputs only).
  void remember(const Job& job, const Values& outs);

 private:
  std::string key(const Job& job, const std::string& output) const;
  // The outputs of `job` (one of the run's jobs) that someone receives.
  const std::set<std::string>* receivedOf(const Job& job) const;

  store::SecretStore& store_;
  std::string scope_;
  // Per job (target, name, foreach element): its outputs someone receives.
  std::map<std::string, std::set<std::string>> received_;
};

}  // namespace magicc::runtime
