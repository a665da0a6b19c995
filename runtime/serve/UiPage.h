// The /ui page: plain HTML and JavaScript, no assets, that draws every task
// as a graph of its items coloured by state and follows changes by long
// polling the JSON API.
#pragma once

#include <string_view>

namespace magicc::serve {

std::string_view uiPage();

}  // namespace magicc::serve
