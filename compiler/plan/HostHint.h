// Why a host selector (--hosts, a stage's on:) matched nothing, said helpfully:
// no hosts are known at all, or a name in it is close to a known group.
#pragma once

#include <string>

#include "inventory/Inventory.h"
#include "syntax/Ast.h"

namespace magicc::plan {

// "" or a tail for the message: "; no inventory was given (-i FILE) and the
// program declares no host", or "; did you mean 'app'?".
std::string noHostHint(const syntax::Expr& selector, const inventory::Inventory& inventory);

}  // namespace magicc::plan
