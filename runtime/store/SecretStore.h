// Where secrets that must persist live (generated passwords, secret outputs
// a resumed run needs): a SQLite file of mode 0600 holding each value sealed
// with libsodium's secretbox (XSalsa20-Poly1305, a fresh nonce per value)
// under a 32-byte key kept in its own file of mode 0600. Nothing else magicc
// writes ever holds a secret in clear.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "store/Sqlite.h"

namespace magicc::store {

class SecretStore {
 public:
  // Opens the store in `dir` (secrets.db and secret.key), creating both when
  // `create` is set; nullptr when absent and not created. Throws
  // std::runtime_error on a key file that others can read, or a broken store.
  static std::unique_ptr<SecretStore> open(const std::string& dir, bool create);

  std::optional<std::string> get(const std::string& key);
  void put(const std::string& key, const std::string& value);
  void remove(const std::string& key);

 private:
  SecretStore(std::unique_ptr<Database> db, std::string key);
  std::unique_ptr<Database> db_;
  std::string key_;
};

}  // namespace magicc::store
