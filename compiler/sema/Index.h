// Where each name of a checked program is declared and used: the queries
// behind an editor's go-to-definition, references, highlight, rename and
// hover ("the symbol at this offset", "every occurrence of that symbol").
// Built from the AST and the model after analysis; names that did not
// resolve are simply absent.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <vector>

#include "sema/Sema.h"
#include "source/SourceLocation.h"
#include "syntax/Ast.h"
#include "syntax/Loader.h"

namespace magicc::sema {

enum class SymbolKind : std::uint8_t {
  Node,           // an item or a resource
  Kind,           // a resource kind
  KindField,      // "kind.field"
  Param,          // a top-level param
  PipelineParam,  // "pipeline.param"
  Host,
  Pipeline,
  Stage,  // "pipeline.stage"
};

std::string_view symbolKindName(SymbolKind kind);

struct SymbolId {
  SymbolKind kind = SymbolKind::Node;
  std::string name;  // qualified as the comments above say
  friend bool operator==(const SymbolId&, const SymbolId&) = default;
  friend auto operator<=>(const SymbolId&, const SymbolId&) = default;
  // The name as written in the source (the part after the last dot of a
  // qualified name).
  std::string_view spelling() const;
};

struct Occurrence {
  SymbolId symbol;
  source::SourceRange range;  // the name only
  bool declaration = false;
};

class SymbolIndex {
 public:
  // `stdlib` contributes its declarations (file id 0), so its kinds and
  // their fields resolve too.
  static SymbolIndex build(const syntax::LoadedProgram& program, const syntax::Module& stdlib,
                           const SemanticModel& model);

  // The occurrence whose name contains `loc` (or ends right at it: the
  // cursor just after a name is on it).
  const Occurrence* at(source::SourceLoc loc) const;
  std::vector<const Occurrence*> occurrences(const SymbolId& symbol) const;
  const Occurrence* declaration(const SymbolId& symbol) const;
  const std::vector<Occurrence>& all() const { return occurrences_; }

 private:
  std::vector<Occurrence> occurrences_;  // sorted by location
};

}  // namespace magicc::sema
