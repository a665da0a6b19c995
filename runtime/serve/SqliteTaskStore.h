// The task store in one SQLite file (WAL): one connection behind a mutex.
// SQLite runs one writer at a time anyway; one connection with its
// statements prepared once is the fastest way to claim (docs/performance.md).
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "serve/TaskStore.h"

namespace magicc::serve {

class SqliteTaskStore : public TaskStore {
 public:
  // Opens or creates the file and brings its schema up to date; throws
  // StoreError saying why not.
  explicit SqliteTaskStore(const std::string& path);
  ~SqliteTaskStore() override;

  std::vector<std::string> tasks() override;
  void create(const NewTask& task) override;
  std::optional<Json> task(const std::string& uuid) override;
  bool remove(const std::string& uuid) override;
  std::optional<Json> metadata(const std::string& uuid) override;
  std::optional<Json> updateMetadata(const std::string& uuid, const Json& fields) override;
  std::optional<Json> item(const std::string& uuid, const std::string& name) override;
  std::optional<Json> updateItem(const std::string& uuid, const std::string& name,
                                 const Json& fields, const Json& onlyif) override;
  std::optional<std::vector<Json>> available(const std::string& uuid) override;
  std::optional<Json> claim(const std::string& uuid, const Json& token,
                            const ClaimFilter& filter) override;
  void onChange(std::function<void(const std::string& uuid)> changed) override;
  std::string kind() const override { return "sqlite"; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::mutex mutex_;
  std::function<void(const std::string&)> changed_;
  void notify(const std::string& uuid);
};

}  // namespace magicc::serve
