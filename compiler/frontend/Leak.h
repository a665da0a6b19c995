// Memory a command-line process leaves to the operating system on purpose
// (Compilation::leakOnExit). Under LeakSanitizer each object is marked as
// intentionally leaked; everything it points to stays reachable from it, so
// a leak-checked run reports only real leaks.
#pragma once

#include <memory>

#if defined(__SANITIZE_ADDRESS__)
#define MAGICC_HAS_LSAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(leak_sanitizer)
#define MAGICC_HAS_LSAN 1
#endif
#endif

#ifdef MAGICC_HAS_LSAN
#include <sanitizer/lsan_interface.h>
#endif

namespace magicc::frontend {

template <typename... T>
void leakUntilExit(std::unique_ptr<T>... objects) {
  auto leak = [](auto object) {
    if (!object) return;
    [[maybe_unused]] auto* raw = object.release();
#ifdef MAGICC_HAS_LSAN
    __lsan_ignore_object(raw);
#endif
  };
  (leak(std::move(objects)), ...);
}

}  // namespace magicc::frontend
