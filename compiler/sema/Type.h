// The types of the magic language: bool int string duration secret,
// list[T], map[T], enums ("a" | "b") and T?. Types are immutable values
// shared by pointer; `Error` stands for a type that could not be determined
// and is compatible with everything, so one mistake gives one diagnostic.
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace magicc::sema {

class Type;
using TypeRef = std::shared_ptr<const Type>;

class Type {
 public:
  enum class Kind { Error, Bool, Int, String, Duration, Secret, List, Map, Enum, Optional };

  Kind kind() const { return kind_; }
  // List, Map, Optional: the element type.
  const TypeRef& element() const { return element_; }
  // Enum: the allowed strings, in declaration order.
  const std::vector<std::string>& enumValues() const { return values_; }
  bool isError() const { return kind_ == Kind::Error; }
  bool hasEnumValue(const std::string& v) const;

  // As written in the language: "list[string]", "\"a\" | \"b\"", "int?".
  std::string toString() const;

  static TypeRef error();
  static TypeRef boolean();
  static TypeRef integer();
  static TypeRef string();
  static TypeRef duration();
  static TypeRef secret();
  static TypeRef list(TypeRef element);
  static TypeRef map(TypeRef element);
  static TypeRef optional(TypeRef element);
  static TypeRef enumeration(std::vector<std::string> values);
  // "bool", "int", ... or nullptr for a name that is not a scalar type.
  static TypeRef scalar(const std::string& name);

  Type(Kind kind, TypeRef element, std::vector<std::string> values)
      : kind_(kind), element_(std::move(element)), values_(std::move(values)) {}

 private:
  Kind kind_;
  TypeRef element_;
  std::vector<std::string> values_;
};

bool sameType(const Type& a, const Type& b);

// May a value of type `from` be stored where `to` is expected? Equal types;
// string (or an enum) into secret; an enum into string; an enum into a wider
// enum; T into T?; element-wise for lists and maps. A secret never flows
// into anything but a secret.
bool isAssignable(const Type& from, const Type& to);

// A secret, or a container of secrets: must never be shown in clear.
bool containsSecret(const Type& t);

}  // namespace magicc::sema
