// The store's schema and its migrations, private to the store module.
#pragma once

#include <sqlite3.h>

#include "util/status.h"

namespace citykb {

// The schema version this build writes.
constexpr int kSchemaVersion = 4;

// Brings the database up to kSchemaVersion inside one transaction: applies
// every migration above the recorded `user_version`. Refuses a database
// written by a newer build.
Status Migrate(sqlite3* db);

}  // namespace citykb
