# lwipsim_common: the parts of the simulator that do not depend on lwIP
# (pcap reading/writing, scenario files, the replay flow rewriter, the
# worst-case bounds), so every
# per-profile runner and the unit tests link one copy. Included from the
# top-level CMakeLists.txt, which has already found libpcap (PCAP_*) and
# PkgConfig::INIH.

file(GLOB LWIPSIM_COMMON_SOURCES CONFIGURE_DEPENDS
  ${CMAKE_CURRENT_LIST_DIR}/common/*.c
  ${CMAKE_CURRENT_LIST_DIR}/capture/*.c
  ${CMAKE_CURRENT_LIST_DIR}/scenario/*.c
  ${CMAKE_CURRENT_LIST_DIR}/replay/*.c
  ${CMAKE_CURRENT_LIST_DIR}/analysis/*.c)

add_library(lwipsim_common STATIC ${LWIPSIM_COMMON_SOURCES})
target_include_directories(lwipsim_common PUBLIC ${CMAKE_CURRENT_LIST_DIR})
# libpcap is loaded when first needed (capture/pcap_lib.c, dlopen), not
# linked: its headers only, and its SONAME, read from the library found.
target_link_libraries(lwipsim_common PUBLIC PkgConfig::INIH PkgConfig::CJSON ${CMAKE_DL_LIBS})
target_include_directories(lwipsim_common PUBLIC ${PCAP_INCLUDE_DIRS})
find_library(LWIPSIM_LIBPCAP_FILE NAMES pcap HINTS ${PCAP_LIBRARY_DIRS})
set(LWIPSIM_LIBPCAP_SONAME "")
if(LWIPSIM_LIBPCAP_FILE AND CMAKE_OBJDUMP)
  execute_process(COMMAND ${CMAKE_OBJDUMP} -p ${LWIPSIM_LIBPCAP_FILE} OUTPUT_VARIABLE lwipsim_pcap_dyn ERROR_QUIET)
  string(REGEX MATCH "SONAME +([^ \n]+)" lwipsim_pcap_match "${lwipsim_pcap_dyn}")
  set(LWIPSIM_LIBPCAP_SONAME "${CMAKE_MATCH_1}")
endif()
if(LWIPSIM_LIBPCAP_SONAME STREQUAL "")
  message(FATAL_ERROR "cannot read libpcap's SONAME (${LWIPSIM_LIBPCAP_FILE}, objdump ${CMAKE_OBJDUMP}); install libpcap-dev and binutils")
endif()
set_property(SOURCE ${CMAKE_CURRENT_LIST_DIR}/capture/pcap_lib.c APPEND PROPERTY COMPILE_DEFINITIONS
             LWIPSIM_LIBPCAP_SONAME="${LWIPSIM_LIBPCAP_SONAME}")
# _GNU_SOURCE: getline, realpath and the BSD types (u_char) libpcap's headers use.
target_compile_definitions(lwipsim_common PRIVATE _GNU_SOURCE)
target_link_libraries(lwipsim_common PRIVATE lwipsim_warnings)
