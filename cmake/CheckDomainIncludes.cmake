# cmake -DSOURCE_DIR=<repo> -DMAP=<build>/domain_map.cmake -P CheckDomainIncludes.cmake
#
# Fails when a domain's sources include a header of another domain that its library does not
# link, or when its library links a domain none of its sources include: the link lines in
# src/*/CMakeLists.txt must say what the code uses. An include "ledger/payout/x.h" belongs to the
# longest domain path it starts with (ledger/payout, not ledger). MAP is written at configure
# time by viddhana_add_domains() (cmake/Domain.cmake).
cmake_minimum_required(VERSION 3.25)
include(${MAP})

set(paths)
foreach(target ${domain_targets})
  list(APPEND paths ${domain_${target}_path})
endforeach()

# The domain an include path ("ledger/payout/scheme_kind.h") belongs to, or "" for none.
function(owner_of include out)
  set(best "")
  foreach(path ${paths})
    string(FIND "${include}" "${path}/" at)
    if(at EQUAL 0)
      string(LENGTH "${path}" length)
      string(LENGTH "${best}" best_length)
      if(length GREATER best_length)
        set(best ${path})
      endif()
    endif()
  endforeach()
  set(${out} "${best}" PARENT_SCOPE)
endfunction()

set(problems)
foreach(target ${domain_targets})
  set(domain ${domain_${target}_path})
  set(dir ${SOURCE_DIR}/src/${domain})
  file(GLOB_RECURSE files ${dir}/*.h ${dir}/*.cpp)
  # Nested domains are checked on their own.
  foreach(path ${paths})
    if(path MATCHES "^${domain}/")
      list(FILTER files EXCLUDE REGEX "^${SOURCE_DIR}/src/${path}/")
    endif()
  endforeach()
  set(used)
  foreach(file ${files})
    file(STRINGS ${file} lines REGEX "^#include \"[^\"]+\"")
    foreach(line ${lines})
      string(REGEX REPLACE "^#include \"([^\"]+)\".*" "\\1" include "${line}")
      owner_of("${include}" owner)
      if(owner STREQUAL "" OR owner STREQUAL domain)
        continue()
      endif()
      string(REPLACE "/" "_" owner_target "viddhana_${owner}")
      list(APPEND used ${owner_target})
      if(NOT owner_target IN_LIST domain_${target}_deps)
        file(RELATIVE_PATH shown ${SOURCE_DIR} ${file})
        list(APPEND problems
             "${shown} includes ${include}, but ${target} does not link ${owner_target}")
      endif()
    endforeach()
  endforeach()
  foreach(dep ${domain_${target}_deps})
    if(NOT dep IN_LIST used)
      list(APPEND problems "${target} links ${dep} but includes none of its headers")
    endif()
  endforeach()
endforeach()

if(problems)
  list(JOIN problems "\n  " text)
  message(FATAL_ERROR "domain links do not match the includes:\n  ${text}")
endif()
list(LENGTH domain_targets count)
message(STATUS "${count} domains: every include is linked, every link is used")
