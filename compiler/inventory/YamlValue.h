// A YAML node as JSON, its plain scalars typed as PyYAML (YAML 1.1) types
// them, which is how Ansible reads inventories and vars files: yes/no and
// true/false are booleans, digits numbers, ~ and null null; quoted text stays
// text.
#pragma once

#include <yaml-cpp/yaml.h>

#include <nlohmann/json.hpp>

namespace magicc::inventory {

nlohmann::json yamlValue(const YAML::Node& node);

}  // namespace magicc::inventory
