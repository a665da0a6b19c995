// `-D @FILE`: param values from a YAML or JSON file (a mapping of names to
// values), as Ansible's `-e @vars.yml` and Terraform's `-var-file`. Several
// may be given; with -D name=value, the one given later wins. Values are
// typed against the params like -D's, and each error points at its entry.
#pragma once

#include <string>
#include <vector>

#include "diag/DiagnosticEngine.h"
#include "source/SourceManager.h"

namespace magicc::plan {

// One value given for a param: a -D name=value, or an entry of a vars file.
struct GivenParam {
  std::string define;       // -D's text ("name=value"); empty for a vars-file entry
  std::string name, value;  // a vars-file entry's name and value (literal text)
  source::SourceRange at;   // where a vars-file entry is
  bool fromFile() const { return define.empty(); }
};

// Whether a -D argument names a vars file ("@FILE", no '=').
bool isVarsFileDefine(const std::string& define);

// Reads the vars file `path` into `out`: scalars as written, lists and maps
// as compact JSON (what -D takes for them). Reports what is wrong at its
// file:line:col; false when nothing could be read.
bool loadVarsFile(source::SourceManager& sources, const std::string& path,
                  std::vector<GivenParam>& out, diag::DiagnosticEngine& diags);

}  // namespace magicc::plan
