#include "serve/PgConnectionPool.h"

#include "serve/TaskStore.h"

namespace magicc::serve {

namespace {

// libpq's message without the trailing newline.
std::string messageOf(PGconn* conn) {
  std::string m = conn ? PQerrorMessage(conn) : "out of memory";
  while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
  return m;
}

}  // namespace

PgConnectionPool::PgConnectionPool(std::string conninfo, std::size_t size)
    : conninfo_(std::move(conninfo)), size_(size == 0 ? 1 : size) {
  idle_.push_back(connect());
  open_ = 1;
}

PgConnectionPool::~PgConnectionPool() {
  for (PGconn* c : idle_) PQfinish(c);
}

PGconn* PgConnectionPool::connect() {
  PGconn* conn = PQconnectdb(conninfo_.c_str());
  if (!conn || PQstatus(conn) != CONNECTION_OK) {
    std::string why = messageOf(conn);
    PQfinish(conn);
    throw StoreError("task store (postgresql): cannot connect: " + why);
  }
  return conn;
}

PgConnectionPool::Lease PgConnectionPool::borrow() {
  std::unique_lock lock(mutex_);
  returned_.wait(lock, [&] { return !idle_.empty() || open_ < size_; });
  if (!idle_.empty()) {
    PGconn* conn = idle_.back();
    idle_.pop_back();
    lock.unlock();
    if (PQstatus(conn) != CONNECTION_OK) PQreset(conn);
    return Lease(*this, conn);
  }
  ++open_;
  lock.unlock();
  try {
    return Lease(*this, connect());
  } catch (...) {
    std::lock_guard again(mutex_);
    --open_;
    returned_.notify_one();
    throw;
  }
}

void PgConnectionPool::giveBack(PGconn* conn) {
  {
    std::lock_guard lock(mutex_);
    idle_.push_back(conn);
  }
  returned_.notify_one();
}

PgResult PgConnectionPool::Lease::exec(const std::string& sql,
                                       const std::vector<std::string>& params) {
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& p : params) values.push_back(p.c_str());
  // Without parameters, a script of several statements may run (migrations).
  PgResult result(params.empty() ? PQexec(conn_, sql.c_str())
                                 : PQexecParams(conn_, sql.c_str(), static_cast<int>(values.size()),
                                                nullptr, values.data(), nullptr, nullptr, 0));
  ExecStatusType status = result.status();
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    throw StoreError("task store (postgresql): " + messageOf(conn_));
  return result;
}

}  // namespace magicc::serve
