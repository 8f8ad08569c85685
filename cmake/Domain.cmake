# viddhana_domain(NAME DEPS ...): one static library per source folder, from every .cpp in it
# (sub-folders included), so adding a file needs no edit here.
function(viddhana_domain name)
  cmake_parse_arguments(ARG "" "" "DEPS" ${ARGN})
  file(GLOB_RECURSE sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp)
  list(FILTER sources EXCLUDE REGEX "/main\\.cpp$")
  add_library(viddhana_${name} STATIC ${sources} ${PROJECT_SOURCE_DIR}/cmake/empty.cpp)
  target_include_directories(viddhana_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(viddhana_${name} PUBLIC ${ARG_DEPS})
endfunction()
