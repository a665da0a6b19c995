// Bytes as base64 and back (libsodium's, the original variant with padding):
// file content inside JSON, which only carries UTF-8 text.
#pragma once

#include <sodium.h>

#include <string>

namespace magicc::runtime {

inline std::string toBase64(const std::string& bytes) {
  std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.pop_back();  // the terminating NUL
  return out;
}

// False when `text` is not base64.
inline bool fromBase64(const std::string& text, std::string& bytes) {
  bytes.assign(text.size() / 4 * 3 + 3, '\0');
  std::size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(), text.data(),
                        text.size(), nullptr, &length, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0)
    return false;
  bytes.resize(length);
  return true;
}

}  // namespace magicc::runtime
