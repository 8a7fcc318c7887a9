// The /monitor pages, one register function per file (module-internal).
#pragma once

#include "http/router.hpp"
#include "monitor/open_data/module.hpp"

namespace rf::monitor {

void register_overview_pages(http::Router& router, const ModulePtr& module);            // overview_pages.cpp
void register_indicator_pages(http::Router& router, const ModulePtr& module);           // indicator_pages.cpp
void register_region_pages(http::Router& router, const ModulePtr& module);              // region_pages.cpp
void register_catalogue_and_goal_pages(http::Router& router, const ModulePtr& module);  // catalogue_goal_pages.cpp
void register_code_list_pages(http::Router& router, const ModulePtr& module);           // code_list_pages.cpp

}  // namespace rf::monitor
