// Diagnostics are data: a kind from the registry, a severity, a source range,
// the formatted message, attached notes and fix-its. Renderers (console, JSON,
// the language server) consume them; nothing here prints.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "source/SourceLocation.h"

namespace magicc::diag {

enum class Severity : std::uint8_t { Note, Warning, Error };

std::string_view severityName(Severity s);

enum class DiagId : std::uint16_t {
#define DIAG(id, severity, format) id,
#include "diag/DiagnosticKinds.def"
#undef DIAG
  Count
};

struct DiagnosticKind {
  std::string_view name;
  Severity severity;
  std::string_view format;
};

const DiagnosticKind& diagnosticKind(DiagId id);

// Replace `range` with `replacement`; an empty range inserts.
struct FixIt {
  source::SourceRange range;
  std::string replacement;
};

struct Note {
  source::SourceRange range;
  std::string message;
};

struct Diagnostic {
  DiagId id = DiagId::Count;
  Severity severity = Severity::Error;
  source::SourceRange range;
  std::string message;
  std::vector<Note> notes;
  std::vector<FixIt> fixIts;
};

}  // namespace magicc::diag
