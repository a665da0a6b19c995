// Renders a plan document as text for an operator, or as Graphviz dot.
#pragma once

#include <string>

#include "plan/Plan.h"

namespace magicc::plan {

std::string renderText(const Json& plan);
std::string renderDot(const Json& plan);

}  // namespace magicc::plan
