// A YAML node as JSON, its plain scalars typed as PyYAML (YAML 1.1) types
// them, which is how Ansible reads inventories and vars files: yes/no and
// true/false are booleans, digits numbers, ~ and null null; quoted text stays
// text.
#pragma once

#include <yaml-cpp/yaml.h>

#include <nlohmann/json.hpp>

#include "source/SourceManager.h"

namespace magicc::inventory {

nlohmann::json yamlValue(const YAML::Node& node);

// Where yaml-cpp's mark (0-based line and column) is in `file`, for a
// diagnostic; the file's start when the mark is unknown.
source::SourceRange yamlLocation(const source::SourceManager& sources, source::FileId file,
                                 const YAML::Mark& mark);

}  // namespace magicc::inventory
