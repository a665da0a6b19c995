// The task store in PostgreSQL, shared by any number of `magicc serve`
// processes: a connection pool, the schema migrated on first start under an
// advisory lock, claims with FOR UPDATE SKIP LOCKED, and every change
// announced with NOTIFY so that each server's long polls wake up.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <thread>

#include "serve/PgConnectionPool.h"
#include "serve/TaskStore.h"

namespace magicc::serve {

class PostgresTaskStore : public TaskStore {
 public:
  // `conninfo`: a libpq connection string or URI (postgresql://...).
  // Throws StoreError when it cannot connect or migrate.
  PostgresTaskStore(const std::string& conninfo, std::size_t connections);
  ~PostgresTaskStore() override;

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
  std::string kind() const override { return "postgresql"; }

 private:
  void listen();
  PgConnectionPool pool_;
  std::function<void(const std::string&)> changed_;
  std::atomic<bool> stopping_{false};
  std::thread listener_;
};

}  // namespace magicc::serve
