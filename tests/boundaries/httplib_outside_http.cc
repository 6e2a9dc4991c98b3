// Must not compile in any module but src/http/ and the replica follower
// (cmake/check_boundaries.cmake).
#include <httplib.h>

int HttplibProbe() { return static_cast<int>(httplib::Headers().size()); }
