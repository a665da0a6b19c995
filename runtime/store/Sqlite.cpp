#include "store/Sqlite.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace magicc::store {

namespace {

// Why a database cannot be opened or written: the file, or else its
// directory, as the system sees it (a read-only file system, a permission).
// SQLite's last errno is often its fallback's (a read-only open's ENOENT).
int whyNotWritable(sqlite3* db, const char* file, int sys) {
  // After a failed open the connection has no file name: the caller's.
  if (!file && db) file = sqlite3_db_filename(db, "main");
  if (!file || !*file) return sys;
  std::string path(file);
  if (::access(path.c_str(), F_OK) == 0)
    return ::access(path.c_str(), R_OK | W_OK) == 0 ? sys : errno;
  std::string::size_type slash = path.rfind('/');
  std::string dir = slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
  return ::access(dir.c_str(), W_OK | X_OK) == 0 ? sys : errno;
}

// SQLite's error as an exception: a full disk and an I/O error say so with
// the system's reason (SQLite's own words, "database or disk is full" and
// "disk I/O error", would send an operator looking in the wrong place).
SqliteError errorOf(sqlite3* db, int rc, const char* file = nullptr) {
  int code = db ? sqlite3_extended_errcode(db) : rc;
  if ((code & 0xff) != (rc & 0xff)) code = rc;
  std::string why = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  int sys = db ? sqlite3_system_errno(db) : 0;
  if ((code & 0xff) == SQLITE_FULL || sys == ENOSPC || sys == EDQUOT)
    why = "no space left on device";
  else if ((code & 0xff) == SQLITE_IOERR && sys != 0)
    why = "I/O error: " + std::string(std::strerror(sys));
  else if ((code & 0xff) == SQLITE_CANTOPEN || (code & 0xff) == SQLITE_READONLY)
    if (int reason = whyNotWritable(db, file, sys); reason != 0)
      why += ": " + std::string(std::strerror(reason));
  return SqliteError(code, why);
}

}  // namespace

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
  if (int rc = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr);
      rc != SQLITE_OK)
    throw errorOf(db, rc);
}

Statement::~Statement() {
  sqlite3_finalize(stmt_);
}

Statement& Statement::bind(int index, std::string_view text) {
  sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  return *this;
}
Statement& Statement::bind(int index, std::int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
  return *this;
}
Statement& Statement::bind(int index, double value) {
  sqlite3_bind_double(stmt_, index, value);
  return *this;
}
Statement& Statement::bindBlob(int index, const void* data, std::size_t size) {
  sqlite3_bind_blob(stmt_, index, data, static_cast<int>(size), SQLITE_TRANSIENT);
  return *this;
}
Statement& Statement::bindNull(int index) {
  sqlite3_bind_null(stmt_, index);
  return *this;
}

bool Statement::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  SqliteError error = errorOf(db_, rc);
  sqlite3_reset(stmt_);
  throw error;
}

void Statement::run() {
  while (step()) {
  }
  reset();
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::string Statement::text(int column) const {
  const unsigned char* t = sqlite3_column_text(stmt_, column);
  return t ? std::string(reinterpret_cast<const char*>(t),
                         static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)))
           : std::string();
}
std::int64_t Statement::integer(int column) const {
  return sqlite3_column_int64(stmt_, column);
}
double Statement::real(int column) const {
  return sqlite3_column_double(stmt_, column);
}
std::string Statement::blob(int column) const {
  const void* b = sqlite3_column_blob(stmt_, column);
  return b ? std::string(static_cast<const char*>(b),
                         static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)))
           : std::string();
}
bool Statement::isNull(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

Database::Database(const std::string& path, bool readOnly) {
  int flags = readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  flags |= SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_NOFOLLOW;
  if (int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr); rc != SQLITE_OK) {
    SqliteError error = errorOf(db_, rc, path.c_str());
    sqlite3_close(db_);
    db_ = nullptr;
    throw error;
  }
  sqlite3_busy_timeout(db_, 5000);
}

Database::~Database() {
  sqlite3_close(db_);
}

void Database::exec(std::string_view sql) {
  char* error = nullptr;
  if (int rc = sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &error);
      rc != SQLITE_OK) {
    sqlite3_free(error);
    throw errorOf(db_, rc);
  }
}

}  // namespace magicc::store
