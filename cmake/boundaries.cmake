# Which module may include which third-party header. The headers of Xapian,
# SQLite and cpp-httplib sit in the system include path, where any target
# finds them whatever it links; so every target but the owner gets, first in
# its include path, a folder of cmake/forbidden/ whose header of the same
# name stops the compilation with a message naming the owner.
#   xapian  -> citykb_index only
#   sqlite  -> citykb_store only
#   httplib -> citykb_http and citykb_follower only
set(CITYKB_FORBIDDEN_DIR ${CMAKE_CURRENT_LIST_DIR}/forbidden)
set(CITYKB_OWNED_LIBRARIES xapian sqlite httplib)

# citykb_module(NAME SOURCES ... [OWNS lib...] [USES module...] [THIRD_PARTY target...])
#   OWNS: the libraries of CITYKB_OWNED_LIBRARIES this module may include.
#   USES: citykb modules, linked PUBLIC.  THIRD_PARTY: linked PRIVATE.
function(citykb_module name)
  cmake_parse_arguments(M "" "" "SOURCES;OWNS;USES;THIRD_PARTY" ${ARGN})
  add_library(${name} STATIC ${M_SOURCES})
  target_link_libraries(${name} PUBLIC ${M_USES} PRIVATE ${M_THIRD_PARTY})
  citykb_forbid(${name} ${M_OWNS})
  citykb_warnings(${name})
  set_property(GLOBAL APPEND PROPERTY CITYKB_MODULES ${name})
endfunction()

# Puts the forbidden headers of every owned library but `allowed...` first
# in `target`'s own include path.
function(citykb_forbid target)
  foreach(lib IN LISTS CITYKB_OWNED_LIBRARIES)
    if(NOT lib IN_LIST ARGN)
      target_include_directories(${target} BEFORE PRIVATE ${CITYKB_FORBIDDEN_DIR}/${lib})
    endif()
  endforeach()
endfunction()
