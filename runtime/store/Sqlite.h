// A thin RAII layer over the SQLite C API: a connection, prepared statements
// with positional binds, and errors as exceptions carrying SQLite's message.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace magicc::store {

struct SqliteError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, double value);
  Statement& bindBlob(int index, const void* data, std::size_t size);
  Statement& bindNull(int index);
  // One step: true while there is a row to read.
  bool step();
  // Steps to the end and resets, for statements without rows.
  void run();
  void reset();
  std::string text(int column) const;
  std::int64_t integer(int column) const;
  std::string blob(int column) const;
  bool isNull(int column) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

class Database {
 public:
  // Opens (or creates) the file; throws SqliteError with the reason.
  explicit Database(const std::string& path, bool readOnly = false);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  void exec(std::string_view sql);
  sqlite3* handle() const { return db_; }

 private:
  sqlite3* db_ = nullptr;
};

}  // namespace magicc::store
