// Where `magicc serve` keeps make-magic tasks: each task's metadata and its
// items as JSON objects. Every guarded change is one conditional statement
// in the store (never read-then-write), so several servers may share one
// store (PostgreSQL) and two workers never both win one item.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace magicc::serve {

using Json = nlohmann::ordered_json;

inline constexpr const char* kTaskComplete = "TaskComplete";

// A store that failed (I/O, a lost connection): the server answers 503.
struct StoreError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A new task: its items as make-magic shows them (name, state, depends,
// description, run) and its metadata.
struct NewTask {
  std::string uuid;
  std::vector<Json> items;
  Json metadata;
};

// Which items a claim may take.
struct ClaimFilter {
  std::vector<std::string> only;  // these names only, when given
  bool withCommand = false;       // only items with a `run` command (what `magicc work` runs)
};

class TaskStore {
 public:
  virtual ~TaskStore() = default;

  // Task uuids, oldest first.
  virtual std::vector<std::string> tasks() = 0;
  virtual void create(const NewTask& task) = 0;
  // {"items": [...], "metadata": {...}}; nothing when there is no such task.
  virtual std::optional<Json> task(const std::string& uuid) = 0;
  // False when there was no such task.
  virtual bool remove(const std::string& uuid) = 0;
  virtual std::optional<Json> metadata(const std::string& uuid) = 0;
  // Sets each field of `fields` (a shallow merge); the metadata after.
  virtual std::optional<Json> updateMetadata(const std::string& uuid, const Json& fields) = 0;
  virtual std::optional<Json> item(const std::string& uuid, const std::string& name) = 0;
  // Sets each field of `fields` when every field of `onlyif` equals the
  // item's (a missing field equals null): one conditional UPDATE. Returns
  // the item as it stands after the attempt; nothing when there is no such
  // item.
  virtual std::optional<Json> updateItem(const std::string& uuid, const std::string& name,
                                         const Json& fields, const Json& onlyif) = 0;
  // Marks TaskComplete COMPLETE once every dependency is, then lists the
  // INCOMPLETE items whose dependencies are all COMPLETE. Nothing when
  // there is no such task.
  virtual std::optional<std::vector<Json>> available(const std::string& uuid) = 0;
  // Claims the first available item that `filter` lets through (never
  // TaskComplete) in one statement: IN_PROGRESS, `_change_state_token` set to
  // `token`. Nothing claimed: null. No such task: nothing.
  virtual std::optional<Json> claim(const std::string& uuid, const Json& token,
                                    const ClaimFilter& filter) = 0;

  // Called (on any thread) with a task's uuid after it changed, here or, on
  // a shared store, in another server. Set once, before serving.
  virtual void onChange(std::function<void(const std::string& uuid)> changed) = 0;
  // "sqlite" or "postgresql", for /metrics and logs.
  virtual std::string kind() const = 0;
};

}  // namespace magicc::serve
