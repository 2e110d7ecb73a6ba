# One lwIP library and one runner per (profile, lwIP version).
#
# A profile is a folder with lwipopts.h and profile.ini (docs/profiles.md).
# lwIP is compiled with the sim's observability overlay (sim/stack/port/include),
# which includes the profile's header by absolute path and then only turns on
# observation; lwIP keeps its own warnings, our code gets -Werror.

include("${CMAKE_CURRENT_LIST_DIR}/LwipsimLwip.cmake")

# Two lists of profiles: bin/profiles.tsv for this build tree (absolute
# folders; the front end reads it next to itself), and install/profiles.tsv
# for `cmake --install` (the installed profiles only, folders relative to the
# installed index). Runners are named relative to the index's folder.
set(LWIPSIM_PROFILE_INDEX "${CMAKE_BINARY_DIR}/bin/profiles.tsv")
set(LWIPSIM_INSTALL_INDEX "${CMAKE_BINARY_DIR}/install/profiles.tsv")
file(WRITE "${LWIPSIM_PROFILE_INDEX}" "")
file(WRITE "${LWIPSIM_INSTALL_INDEX}" "")
# Installed layout (cmake/LwipsimInstall.cmake): runners and the index in
# LWIPSIM_INSTALL_RUNNER_DIR, data (profiles, scenarios, the sources a user
# profile is built from) in LWIPSIM_INSTALL_DATA_DIR.
set(LWIPSIM_INSTALL_RUNNER_DIR "${CMAKE_INSTALL_LIBEXECDIR}/lwipsim")
set(LWIPSIM_INSTALL_DATA_DIR "${CMAKE_INSTALL_DATADIR}/lwipsim")
if(LWIPSIM_SANITIZE OR LWIPSIM_FUZZ)
  set(LWIPSIM_ASAN ON)
endif()

# Static lwIP library for (profile, tree); the target name is returned.
# HOME is the folder the header lives in (the user's own folder for a staged
# profile), whose shims/ and lwippools.h lwIP may include.
function(lwipsim_add_lwip_library target lwip_dir profile_header home)
  lwipsim_lwip_sources("${lwip_dir}" srcs)
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
  # lwIP is compiled as it always was, outside link-time optimization
  # (CMakeLists.txt, LWIPSIM_LTO): a pool's failure sites name lwIP's
  # functions from return addresses, and inlining across lwIP's files would
  # change the names a record gives (pbuf_alloc inlined into
  # tcp_output_alloc_header_common, say). It also keeps the probes' wraps
  # whole: --wrap redirects only references the linker sees undefined.
  set_property(TARGET ${target} PROPERTY INTERPROCEDURAL_OPTIMIZATION OFF)
  if(LWIPSIM_ASAN)
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
  ${PROJECT_SOURCE_DIR}/sim/stack/probe/heap_probe.c
  ${PROJECT_SOURCE_DIR}/sim/stack/probe/pool_config.c
  ${PROJECT_SOURCE_DIR}/sim/stack/probe/resolved_options.c
  ${PROJECT_SOURCE_DIR}/sim/stack/probe/assert_policy.c
  ${PROJECT_SOURCE_DIR}/sim/stack/netif/device_netifs.c
  ${PROJECT_SOURCE_DIR}/sim/stack/netif/replay_netif.c
  ${PROJECT_SOURCE_DIR}/sim/stack/netif/impact_watch.c
  ${PROJECT_SOURCE_DIR}/sim/stack/netif/trace.c
  ${PROJECT_SOURCE_DIR}/sim/stack/device/device.c
  ${PROJECT_SOURCE_DIR}/sim/stack/device/http_server.c
  ${PROJECT_SOURCE_DIR}/sim/stack/device/mdns_app.c
  ${PROJECT_SOURCE_DIR}/sim/stack/device/mqtt_app.c
  ${PROJECT_SOURCE_DIR}/sim/stack/device/tcp_client.c
  ${PROJECT_SOURCE_DIR}/sim/stack/device/http_client.c
  ${PROJECT_SOURCE_DIR}/sim/stack/device/udp_app.c
  ${PROJECT_SOURCE_DIR}/sim/stack/device/net_services.c
  ${PROJECT_SOURCE_DIR}/sim/stack/cursor/frame_cursor.c
  ${PROJECT_SOURCE_DIR}/sim/stack/engine/engine.c
  ${PROJECT_SOURCE_DIR}/sim/stack/netif/tap_netif.c
  ${PROJECT_SOURCE_DIR}/sim/stack/engine/realtime.c)

set(LWIPSIM_WRAPS
  -Wl,--wrap=memp_malloc -Wl,--wrap=memp_free -Wl,--wrap=sys_timeout -Wl,--wrap=tcp_timer_needed
  -Wl,--wrap=mem_malloc -Wl,--wrap=mem_calloc -Wl,--wrap=mem_trim -Wl,--wrap=mem_free)

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
    add_executable(${runner} ${LWIPSIM_PROFILE_SOURCES} ${PROJECT_SOURCE_DIR}/sim/runner/main.c
      ${PROJECT_SOURCE_DIR}/sim/runner/serve.c)
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
    target_include_directories(${runner} PRIVATE ${PROJECT_SOURCE_DIR}/sim)
    target_link_libraries(${runner} PRIVATE ${lib} lwipsim_target lwipsim_run_record lwipsim_common lwipsim_warnings
                          ${LWIPSIM_WRAPS})
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

  # The faithful library by profile name (the lwIP unit tests link one).
  set_property(GLOBAL PROPERTY LWIPSIM_LWIP_LIB_${name} ${faithful_lib})
  if(LWIPSIM_PROFILE_NOT_LISTED)
    return() # runners a test calls directly: not in `lwipsim profiles`
  endif()
  file(APPEND "${LWIPSIM_PROFILE_INDEX}"
    "${name}\t${version}\t${policy}\t${faithful_runner}\t${dir}\t${description}\t${demand_runner}\n")
  if(LWIPSIM_PROFILE_INSTALL)
    # Installed with its runners; its folder relative to the installed index.
    get_filename_component(parent "${dir}" DIRECTORY)
    get_filename_component(root "${parent}" NAME)
    file(RELATIVE_PATH rel "/p/${LWIPSIM_INSTALL_RUNNER_DIR}" "/p/${LWIPSIM_INSTALL_DATA_DIR}/${root}/${name}")
    file(APPEND "${LWIPSIM_INSTALL_INDEX}"
      "${name}\t${version}\t${policy}\t${faithful_runner}\t${rel}\t${description}\t${demand_runner}\n")
    install(TARGETS ${faithful_runner} ${demand_runner} RUNTIME DESTINATION "${LWIPSIM_INSTALL_RUNNER_DIR}")
    set_property(GLOBAL APPEND PROPERTY LWIPSIM_INSTALL_PROFILE_ROOTS "${parent}")
    set_property(GLOBAL APPEND PROPERTY LWIPSIM_LWIP_TREES "${version}=${lwip_dir}")
  endif()
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
  set(LWIPSIM_PROFILE_INSTALL OFF)
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
  set(LWIPSIM_PROFILE_INSTALL OFF)
  set(LWIPSIM_LWIP_OPT_LEVEL -O0)
  lwipsim_add_profile("${dir}")
endfunction()

# bin/layout.tsv: where this build's front end finds what is not a runner
# (docs/ARCHITECTURE.md, "Build"): the bundled data (lwipopts/, scenarios/),
# the sources and lwIP trees a `report --lwipopts` build is configured from,
# the folder it builds in, and the configure arguments that make its runners
# like this build's. The installed copy (cmake/LwipsimInstall.cmake) names
# installed folders, relative to itself.
function(lwipsim_layout_args out)
  set(args "")
  foreach(v CMAKE_BUILD_TYPE CMAKE_C_COMPILER LWIPSIM_SANITIZE LWIPSIM_FUZZ LWIPSIM_FUZZ_FLAGS)
    list(APPEND args "arg\t-D${v}=${${v}}\n")
  endforeach()
  list(JOIN args "" text)
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

function(lwipsim_write_layout)
  lwipsim_layout_args(args)
  set(t "data\t${PROJECT_SOURCE_DIR}\nsource\t${PROJECT_SOURCE_DIR}\n")
  string(APPEND t "lwip_cache\t${LWIPSIM_LWIP_CACHE}\n")
  if(LWIP_DIR)
    string(APPEND t "lwip_dir\t${LWIP_DIR}\n")
  endif()
  string(APPEND t "user_build\t${CMAKE_BINARY_DIR}/user-build\ncmake\t${CMAKE_COMMAND}\n${args}")
  file(CONFIGURE OUTPUT "${CMAKE_BINARY_DIR}/bin/layout.tsv" CONTENT "${t}")
endfunction()
