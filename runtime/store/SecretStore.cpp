#include "store/SecretStore.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>

#include "store/StateFiles.h"

namespace magicc::store {

namespace {

std::runtime_error failure(const std::string& what, const std::string& path) {
  return std::runtime_error(what + " '" + path + "': " + std::strerror(errno));
}

// Reads the key, or creates it (O_EXCL, 0600) when asked to.
std::optional<std::string> loadKey(const std::string& path, bool create) {
  // Another user's key (even 0600: they can read it) or a link is refused.
  checkStateFile(path);
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0 && errno == ENOENT) {
    if (!create) return std::nullopt;
    std::string key(crypto_secretbox_KEYBYTES, '\0');
    randombytes_buf(key.data(), key.size());
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) throw failure("cannot create the key file", path);
    bool written =
        ::write(fd, key.data(), key.size()) == static_cast<ssize_t>(key.size()) && ::fsync(fd) == 0;
    ::close(fd);
    sodium_memzero(key.data(), key.size());
    if (!written) throw failure("cannot write the key file", path);
  }
  int fd = openStateFile(path, O_RDONLY);  // what was opened is checked too
  if (fstat(fd, &st) != 0 || (st.st_mode & 077) != 0) {
    ::close(fd);
    throw std::runtime_error("the key file '" + path +
                             "' can be read by others; it must have mode 0600");
  }
  // Exactly a key's length: one byte more is a damaged (or foreign) file.
  std::string key(crypto_secretbox_KEYBYTES + 1, '\0');
  ssize_t n = ::read(fd, key.data(), key.size());
  ::close(fd);
  key.resize(crypto_secretbox_KEYBYTES);
  if (n != static_cast<ssize_t>(crypto_secretbox_KEYBYTES))
    throw std::runtime_error("the key file '" + path + "' is damaged");
  return key;
}

}  // namespace

std::unique_ptr<SecretStore> SecretStore::open(const std::string& dir, bool create) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  std::string storePath = dir + "/secrets.db";
  struct stat st {};
  if (!create && ::lstat(storePath.c_str(), &st) != 0) return nullptr;
  // The directory's rules hold for reading (--check) as for writing.
  prepareStateDir(dir, create);
  checkStateFile(storePath);
  checkStateFile(storePath + "-journal");
  auto key = loadKey(dir + "/secret.key", create);
  if (!key) return nullptr;
  // Created 0600 before SQLite opens it (its journal files copy the mode).
  ::close(openStateFile(storePath, O_RDWR | O_CREAT, 0600));
  // By its directory's real path: SQLITE_OPEN_NOFOLLOW refuses any link in it.
  std::error_code ec;
  std::filesystem::path real = std::filesystem::canonical(dir, ec);
  auto db = std::make_unique<Database>(ec ? storePath : (real / "secrets.db").string());
  db->exec(
      "CREATE TABLE IF NOT EXISTS secrets(key TEXT PRIMARY KEY, nonce BLOB NOT NULL, "
      "sealed BLOB NOT NULL)");
  return std::unique_ptr<SecretStore>(new SecretStore(std::move(db), std::move(*key)));
}

SecretStore::SecretStore(std::unique_ptr<Database> db, std::string key)
    : db_(std::move(db)), key_(std::move(key)) {}

std::optional<std::string> SecretStore::get(const std::string& key) {
  Statement q(db_->handle(), "SELECT nonce, sealed FROM secrets WHERE key = ?");
  q.bind(1, key);
  if (!q.step()) return std::nullopt;
  std::string nonce = q.blob(0), sealed = q.blob(1);
  if (nonce.size() != crypto_secretbox_NONCEBYTES || sealed.size() < crypto_secretbox_MACBYTES)
    throw std::runtime_error("the secret store entry '" + key + "' is damaged");
  std::string value(sealed.size() - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(value.data()),
                                 reinterpret_cast<const unsigned char*>(sealed.data()),
                                 sealed.size(),
                                 reinterpret_cast<const unsigned char*>(nonce.data()),
                                 reinterpret_cast<const unsigned char*>(key_.data())) != 0)
    throw std::runtime_error("the secret store entry '" + key +
                             "' does not open with this key file");
  return value;
}

void SecretStore::put(const std::string& key, const std::string& value) {
  std::string nonce(crypto_secretbox_NONCEBYTES, '\0');
  randombytes_buf(nonce.data(), nonce.size());
  std::string sealed(value.size() + crypto_secretbox_MACBYTES, '\0');
  crypto_secretbox_easy(reinterpret_cast<unsigned char*>(sealed.data()),
                        reinterpret_cast<const unsigned char*>(value.data()), value.size(),
                        reinterpret_cast<const unsigned char*>(nonce.data()),
                        reinterpret_cast<const unsigned char*>(key_.data()));
  Statement q(db_->handle(), "INSERT OR REPLACE INTO secrets(key, nonce, sealed) VALUES(?, ?, ?)");
  q.bind(1, key).bindBlob(2, nonce.data(), nonce.size()).bindBlob(3, sealed.data(), sealed.size());
  q.run();
}

void SecretStore::remove(const std::string& key) {
  Statement q(db_->handle(), "DELETE FROM secrets WHERE key = ?");
  q.bind(1, key);
  q.run();
}

}  // namespace magicc::store
