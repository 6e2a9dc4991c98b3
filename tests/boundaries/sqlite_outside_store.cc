// Must not compile in any module but src/store/ (cmake/check_boundaries.cmake).
#include <sqlite3.h>

int SqliteProbe() { return SQLITE_OK; }
