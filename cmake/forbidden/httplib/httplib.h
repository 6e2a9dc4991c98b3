// Seen instead of cpp-httplib's header by every module but src/http/ and
// the replica follower (see cmake/check_boundaries.cmake).
#error "<httplib.h> belongs to src/http/ (citykb_http) and the replica follower (citykb_follower)"
