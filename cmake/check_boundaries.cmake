# Tests that the module boundaries of cmake/boundaries.cmake hold: a probe
# source including a third-party header is compiled with the include path
# and definitions of a module. Compiled in a module that does not own the
# library, it must fail with the forbidden header's message; compiled in the
# owner, it must build (so that the failures are not the probe's own).
#   ctest --test-dir build -R boundary
set(CITYKB_PROBE_DIR ${PROJECT_SOURCE_DIR}/tests/boundaries)

# citykb_boundary_probe(NAME MODULE PROBE [FAILS_WITH regex])
function(citykb_boundary_probe name module probe)
  cmake_parse_arguments(P "" "FAILS_WITH" "" ${ARGN})
  set(target citykb_probe_${name})
  add_library(${target} OBJECT EXCLUDE_FROM_ALL ${CITYKB_PROBE_DIR}/${probe})
  target_include_directories(${target} PRIVATE $<TARGET_PROPERTY:${module},INCLUDE_DIRECTORIES>)
  target_compile_definitions(${target} PRIVATE $<TARGET_PROPERTY:${module},COMPILE_DEFINITIONS>)
  target_link_libraries(${target} PRIVATE $<TARGET_PROPERTY:${module},LINK_LIBRARIES>)
  add_test(NAME boundary.${name} COMMAND ${CMAKE_COMMAND} --build ${PROJECT_BINARY_DIR} --target ${target})
  # One build at a time in the build tree.
  set_tests_properties(boundary.${name} PROPERTIES RESOURCE_LOCK citykb_build_tree TIMEOUT 120)
  if(P_FAILS_WITH)
    set_tests_properties(boundary.${name} PROPERTIES PASS_REGULAR_EXPRESSION "${P_FAILS_WITH}")
  endif()
endfunction()

citykb_boundary_probe(xapian_in_http citykb_http xapian_outside_index.cc FAILS_WITH "<xapian.h> belongs to src/index/")
citykb_boundary_probe(xapian_in_search citykb_search xapian_outside_index.cc FAILS_WITH "<xapian.h> belongs to src/index/")
citykb_boundary_probe(xapian_in_index citykb_index xapian_outside_index.cc)
citykb_boundary_probe(sqlite_in_index citykb_index sqlite_outside_store.cc FAILS_WITH "<sqlite3.h> belongs to src/store/")
citykb_boundary_probe(sqlite_in_store citykb_store sqlite_outside_store.cc)
citykb_boundary_probe(httplib_in_kb citykb_kb httplib_outside_http.cc FAILS_WITH "<httplib.h> belongs to src/http/")
citykb_boundary_probe(httplib_in_http citykb_http httplib_outside_http.cc)
