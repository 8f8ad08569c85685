# The source domains, in dependency order: every domain links only domains listed before it.
# Each is a folder under src/ that builds one static library, viddhana_<domain>; a nested folder
# with its own CMakeLists.txt (ledger/payout, analytics/service) is a domain of its own, named
# with an underscore (viddhana_ledger_payout) and left out of its parent's library. The top-level
# CMakeLists, tests/ and bench/ all read this list.
set(VIDDHANA_DOMAINS
    base chain auth metrics http evm commitment bus node merged stratum miner ledger/payout store ledger api web analytics
    analytics/service analytics/cli app)

# The library target of a domain path: analytics/service -> viddhana_analytics_service.
function(viddhana_domain_target domain out)
  string(REPLACE "/" "_" name ${domain})
  set(${out} viddhana_${name} PARENT_SCOPE)
endfunction()

# viddhana_domain(NAME DEPS ...): one static library from every .cpp of the folder (sub-folders
# included, but not nested domains), so adding a file needs no edit here. NAME is the folder's
# path under src/ with underscores. A domain dep must come earlier in VIDDHANA_DOMAINS; every
# domain dep is recorded for the include check (tests/layout: a domain includes headers of the
# domains it links, and links only domains whose headers it includes).
function(viddhana_domain name)
  cmake_parse_arguments(ARG "" "" "DEPS" ${ARGN})
  file(RELATIVE_PATH domain ${PROJECT_SOURCE_DIR}/src ${CMAKE_CURRENT_SOURCE_DIR})
  viddhana_domain_target(${domain} target)
  if(NOT target STREQUAL "viddhana_${name}")
    message(FATAL_ERROR "src/${domain} declares domain '${name}'; its name is ${target}")
  endif()
  file(GLOB_RECURSE sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp)
  list(FILTER sources EXCLUDE REGEX "/main\\.cpp$")
  file(GLOB_RECURSE nested CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*/CMakeLists.txt)
  foreach(file ${nested})
    get_filename_component(dir ${file} DIRECTORY)
    list(FILTER sources EXCLUDE REGEX "^${dir}/")
  endforeach()
  set(domain_deps)
  foreach(dep ${ARG_DEPS})
    if(dep MATCHES "^viddhana_")
      if(NOT TARGET ${dep})
        message(FATAL_ERROR "${target} links ${dep}, which is not built before it: list the "
                            "domains of cmake/Domain.cmake (VIDDHANA_DOMAINS) in dependency order")
      endif()
      list(APPEND domain_deps ${dep})
    endif()
  endforeach()
  add_library(${target} STATIC ${sources} ${PROJECT_SOURCE_DIR}/cmake/empty.cpp)
  target_include_directories(${target} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(${target} PUBLIC ${ARG_DEPS})
  set_property(GLOBAL APPEND_STRING PROPERTY VIDDHANA_DOMAIN_MAP
               "set(domain_${target}_path ${domain})\nset(domain_${target}_deps ${domain_deps})\n")
endfunction()

# Adds every domain of VIDDHANA_DOMAINS in order, refuses a src/ folder with a CMakeLists.txt that
# is not listed, and writes the map the include check reads.
function(viddhana_add_domains)
  file(GLOB_RECURSE lists RELATIVE ${PROJECT_SOURCE_DIR}/src CONFIGURE_DEPENDS
       ${PROJECT_SOURCE_DIR}/src/*/CMakeLists.txt)
  foreach(file ${lists})
    get_filename_component(domain ${file} DIRECTORY)
    if(NOT domain IN_LIST VIDDHANA_DOMAINS)
      message(FATAL_ERROR "src/${domain} builds a library but is not in VIDDHANA_DOMAINS "
                          "(cmake/Domain.cmake): add it after the domains it links")
    endif()
  endforeach()
  set(targets)
  foreach(domain ${VIDDHANA_DOMAINS})
    if(EXISTS ${PROJECT_SOURCE_DIR}/src/${domain}/CMakeLists.txt)
      add_subdirectory(${PROJECT_SOURCE_DIR}/src/${domain} ${PROJECT_BINARY_DIR}/src/${domain})
      viddhana_domain_target(${domain} target)
      list(APPEND targets ${target})
    endif()
  endforeach()
  get_property(map GLOBAL PROPERTY VIDDHANA_DOMAIN_MAP)
  file(CONFIGURE OUTPUT ${PROJECT_BINARY_DIR}/domain_map.cmake
       CONTENT "set(domain_targets ${targets})\n${map}")
  set(VIDDHANA_DOMAIN_LIBS ${targets} PARENT_SCOPE)
endfunction()
