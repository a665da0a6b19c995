#include "resources/OutputMemory.h"

#include "store/SecretStore.h"

namespace magicc::runtime {

namespace {

std::string identity(const Job& job) {
  return job.target + '\0' + job.name + '\0' + job.each;
}

}  // namespace

OutputMemory::OutputMemory(store::SecretStore& store, std::string scope,
                           const std::vector<Job>& jobs)
    : store_(store), scope_(std::move(scope)) {
  for (const Job& job : jobs)
    for (const Receive& r : job.receives)
      if (r.from < jobs.size()) received_[identity(jobs[r.from])].insert(r.output);
}

std::string OutputMemory::key(const Job& job, const std::string& output) const {
  // Lengths first: no name can make two keys collide.
  return "outputs/" + std::to_string(scope_.size()) + ":" + scope_ + "/" +
         std::to_string(job.target.size()) + ":" + job.target + "/" +
         std::to_string(job.name.size()) + ":" + job.name + "/" + std::to_string(job.each.size()) +
         ":" + job.each + "/" + output;
}

const std::set<std::string>* OutputMemory::receivedOf(const Job& job) const {
  auto it = received_.find(identity(job));
  return it == received_.end() ? nullptr : &it->second;
}

void OutputMemory::fillIn(const Job& job, Values& outs) {
  const auto* wanted = receivedOf(job);
  if (!wanted) return;
  for (const std::string& name : *wanted) {
    bool present = false;
    for (const auto& [k, v] : outs) present = present || k == name;
    if (present) continue;
    if (auto value = store_.get(key(job, name))) outs.emplace_back(name, *value);
  }
}

void OutputMemory::remember(const Job& job, const Values& outs) {
  const auto* wanted = receivedOf(job);
  if (!wanted) return;
  for (const auto& [name, value] : outs) {
    if (!wanted->count(name)) continue;
    std::string k = key(job, name);
    if (store_.get(k) != value) store_.put(k, value);
  }
}

}  // namespace magicc::runtime
