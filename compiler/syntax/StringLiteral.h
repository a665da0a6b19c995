// Decodes a string literal's source text into literal runs and ${...}
// interpolations, each part keeping the range it came from.
#pragma once

#include <string_view>
#include <vector>

#include "diag/DiagnosticEngine.h"
#include "syntax/Ast.h"

namespace magicc::syntax {

// `raw` is the literal as written, quotes included (three for a multi-line
// one, whose common indentation is stripped) (no closing quote when
// `terminated` is false); `start` is the location of its first byte. Errors (bad escapes, a lone
// '$', a broken ${...}) are reported unless `report` is false; decoding always produces parts.
std::vector<StringPart> decodeString(std::string_view raw, source::SourceLoc start,
                                     diag::DiagnosticEngine& diags, bool terminated = true,
                                     bool report = true);

// Whether a literal is a multi-line one ("""...""").
bool isMultilineString(std::string_view raw);

// A template file's text: `${name}` interpolations and `$$`, everything else
// (backslashes, quotes, `$NAME`) as written. `start` is the file's first byte.
std::vector<StringPart> decodeTemplate(std::string_view text, source::SourceLoc start,
                                       diag::DiagnosticEngine& diags);

// The decoded text of a literal with no interpolation ("" when it has one).
std::string joinLiteralParts(const std::vector<StringPart>& parts);

}  // namespace magicc::syntax
