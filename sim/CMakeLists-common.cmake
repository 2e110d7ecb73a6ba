# lwipsim_common: the parts of the simulator that do not depend on lwIP
# (pcap reading/writing, scenario files, the replay flow rewriter, the
# worst-case bounds), so every
# per-profile runner and the unit tests link one copy. Included from the
# top-level CMakeLists.txt, which has already found PkgConfig::PCAP and
# PkgConfig::INIH.

file(GLOB LWIPSIM_COMMON_SOURCES CONFIGURE_DEPENDS
  ${CMAKE_CURRENT_LIST_DIR}/common/*.c
  ${CMAKE_CURRENT_LIST_DIR}/capture/*.c
  ${CMAKE_CURRENT_LIST_DIR}/scenario/*.c
  ${CMAKE_CURRENT_LIST_DIR}/replay/*.c
  ${CMAKE_CURRENT_LIST_DIR}/analysis/*.c)

add_library(lwipsim_common STATIC ${LWIPSIM_COMMON_SOURCES})
target_include_directories(lwipsim_common PUBLIC ${CMAKE_CURRENT_LIST_DIR})
target_link_libraries(lwipsim_common PUBLIC PkgConfig::PCAP PkgConfig::INIH PkgConfig::CJSON)
# _GNU_SOURCE: getline, realpath and the BSD types (u_char) libpcap's headers use.
target_compile_definitions(lwipsim_common PRIVATE _GNU_SOURCE)
target_link_libraries(lwipsim_common PRIVATE lwipsim_warnings)
