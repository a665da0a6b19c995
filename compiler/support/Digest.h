// SHA-256 as the plan format writes it: "sha256:" and 64 hex digits.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace magicc::support {

class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void update(std::string_view bytes);
  // "sha256:HEX"; the hash cannot be updated after.
  std::string finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

std::string sha256Tagged(std::string_view bytes);

}  // namespace magicc::support
