// Redactor and StreamRedactor (engine/Redactor.h): a secret is hidden
// wherever it falls, also across the pieces a stream arrives in (the
// agent's job output).
#include <gtest/gtest.h>

#include <string>

#include "engine/Redactor.h"

namespace magicc::runtime {
namespace {

TEST(Redactor, HidesEachSecretAndItsJsonForm) {
  Redactor r;
  r.add("hunter2\"x");
  EXPECT_EQ(r.redact("pw=hunter2\"x;"), "pw=(sensitive);");
  EXPECT_EQ(r.redact(R"j({"pw":"hunter2\"x"})j"), R"j({"pw":"(sensitive)"})j");
}

TEST(StreamRedactor, FindsASecretSplitAcrossEveryPossiblePlace) {
  Redactor r;
  r.add("Sup3rSecret");
  const std::string text = "before Sup3rSecret middle Sup3rSecretSup3rSecret after";
  const std::string want = r.redact(text);
  for (std::size_t a = 0; a <= text.size(); ++a)
    for (std::size_t b = a; b <= text.size(); b += 3) {
      StreamRedactor s(r);
      std::string got = s.feed(text.substr(0, a));
      got += s.feed(text.substr(a, b - a));
      got += s.feed(text.substr(b));
      got += s.finish();
      ASSERT_EQ(got, want) << "split at " << a << " and " << b;
    }
}

TEST(StreamRedactor, HoldsBackOnlyWhatCouldBeginASecret) {
  Redactor r;
  r.add("abcdef");
  StreamRedactor s(r);
  EXPECT_EQ(s.feed("0123456789"), "01234");  // the last 5 bytes could begin "abcdef"
  EXPECT_EQ(s.finish(), "56789");
  Redactor none;
  StreamRedactor plain(none);
  EXPECT_EQ(plain.feed("all of it"), "all of it");
}

}  // namespace
}  // namespace magicc::runtime
