// Seen instead of Xapian's header by every module but src/index/ (see
// cmake/check_boundaries.cmake): only the index module talks to Xapian.
#error "<xapian.h> belongs to src/index/ (citykb_index): use the index module's types (index/index.h)"
