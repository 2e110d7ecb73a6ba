# `cmake --install BUILD --prefix PREFIX`: a relocatable lwipsim.
#
#   PREFIX/bin/lwipsim                    the front end
#   PREFIX/libexec/lwipsim/               the bundled profiles' runners,
#       profiles.tsv, layout.tsv          their list and the layout, folders
#                                         relative to this folder
#   PREFIX/share/lwipsim/lwipopts/        the bundled profiles
#   PREFIX/share/lwipsim/scenarios/       the bundled scenarios
#   PREFIX/share/lwipsim/src/             what `report --lwipopts` configures a
#   PREFIX/share/lwipsim/lwip/<version>/  user profile's build from: this
#                                         project's CMake files and sim/
#                                         sources, and lwIP's src/ trees
#
# The front end locates all of it from /proc/self/exe (sim/cli/cli.c); a user
# profile is built in $XDG_CACHE_HOME/lwipsim (sim/cli/user_profile.c).

set(data "${LWIPSIM_INSTALL_DATA_DIR}")
set(runners "${LWIPSIM_INSTALL_RUNNER_DIR}")

install(TARGETS lwipsim RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}")
install(FILES "${LWIPSIM_INSTALL_INDEX}" DESTINATION "${runners}")

get_property(roots GLOBAL PROPERTY LWIPSIM_INSTALL_PROFILE_ROOTS)
list(REMOVE_DUPLICATES roots)
foreach(root IN LISTS roots)
  install(DIRECTORY "${root}" DESTINATION "${data}")
endforeach()
install(DIRECTORY "${PROJECT_SOURCE_DIR}/scenarios" DESTINATION "${data}")

# Sources for a user profile's build (LWIPSIM_USER_BUILD=ON): the top-level
# CMakeLists.txt, cmake/ and sim/ (the front end's and report's sources come
# along; that build does not use them).
install(FILES "${PROJECT_SOURCE_DIR}/CMakeLists.txt" DESTINATION "${data}/src")
install(DIRECTORY "${PROJECT_SOURCE_DIR}/cmake" DESTINATION "${data}/src")
install(DIRECTORY "${PROJECT_SOURCE_DIR}/sim" DESTINATION "${data}/src"
        FILES_MATCHING PATTERN "*.c" PATTERN "*.h" PATTERN "*.cmake" PATTERN "CMakeLists.txt")

# lwIP: src/ of each tree a bundled profile was built with.
get_property(trees GLOBAL PROPERTY LWIPSIM_LWIP_TREES)
list(REMOVE_DUPLICATES trees)
set(lwip_dir_line "")
foreach(entry IN LISTS trees)
  string(REGEX MATCH "^[^=]+" version "${entry}")
  string(REGEX REPLACE "^[^=]+=" "" tree "${entry}")
  install(DIRECTORY "${tree}/src" DESTINATION "${data}/lwip/${version}")
  if(LWIP_DIR)
    # one tree for every profile (-DLWIP_DIR): the user's are built on it too
    file(RELATIVE_PATH rel "/p/${runners}" "/p/${data}/lwip/${version}")
    set(lwip_dir_line "lwip_dir\t${rel}\n")
  endif()
endforeach()

# The installed layout.tsv (lwipsim_write_layout has the build tree's).
file(RELATIVE_PATH data_rel "/p/${runners}" "/p/${data}")
lwipsim_layout_args(args)
file(CONFIGURE OUTPUT "${CMAKE_BINARY_DIR}/install/layout.tsv" CONTENT
  "data\t${data_rel}\nsource\t${data_rel}/src\nlwip_cache\t${data_rel}/lwip\n${lwip_dir_line}cmake\t${CMAKE_COMMAND}\n${args}")
install(FILES "${CMAKE_BINARY_DIR}/install/layout.tsv" DESTINATION "${runners}")
