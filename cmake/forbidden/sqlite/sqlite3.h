// Seen instead of SQLite's header by every module but src/store/ (see
// cmake/check_boundaries.cmake): only the store module talks to SQLite.
#error "<sqlite3.h> belongs to src/store/ (citykb_store): use the store module's types (store/store.h)"
