# Helpers about lwIP trees and profile folders, shared by the host build
# (cmake/LwipsimProfile.cmake) and the firmware build (firmware/).

# Reads KEY from a profile.ini into OUT ("" when absent).
function(lwipsim_profile_ini_get file key out)
  file(STRINGS "${file}" lines REGEX "^[ \t]*${key}[ \t]*=")
  set(value "")
  if(lines)
    list(GET lines 0 line)
    string(REGEX REPLACE "^[ \t]*${key}[ \t]*=[ \t]*" "" value "${line}")
    string(STRIP "${value}" value)
  endif()
  set(${out} "${value}" PARENT_SCOPE)
endfunction()

# The version an lwIP tree declares in lwip/init.h, e.g. 2.2.1.
function(lwipsim_lwip_tree_version dir out)
  set(init "${dir}/src/include/lwip/init.h")
  if(NOT EXISTS "${init}")
    message(FATAL_ERROR "${dir}: not an lwIP tree (no src/include/lwip/init.h). "
                        "Run ci/fetch-lwip.sh or point -DLWIP_DIR at lwIP sources.")
  endif()
  foreach(part MAJOR MINOR REVISION)
    file(STRINGS "${init}" l REGEX "#define LWIP_VERSION_${part}[ \t]")
    string(REGEX MATCH "[0-9]+" v "${l}")
    list(APPEND parts "${v}")
  endforeach()
  list(JOIN parts "." version)
  set(${out} "${version}" PARENT_SCOPE)
endfunction()

# lwIP tree for a version: LWIP_DIR when given, else the fetched cache.
function(lwipsim_lwip_dir_for version out)
  if(LWIP_DIR)
    set(${out} "${LWIP_DIR}" PARENT_SCOPE)
  else()
    set(${out} "${LWIPSIM_LWIP_CACHE}/${version}" PARENT_SCOPE)
  endif()
endfunction()

# The lwIP sources we compile, from the tree's own src/Filelists.cmake: core,
# IPv4, IPv6, ethernet.c, mDNS, SNTP and MQTT, sorted by path (the order a glob
# gave, so the archives and runners stay as they were).
#
# Filelists.cmake does more than set lists: past the lists it configure_file()s
# lwip/init.h and the Doxyfile into the lwIP tree itself and defines the
# targets lwipcore, lwipallapps and lwipmbedtls (without an include guard in
# 2.1.3). The tree may be shared or read-only and two trees would define the
# targets twice, so only the part before the first configure_file() is
# included: a copy in the build tree, read once per tree, in this function's
# scope (its variables do not leak).
function(lwipsim_lwip_sources lwip_dir out)
  get_filename_component(lwip_dir "${lwip_dir}" ABSOLUTE)
  string(MD5 key "${lwip_dir}")
  get_property(cached GLOBAL PROPERTY LWIPSIM_LWIP_SOURCES_${key} SET)
  if(cached)
    get_property(srcs GLOBAL PROPERTY LWIPSIM_LWIP_SOURCES_${key})
    set(${out} "${srcs}" PARENT_SCOPE)
    return()
  endif()
  set(filelists "${lwip_dir}/src/Filelists.cmake")
  if(NOT EXISTS "${filelists}")
    message(FATAL_ERROR "${lwip_dir}: no src/Filelists.cmake (lwIP 2.1 or later ships it)")
  endif()
  file(READ "${filelists}" text)
  string(FIND "${text}" "configure_file(" cut)
  if(cut LESS 0)
    message(FATAL_ERROR "${filelists}: no configure_file() to cut the source lists at")
  endif()
  string(SUBSTRING "${text}" 0 ${cut} lists)
  set(copy "${CMAKE_BINARY_DIR}/lwip-filelists/${key}.cmake")
  file(CONFIGURE OUTPUT "${copy}" CONTENT "${lists}" @ONLY)
  set(LWIP_DIR "${lwip_dir}")
  set(LWIP_EXCLUDE_SLIPIF ON) # 2.2.1 tests it with if(NOT ${...})
  include("${copy}")
  set(srcs ${lwipcore_SRCS} ${lwipcore4_SRCS} ${lwipcore6_SRCS} ${lwipmdns_SRCS} ${lwipsntp_SRCS} ${lwipmqtt_SRCS})
  list(FILTER lwipnetif_SRCS INCLUDE REGEX "/netif/ethernet\\.c$")
  list(APPEND srcs ${lwipnetif_SRCS})
  if(NOT srcs)
    message(FATAL_ERROR "${filelists}: no lwipcore_SRCS")
  endif()
  list(SORT srcs)
  set_property(GLOBAL PROPERTY LWIPSIM_LWIP_SOURCES_${key} "${srcs}")
  set(${out} "${srcs}" PARENT_SCOPE)
endfunction()

# Where a profile's own headers are found: its shims/ folder (stand-ins for
# firmware includes such as pico.h), then the folder itself (lwippools.h for
# MEMP_USE_CUSTOM_POOLS). Both come after the overlay, so the sim's lwipopts.h
# and arch/cc.h still win.
function(lwipsim_profile_include_dirs home out)
  set(dirs "")
  if(IS_DIRECTORY "${home}/shims")
    list(APPEND dirs "${home}/shims")
  endif()
  list(APPEND dirs "${home}")
  set(${out} "${dirs}" PARENT_SCOPE)
endfunction()

# Whether the profile's header declares sys_prot_t itself (MicroPython's
# lwipopts_common.h does): a typedef is invisible to #ifdef, so the header is
# compiled once, alone, with a use of the type. Sets OUT to 1 or 0.
function(lwipsim_header_declares_sys_prot_t header incdirs out)
  string(MD5 key "${header};${incdirs};${CMAKE_C_COMPILER}")
  if(DEFINED LWIPSIM_SYS_PROT_T_${key})
    set(${out} "${LWIPSIM_SYS_PROT_T_${key}}" PARENT_SCOPE)
    return()
  endif()
  try_compile(declares
    SOURCE_FROM_CONTENT sys_prot_probe.c
    "#include <stdint.h>\n#include \"${header}\"\nsys_prot_t lwipsim_probe_sys_prot;\nint main(void) { return (int)sizeof lwipsim_probe_sys_prot == 0; }\n"
    CMAKE_FLAGS "-DINCLUDE_DIRECTORIES=${incdirs}"
    NO_CACHE)
  if(declares)
    set(v 1)
  else()
    set(v 0)
  endif()
  set(LWIPSIM_SYS_PROT_T_${key} "${v}" CACHE INTERNAL "sys_prot_t declared by ${header}")
  set(${out} "${v}" PARENT_SCOPE)
endfunction()
