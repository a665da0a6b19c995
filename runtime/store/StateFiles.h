// The state directory's rules, as OpenSSH's StrictModes has for a home: the
// directory (the journal's, with the lock, the secret store, its key and the
// audit log) belongs to the user magicc runs as and nobody else can write it;
// so does every state file in it, and none is a symbolic link. A file
// another user planted (a key they can read, a lock or log that links
// elsewhere) is refused, never used.
#pragma once

#include <sys/types.h>

#include <stdexcept>
#include <string>

namespace magicc::store {

// A state directory or file that breaks the rules (or cannot be opened).
struct StateError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Creates the directory (mode 0700; missing parents 0755) when asked and it
// is missing, then checks it: a directory, this user's, writable by nobody
// else. Throws StateError.
void prepareStateDir(const std::string& dir, bool create);

// Checks a state file that may not exist yet: when it does, not a symbolic
// link, a regular file, this user's, writable by nobody else. Throws
// StateError.
void checkStateFile(const std::string& path);

// Opens a state file (O_NOFOLLOW, O_CLOEXEC; `mode` when it is created) and
// checks what was opened as checkStateFile does. Throws StateError.
int openStateFile(const std::string& path, int flags, mode_t mode = 0600);

// A program's journal when --state does not say: .magicc/NAME.db beside the
// program NAME.mm (one per program, so neighbours neither share runs nor wait).
std::string defaultJournalPath(const std::string& program);

}  // namespace magicc::store
