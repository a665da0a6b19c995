// A pool of libpq connections to one PostgreSQL database: a request borrows
// one for a statement or a transaction and gives it back; a broken
// connection is reset before it is lent again.
#pragma once

#include <libpq-fe.h>

#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace magicc::serve {

// One result, cleared when it goes.
class PgResult {
 public:
  explicit PgResult(PGresult* result) : result_(result) {}
  ~PgResult() { PQclear(result_); }
  PgResult(PgResult&& other) noexcept : result_(other.result_) { other.result_ = nullptr; }
  PgResult(const PgResult&) = delete;
  PgResult& operator=(const PgResult&) = delete;
  ExecStatusType status() const { return PQresultStatus(result_); }
  int rows() const { return PQntuples(result_); }
  std::string text(int row, int column) const { return PQgetvalue(result_, row, column); }
  bool isNull(int row, int column) const { return PQgetisnull(result_, row, column); }

 private:
  PGresult* result_;
};

class PgConnectionPool {
 public:
  // Connects the first connection at once (StoreError when it cannot);
  // the others on demand, up to `size`.
  PgConnectionPool(std::string conninfo, std::size_t size);
  ~PgConnectionPool();

  class Lease {
   public:
    Lease(PgConnectionPool& pool, PGconn* conn) : pool_(pool), conn_(conn) {}
    ~Lease() { pool_.giveBack(conn_); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    // Runs one statement with text parameters; throws StoreError on failure.
    PgResult exec(const std::string& sql, const std::vector<std::string>& params = {});

   private:
    PgConnectionPool& pool_;
    PGconn* conn_;
  };
  Lease borrow();

  // A new connection outside the pool (the listener's); throws StoreError.
  PGconn* connect();
  const std::string& conninfo() const { return conninfo_; }

 private:
  void giveBack(PGconn* conn);
  std::string conninfo_;
  std::size_t size_;
  std::size_t open_ = 0;
  std::vector<PGconn*> idle_;
  std::mutex mutex_;
  std::condition_variable returned_;
};

}  // namespace magicc::serve
