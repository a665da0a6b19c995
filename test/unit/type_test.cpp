// The type lattice: what may be stored where.
#include "sema/Type.h"

#include <gtest/gtest.h>

namespace magicc::sema {
namespace {

const TypeRef S = Type::string();
const TypeRef I = Type::integer();
const TypeRef X = Type::secret();

TEST(Type, Spelling) {
  EXPECT_EQ(Type::list(Type::map(Type::optional(I)))->toString(), "list[map[int?]]");
  EXPECT_EQ(Type::enumeration({"a", "b"})->toString(), "\"a\" | \"b\"");
  EXPECT_EQ(Type::optional(Type::optional(S))->toString(), "string?");
}

TEST(Type, EqualTypesAreAssignable) {
  for (const auto& t : {S, I, X, Type::boolean(), Type::duration(), Type::list(S), Type::map(I)})
    EXPECT_TRUE(isAssignable(*t, *t)) << t->toString();
}

TEST(Type, StringIntoSecretButNeverBack) {
  EXPECT_TRUE(isAssignable(*S, *X));
  EXPECT_FALSE(isAssignable(*X, *S));
  EXPECT_FALSE(isAssignable(*Type::list(X), *Type::list(S)));
  EXPECT_TRUE(isAssignable(*Type::list(S), *Type::list(X)));
}

TEST(Type, NoImplicitConversionsBetweenScalars) {
  EXPECT_FALSE(isAssignable(*I, *S));
  EXPECT_FALSE(isAssignable(*S, *I));
  EXPECT_FALSE(isAssignable(*I, *Type::duration()));
  EXPECT_FALSE(isAssignable(*Type::boolean(), *S));
}

TEST(Type, Enums) {
  auto ab = Type::enumeration({"a", "b"});
  auto abc = Type::enumeration({"a", "b", "c"});
  EXPECT_TRUE(isAssignable(*ab, *S));  // an enum value is a string
  EXPECT_TRUE(isAssignable(*ab, *X));
  EXPECT_FALSE(isAssignable(*S, *ab));   // not every string is a member
  EXPECT_TRUE(isAssignable(*ab, *abc));  // narrower into wider
  EXPECT_FALSE(isAssignable(*abc, *ab));
  EXPECT_TRUE(ab->hasEnumValue("a"));
  EXPECT_FALSE(ab->hasEnumValue("c"));
}

TEST(Type, Optionals) {
  EXPECT_TRUE(isAssignable(*S, *Type::optional(S)));
  EXPECT_TRUE(isAssignable(*Type::optional(S), *Type::optional(X)));
  EXPECT_FALSE(isAssignable(*Type::optional(S), *S));
}

TEST(Type, ContainersAreCheckedElementWise) {
  EXPECT_FALSE(isAssignable(*Type::list(I), *Type::list(S)));
  EXPECT_FALSE(isAssignable(*Type::list(S), *Type::map(S)));
  EXPECT_TRUE(isAssignable(*Type::map(Type::list(S)), *Type::map(Type::list(X))));
}

TEST(Type, ErrorIsCompatibleWithEverything) {
  EXPECT_TRUE(isAssignable(*Type::error(), *I));
  EXPECT_TRUE(isAssignable(*X, *Type::error()));
}

TEST(Type, SecretsInsideContainers) {
  EXPECT_TRUE(containsSecret(*X));
  EXPECT_TRUE(containsSecret(*Type::map(Type::optional(X))));
  EXPECT_FALSE(containsSecret(*Type::list(S)));
}

TEST(Type, ScalarNames) {
  EXPECT_EQ(Type::scalar("duration")->kind(), Type::Kind::Duration);
  EXPECT_EQ(Type::scalar("strin"), nullptr);
}

}  // namespace
}  // namespace magicc::sema
