// The OpenAPI 3 description of /api/v1/ (module-internal).
#pragma once

#include <string>

#include "monitor/open_data/module.hpp"

namespace rf::monitor {

std::string openapi_document(const std::string& base_url);
void register_openapi(http::Router& router, const ModulePtr& module);

}  // namespace rf::monitor
