// The TAB training-needs workflow: schools start needs rounds, invite their
// staff, review and submit the bundle; training institutions see the demand
// of their Kreise and answer with offers.
#include "survey/module.hpp"

namespace rf::survey {

void register_tab_pages(http::Router&, const ModulePtr&) {}

}  // namespace rf::survey
