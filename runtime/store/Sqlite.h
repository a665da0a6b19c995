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
  // `code`: SQLite's (extended) result code. The message says what happened
  // in plain words: a full disk as "no space left on device", an I/O error
  // with the system's reason.
  SqliteError(int resultCode, const std::string& message)
      : std::runtime_error(message), code(resultCode) {}
  int code;
  bool diskFull() const { return (code & 0xff) == SQLITE_FULL; }  // or an I/O error ENOSPC
  bool ioError() const { return (code & 0xff) == SQLITE_IOERR; }
  // The file is not a database (or a damaged one).
  bool notDatabase() const {
    return (code & 0xff) == SQLITE_NOTADB || (code & 0xff) == SQLITE_CORRUPT;
  }
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
  double real(int column) const;
  std::string blob(int column) const;
  bool isNull(int column) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

class Database {
 public:
  // Opens (or creates) the file, never through a symbolic link
  // (SQLITE_OPEN_NOFOLLOW: give a path without links); throws SqliteError
  // with the reason.
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
