# One place that decides warnings and sanitizers for every target of the project, so that no
# library can quietly build with weaker settings than the rest.
# -Wno-restrict: GCC 12 reports false -Wrestrict errors inside libstdc++'s std::string
# operator+ at -O2/-O3 (GCC bugs 105329 and 105651, fixed in GCC 13); the warning is not
# about our code.
set(NEWSFLOW_WARNINGS -Wall -Wextra -Werror -Wno-error=deprecated-declarations -Wno-restrict)
set(NEWSFLOW_SANITIZE_FLAGS -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)

function(newsflow_target_defaults target)
  target_compile_options(${target} PRIVATE ${NEWSFLOW_WARNINGS})
  target_include_directories(${target} PUBLIC ${PROJECT_SOURCE_DIR})
  if(NEWSFLOW_SANITIZE)
    target_compile_options(${target} PRIVATE ${NEWSFLOW_SANITIZE_FLAGS})
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
  endif()
endfunction()

# newsflow_library(NAME SOURCES ... DEPS ...)
function(newsflow_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  newsflow_target_defaults(${name})
  if(ARG_DEPS)
    target_link_libraries(${name} PUBLIC ${ARG_DEPS})
  endif()
endfunction()

# newsflow_executable(NAME SOURCES ... DEPS ...)
function(newsflow_executable name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  newsflow_target_defaults(${name})
  if(ARG_DEPS)
    target_link_libraries(${name} PRIVATE ${ARG_DEPS})
  endif()
endfunction()
