#include "plan/VarsFile.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "inventory/YamlValue.h"

namespace magicc::plan {

using diag::DiagId;

namespace {

struct Reader {
  source::SourceManager& sources;
  source::FileId file;
  diag::DiagnosticEngine& diags;

  source::SourceRange at(const YAML::Mark& mark) const {
    return inventory::yamlLocation(sources, file, mark);
  }
};

}  // namespace

bool isVarsFileDefine(const std::string& define) {
  return define.size() > 1 && define[0] == '@' && define[1] != '@' &&
         define.find('=') == std::string::npos;
}

bool loadVarsFile(source::SourceManager& sources, const std::string& path,
                  std::vector<GivenParam>& out, diag::DiagnosticEngine& diags) {
  // A buffer, not a file the saved plan pins by digest: the plan keeps the
  // values themselves (and never a secret's, not even as a digest).
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  if (in) content << in.rdbuf();
  if (!in || in.bad()) {
    diags.report(DiagId::VarsFileNotReadable, source::SourceRange{}, path, std::strerror(errno));
    return false;
  }
  Reader reader{sources, sources.addBuffer(path, content.str()), diags};
  YAML::Node root;
  try {
    root = YAML::Load(std::string(sources.text(reader.file)));
  } catch (const YAML::ParserException& e) {
    diags.report(DiagId::VarsFileError, reader.at(e.mark), e.msg);
    return false;
  }
  if (root.IsNull()) return true;  // an empty file gives nothing
  if (!root.IsMap()) {
    diags.report(DiagId::VarsFileError, reader.at(root.Mark()),
                 "a vars file is a mapping of param names to values (name: value)");
    return false;
  }
  bool ok = true;
  for (const auto& kv : root) {
    if (!kv.first.IsScalar()) {
      diags.report(DiagId::VarsFileError, reader.at(kv.first.Mark()), "a param name must be text");
      ok = false;
      continue;
    }
    GivenParam given;
    given.name = kv.first.Scalar();
    given.at = reader.at(kv.first.Mark());
    const YAML::Node& value = kv.second;
    if (value.IsScalar()) {
      given.value = value.Scalar();
    } else if (value.IsSequence() || value.IsMap()) {
      given.value = inventory::yamlValue(value).dump();
    } else {
      diags.report(DiagId::VarsFileError, given.at, "'" + given.name + "' has no value");
      ok = false;
      continue;
    }
    out.push_back(std::move(given));
  }
  return ok;
}

}  // namespace magicc::plan
