# One lwIP library and one runner per (profile, lwIP version).
#
# A profile is a folder with lwipopts.h and profile.ini (docs/profiles.md).
# lwIP is compiled with the sim's observability overlay (sim/stack/port/include),
# which includes the profile's header by absolute path and then only turns on
# observation; lwIP keeps its own warnings, our code gets -Werror.

set(LWIPSIM_PROFILE_INDEX "${CMAKE_BINARY_DIR}/bin/profiles.tsv")
file(WRITE "${LWIPSIM_PROFILE_INDEX}" "")

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
  string(MD5 key "${header};${incdirs}")
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

# Static lwIP library for (profile, tree); the target name is returned.
# HOME is the folder the header lives in (the user's own folder for a staged
# profile), whose shims/ and lwippools.h lwIP may include.
function(lwipsim_add_lwip_library target lwip_dir profile_header home)
  file(GLOB srcs
    "${lwip_dir}/src/core/*.c"
    "${lwip_dir}/src/core/ipv4/*.c"
    "${lwip_dir}/src/core/ipv6/*.c"
    "${lwip_dir}/src/netif/ethernet.c"
    "${lwip_dir}/src/apps/mdns/*.c"
    "${lwip_dir}/src/apps/sntp/sntp.c")
  add_library(${target} STATIC ${srcs})
  lwipsim_profile_include_dirs("${home}" profile_dirs)
  target_include_directories(${target} BEFORE PUBLIC
    "${PROJECT_SOURCE_DIR}/sim/stack/port/include"
    ${profile_dirs}
    "${lwip_dir}/src/include")
  lwipsim_header_declares_sys_prot_t("${profile_header}" "${profile_dirs}" declares_sys_prot_t)
  target_compile_definitions(${target} PUBLIC
    "LWIPSIM_PROFILE_LWIPOPTS=\"${profile_header}\""
    "LWIPSIM_PROFILE_DECLARES_SYS_PROT_T=${declares_sys_prot_t}")
  # LWIPSIM_LWIP_OPT_LEVEL: -O0 for the feature matrix (lwipsim_add_matrix_profile).
  if(NOT LWIPSIM_LWIP_OPT_LEVEL)
    set(LWIPSIM_LWIP_OPT_LEVEL -O2)
  endif()
  target_compile_options(${target} PRIVATE ${LWIPSIM_LWIP_OPT_LEVEL} -g)
  if(LWIPSIM_SANITIZE)
    # Firmware profiles set MEM_ALIGNMENT 4 (right for a Cortex-M0+); on a
    # 64-bit host lwIP then reads pointers at 4-byte boundaries, which x86
    # allows. Changing the alignment would change the profile, so UBSan's
    # alignment check is off for lwIP's code only.
    target_compile_options(${target} PRIVATE -fno-sanitize=alignment)
  endif()
endfunction()

# Every sim source that sees lwIP's options: compiled once per profile.
set(LWIPSIM_PROFILE_SOURCES
  ${PROJECT_SOURCE_DIR}/sim/stack/port/clock.c
  ${PROJECT_SOURCE_DIR}/sim/stack/port/platform.c
  ${PROJECT_SOURCE_DIR}/sim/stack/port/heap_budget.c
  ${PROJECT_SOURCE_DIR}/sim/stack/port/sim_options.c
  ${PROJECT_SOURCE_DIR}/sim/stack/port/firmware_hooks.c
  ${PROJECT_SOURCE_DIR}/sim/stack/probe/probe.c
  ${PROJECT_SOURCE_DIR}/sim/stack/probe/pool_config.c
  ${PROJECT_SOURCE_DIR}/sim/stack/probe/resolved_options.c
  ${PROJECT_SOURCE_DIR}/sim/stack/probe/assert_policy.c
  ${PROJECT_SOURCE_DIR}/sim/stack/netif/replay_netif.c
  ${PROJECT_SOURCE_DIR}/sim/stack/device/device.c
  ${PROJECT_SOURCE_DIR}/sim/stack/device/http_server.c
  ${PROJECT_SOURCE_DIR}/sim/stack/device/mdns_app.c
  ${PROJECT_SOURCE_DIR}/sim/stack/device/tcp_client.c
  ${PROJECT_SOURCE_DIR}/sim/stack/device/http_client.c
  ${PROJECT_SOURCE_DIR}/sim/stack/device/udp_app.c
  ${PROJECT_SOURCE_DIR}/sim/stack/device/net_services.c
  ${PROJECT_SOURCE_DIR}/sim/stack/engine/engine.c
  ${PROJECT_SOURCE_DIR}/sim/stack/netif/tap_netif.c
  ${PROJECT_SOURCE_DIR}/sim/stack/engine/realtime.c)

set(LWIPSIM_WRAPS
  -Wl,--wrap=memp_malloc -Wl,--wrap=memp_free -Wl,--wrap=sys_timeout -Wl,--wrap=tcp_timer_needed)

# lwipsim_add_profile(DIR): libraries + runners + a line in bin/profiles.tsv.
function(lwipsim_add_profile dir)
  get_filename_component(name "${dir}" NAME)
  set(ini "${dir}/profile.ini")
  foreach(required "${dir}/lwipopts.h" "${ini}")
    if(NOT EXISTS "${required}")
      message(FATAL_ERROR "${dir}: profile has no ${required}")
    endif()
  endforeach()
  lwipsim_profile_ini_get("${ini}" lwip_version declared)
  lwipsim_profile_ini_get("${ini}" assert_policy policy)
  lwipsim_profile_ini_get("${ini}" heap_budget_bytes heap)
  lwipsim_profile_ini_get("${ini}" description description)
  if(NOT policy MATCHES "^(panic|silent|abort)$")
    message(FATAL_ERROR "${ini}: assert_policy must be panic, silent or abort (got '${policy}')")
  endif()
  if(NOT declared MATCHES "^[0-9]+\\.[0-9]+\\.[0-9]+$")
    message(FATAL_ERROR "${ini}: lwip_version must look like 2.2.1 (got '${declared}')")
  endif()
  if(heap STREQUAL "")
    set(heap 0)
  endif()
  # A staged user profile (report --lwipopts) names the user's folder: its
  # shims/ and lwippools.h live there, not in the staging folder.
  lwipsim_profile_ini_get("${ini}" user_dir home)
  if(home STREQUAL "")
    set(home "${dir}")
  endif()
  file(GLOB_RECURSE shim_sources "${home}/shims/*.c")
  file(GLOB_RECURSE shim_files RELATIVE "${home}" "${home}/shims/*")
  list(SORT shim_sources)
  list(SORT shim_files)
  lwipsim_lwip_dir_for("${declared}" lwip_dir)
  lwipsim_lwip_tree_version("${lwip_dir}" version)

  string(REGEX REPLACE "[^A-Za-z0-9_.+-]" "_" safe "${name}")
  # Two builds of each profile: faithful (the profile's pool sizes) and
  # demand (pools compiled large; the runner measures need, or caps back).
  # LWIPSIM_PROFILE_FAITHFUL_ONLY (the feature matrix) skips the demand build.
  set(builds faithful demand)
  if(LWIPSIM_PROFILE_FAITHFUL_ONLY)
    set(builds faithful)
  endif()
  foreach(build IN LISTS builds)
    set(variant "")
    if(build STREQUAL "demand")
      set(variant "-demand")
    endif()
    set(lib "lwip-${safe}-${version}${variant}")
    set(runner "lwipsim-run-${safe}-lwip${version}${variant}")
    lwipsim_add_lwip_library(${lib} "${lwip_dir}" "${dir}/lwipopts.h" "${home}")
    if(shim_sources)
      # The profile's own C stand-ins for firmware functions: the user's code,
      # compiled like lwIP (its warnings, not ours).
      # Object files, not an archive: lwIP calls into them and they may call
      # into lwIP, and objects link whatever the order.
      add_library(${lib}-shims OBJECT ${shim_sources})
      target_link_libraries(${lib}-shims PRIVATE ${lib})
    endif()
    add_executable(${runner} ${LWIPSIM_PROFILE_SOURCES} ${PROJECT_SOURCE_DIR}/sim/runner/main.c)
    target_compile_definitions(${runner} PRIVATE
      _GNU_SOURCE
      "LWIPSIM_PROFILE_NAME=\"${name}\""
      "LWIPSIM_LWIP_VERSION_STR=\"${version}\""
      "LWIPSIM_ASSERT_POLICY_STR=\"${policy}\""
      "LWIPSIM_HEAP_BUDGET=${heap}u")
    if(shim_files)
      list(JOIN shim_files ", " shim_list)
      target_compile_definitions(${runner} PRIVATE "LWIPSIM_PROFILE_SHIMS=\"${shim_list}\"")
    endif()
    if(variant STREQUAL "-demand")
      target_compile_definitions(${lib} PUBLIC LWIPSIM_DEMAND=1)
      set(demand_runner ${runner})
    else()
      set(faithful_runner ${runner})
      set(faithful_lib ${lib})
    endif()
    target_compile_options(${runner} PRIVATE ${LWIPSIM_C_WARNINGS})
    target_include_directories(${runner} PRIVATE ${PROJECT_SOURCE_DIR}/sim)
    target_link_libraries(${runner} PRIVATE ${lib} lwipsim_run_record lwipsim_common ${LWIPSIM_WRAPS})
    if(shim_sources)
      target_link_libraries(${runner} PRIVATE ${lib}-shims)
    endif()
    set_target_properties(${runner} PROPERTIES RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/bin")
    if(LWIPSIM_PROFILE_EXCLUDE_FROM_ALL)
      set_target_properties(${lib} ${runner} PROPERTIES EXCLUDE_FROM_ALL TRUE)
      if(shim_sources)
        set_target_properties(${lib}-shims PROPERTIES EXCLUDE_FROM_ALL TRUE)
      endif()
    endif()
  endforeach()

  if(LWIPSIM_PROFILE_NOT_LISTED)
    return() # runners a test calls directly: not in `lwipsim profiles`
  endif()
  file(APPEND "${LWIPSIM_PROFILE_INDEX}"
    "${name}\t${version}\t${policy}\t${faithful_runner}\t${dir}\t${description}\t${demand_runner}\n")
endfunction()

# Every folder under ROOT with a profile.ini is a profile.
function(lwipsim_add_profiles_in root)
  file(GLOB inis "${root}/*/profile.ini")
  list(SORT inis)
  foreach(ini ${inis})
    get_filename_component(dir "${ini}" DIRECTORY)
    lwipsim_add_profile("${dir}")
  endforeach()
endfunction()

# Profiles staged by `lwipsim report --lwipopts` (BUILD/user-profiles/NAME,
# whose profile.ini names the user's folder in user_dir). They are built only
# when the report asks for their runners, and skipped once the user's folder
# is gone, so a deleted temporary folder never breaks the build.
function(lwipsim_add_extra_profiles dirs)
  set(LWIPSIM_PROFILE_EXCLUDE_FROM_ALL ON)
  foreach(dir ${dirs})
    set(user "")
    if(EXISTS "${dir}/profile.ini")
      lwipsim_profile_ini_get("${dir}/profile.ini" user_dir user)
    endif()
    if(NOT EXISTS "${dir}/profile.ini" OR (user AND NOT EXISTS "${user}/lwipopts.h"))
      message(STATUS "lwipsim: user profile ${dir} is gone, skipped")
      continue()
    endif()
    lwipsim_add_profile("${dir}")
  endforeach()
endfunction()

# The feature matrix (tests/matrix): generated headers built only when their
# test asks, faithful runner only, lwIP at -O0 (it is the compile that is
# tested, and speed), and left out of bin/profiles.tsv.
function(lwipsim_add_matrix_profile dir)
  set(LWIPSIM_PROFILE_EXCLUDE_FROM_ALL ON)
  set(LWIPSIM_PROFILE_FAITHFUL_ONLY ON)
  set(LWIPSIM_PROFILE_NOT_LISTED ON)
  set(LWIPSIM_LWIP_OPT_LEVEL -O0)
  lwipsim_add_profile("${dir}")
endfunction()
