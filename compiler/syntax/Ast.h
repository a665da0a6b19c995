// The abstract syntax tree of a magic file. Every node carries its source
// range. Nodes are plain values owned by their parent; a declaration that had
// syntax errors is kept (the language server still wants it) but marked, so
// that later phases do not pile more errors onto the same mistake.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "source/SourceLocation.h"

namespace magicc::syntax {

using source::SourceRange;

struct Identifier {
  std::string name;
  SourceRange range;
  bool valid() const { return !name.empty(); }
};

// A string literal's contents after decoding: literal runs and `${name}`
// interpolations, each with the range it came from.
struct StringPart {
  // ShellVariable: `$NAME` as written, kept verbatim for the shell; the
  // checker decides whether it may stand (a command's own variable) or is a
  // forgotten `{...}` (NAME is a param, `each` or `host.*`).
  enum class Kind : std::uint8_t { Literal, Interpolation, ShellVariable };
  Kind kind = Kind::Literal;
  std::string text;  // decoded text ("$NAME" for a shell variable), or the name inside ${...}
  SourceRange range;
};

enum class ExprKind : std::uint8_t {
  Error,  // a value that failed to parse; already reported
  Bool,
  Int,
  Duration,  // intValue holds milliseconds
  String,
  Name,      // a dotted name: a tag, a host var, a param, a node
  ParamRef,  // $name in a condition
  List,
  Map,
  Not,
  And,
  Or,
  Compare,  // operands: Name, then String or ParamRef
};

enum class CompareOp : std::uint8_t { Equal, NotEqual };

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

struct MapEntry {
  Identifier key;  // a name or a string, decoded
  ExprPtr value;
};

struct Expr {
  ExprKind kind = ExprKind::Error;
  SourceRange range;
  bool parenthesized = false;
  CompareOp compareOp = CompareOp::Equal;
  bool boolValue = false;
  std::int64_t intValue = 0;
  std::string name;                         // Name, ParamRef
  std::vector<StringPart> parts;            // String
  std::vector<ExprPtr> operands;            // List elements; Not, And, Or, Compare operands
  std::vector<MapEntry> entries;            // Map
  std::vector<SourceRange> operatorRanges;  // And, Or, Compare: each operator token

  bool isCondition() const {
    return kind == ExprKind::Not || kind == ExprKind::And || kind == ExprKind::Or ||
           kind == ExprKind::Compare;
  }
  // The string's text when it has no interpolation.
  std::optional<std::string> plainString() const;
};

struct Field {
  Identifier name;
  ExprPtr value;
  SourceRange range;
};

// bool int string duration secret, list[T], map[T], "a" | "b", T?
struct TypeExpr {
  enum class Kind : std::uint8_t { Error, Named, List, Map, Enum, Optional };
  Kind kind = Kind::Error;
  std::string name;  // Named
  std::vector<Identifier> enumValues;
  std::unique_ptr<TypeExpr> element;  // List, Map, Optional
  SourceRange range;
};
using TypeExprPtr = std::unique_ptr<TypeExpr>;

// name: type [matches "re"] [= default]; top-level params and pipeline params.
struct ParamSpec {
  Identifier name;
  TypeExprPtr type;
  std::optional<Identifier> matches;  // the regex, decoded, with the literal's range
  ExprPtr defaultValue;
  SourceRange range;
};

enum class DeclKind : std::uint8_t {
  Import,
  Param,
  Host,
  Inventory,
  Item,
  Resource,
  Kind,
  Pipeline,
  Edge
};

struct Decl {
  explicit Decl(DeclKind k) : kind(k) {}
  virtual ~Decl() = default;
  DeclKind kind;
  SourceRange range;
  bool hasSyntaxErrors = false;
};

struct ImportDecl final : Decl {
  ImportDecl() : Decl(DeclKind::Import) {}
  Identifier path;  // decoded, with the string literal's range
  // The imported file, once the loader found it.
  source::FileId resolved = source::kInvalidFile;
};

struct InventoryDecl final : Decl {
  InventoryDecl() : Decl(DeclKind::Inventory) {}
  Identifier path;
};

struct ParamDecl final : Decl {
  ParamDecl() : Decl(DeclKind::Param) {}
  ParamSpec spec;
};

// Declarations whose body is a block of fields.
struct BlockDecl : Decl {
  using Decl::Decl;
  Identifier name;
  std::vector<Field> fields;
  SourceRange body;
  const Field* field(std::string_view fieldName) const;
};

struct HostDecl final : BlockDecl {
  HostDecl() : BlockDecl(DeclKind::Host) {}
};

struct ItemDecl final : BlockDecl {
  ItemDecl() : BlockDecl(DeclKind::Item) {}
};

struct ResourceDecl final : BlockDecl {
  ResourceDecl() : BlockDecl(DeclKind::Resource) {}
  Identifier kindName;
};

struct KindMember {
  bool isOutput = false;
  Identifier name;
  TypeExprPtr type;
  ExprPtr defaultValue;
  SourceRange range;
};

struct KindDecl final : BlockDecl {
  KindDecl() : BlockDecl(DeclKind::Kind) {}
  std::vector<KindMember> members;  // in/out fields; `fields` holds check:/apply:
};

struct StageDecl {
  Identifier name;
  std::vector<Field> fields;
  SourceRange range;
  bool hasSyntaxErrors = false;
  const Field* field(std::string_view fieldName) const;
};

struct PipelineDecl final : BlockDecl {
  PipelineDecl() : BlockDecl(DeclKind::Pipeline) {}
  std::vector<ParamSpec> params;
  std::vector<StageDecl> stages;  // `fields` holds requires:
};

struct EdgeEnd {
  Identifier node;
  std::optional<Identifier> field;
  SourceRange range;
};

enum class EdgeOp : std::uint8_t { Order, Refresh };  // ->, ~>

struct EdgeDecl final : Decl {
  EdgeDecl() : Decl(DeclKind::Edge) {}
  std::vector<EdgeEnd> ends;  // a -> b -> c: three ends
  std::vector<EdgeOp> ops;    // one fewer than ends
  std::vector<SourceRange> opRanges;
};

// One parsed file.
struct Module {
  source::FileId file = source::kInvalidFile;
  std::vector<std::unique_ptr<Decl>> decls;
};

template <typename T>
const T* as(const Decl& d) {
  return dynamic_cast<const T*>(&d);
}

}  // namespace magicc::syntax
