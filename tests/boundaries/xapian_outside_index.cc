// Must not compile in any module but src/index/: built with a module's
// include path by cmake/check_boundaries.cmake.
#include <xapian.h>

int XapianProbe() { return Xapian::DB_CREATE_OR_OPEN; }
