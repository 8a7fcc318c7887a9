// Results of a survey with small-cell suppression.
#include "survey/module.hpp"

namespace rf::survey {

void register_result_pages(http::Router&, const ModulePtr&) {}

}  // namespace rf::survey
