// A publisher's catalogue of tables, "Code,Content,Time" (regioDB_tables.csv:
// the Regionaldatenbank's table codes with title and time span). It holds no
// statistics; importing it stores the titles as dataset metadata, so tables
// can be named before they are imported.
#pragma once

#include "monitor/import/builder.hpp"
#include "monitor/import/common.hpp"

namespace rf::monitor {

Result<void> parse_table_catalogue(const ParseInput& input, TableBuilder& builder);

}  // namespace rf::monitor
