# The RP2040 firmware images (firmware/) as a step of the host build: a
# separate CMake build in BUILD/firmware with the ARM toolchain
# (cmake/toolchain-arm-none-eabi.cmake), after the host's `lwipsim`, whose
# `fw-ram --check` is the images' RAM report and fit check. So
# `cmake --build build` (and ci/setup.sh) builds the images too, and the
# tests labelled `firmware` find them in BUILD/firmware/bin.
#
# LWIPSIM_FIRMWARE_IMAGES: AUTO (default) builds them when Debian's
# gcc-arm-none-eabi and picolibc-arm-none-eabi are installed, ON requires
# them, OFF skips them.
set(LWIPSIM_FIRMWARE_IMAGES AUTO CACHE STRING "Build the RP2040 firmware images with the host build: AUTO, ON or OFF")
set_property(CACHE LWIPSIM_FIRMWARE_IMAGES PROPERTY STRINGS AUTO ON OFF)

set(LWIPSIM_FIRMWARE_DIR "${CMAKE_BINARY_DIR}/firmware")
set(LWIPSIM_FIRMWARE_ENABLED OFF)
if(NOT LWIPSIM_FIRMWARE_IMAGES STREQUAL "OFF")
  find_program(LWIPSIM_HOST_ARM_GCC arm-none-eabi-gcc)
  if(LWIPSIM_HOST_ARM_GCC AND EXISTS "/usr/lib/picolibc/arm-none-eabi/picolibc.specs")
    set(LWIPSIM_FIRMWARE_ENABLED ON)
  elseif(LWIPSIM_FIRMWARE_IMAGES STREQUAL "ON")
    message(FATAL_ERROR " LWIPSIM_FIRMWARE_IMAGES=ON: no arm-none-eabi-gcc or picolibc; apt-get install gcc-arm-none-eabi picolibc-arm-none-eabi")
  else()
    message(STATUS "lwipsim: no ARM toolchain, RP2040 firmware images not built (apt-get install gcc-arm-none-eabi picolibc-arm-none-eabi)")
  endif()
endif()

if(LWIPSIM_FIRMWARE_ENABLED)
  include(ExternalProject)
  set(fw_args
    "-DCMAKE_TOOLCHAIN_FILE=${PROJECT_SOURCE_DIR}/cmake/toolchain-arm-none-eabi.cmake"
    -DLWIPSIM_FIRMWARE=ON
    -DCMAKE_BUILD_TYPE=MinSizeRel
    "-DLWIPSIM_FW_RAM_TOOL=$<TARGET_FILE:lwipsim>"
    "-DLWIPSIM_LWIP_CACHE=${LWIPSIM_LWIP_CACHE}"
    "-DLWIP_DIR=${LWIP_DIR}")
  if(CMAKE_C_COMPILER_LAUNCHER)
    list(APPEND fw_args "-DCMAKE_C_COMPILER_LAUNCHER=${CMAKE_C_COMPILER_LAUNCHER}")
  endif()
  ExternalProject_Add(lwipsim-firmware
    SOURCE_DIR "${PROJECT_SOURCE_DIR}"
    BINARY_DIR "${LWIPSIM_FIRMWARE_DIR}"
    CMAKE_ARGS ${fw_args}
    INSTALL_COMMAND ""
    # The firmware build has its own dependency tracking: run it every time
    # (nothing to do costs about a second).
    BUILD_ALWAYS ON
    DEPENDS lwipsim)
endif()

# The ILP32 host chip (firmware/ilp32, `lwipsim replay --target ilp32`): the
# same firmware sources built for Linux i386 in BUILD/firmware-ilp32 with
# cmake/toolchain-i386-ilp32.cmake. LWIPSIM_FIRMWARE_ILP32: AUTO (default)
# builds it when gcc can link a -m32 program (Debian's gcc-multilib), ON
# requires that, OFF skips it. Without it, its tests skip and say why.
set(LWIPSIM_FIRMWARE_ILP32 AUTO CACHE STRING "Build the ILP32 host chip (gcc -m32) with the host build: AUTO, ON or OFF")
set_property(CACHE LWIPSIM_FIRMWARE_ILP32 PROPERTY STRINGS AUTO ON OFF)
set(LWIPSIM_FIRMWARE_ILP32_DIR "${CMAKE_BINARY_DIR}/firmware-ilp32")
set(LWIPSIM_FIRMWARE_ILP32_ENABLED OFF)
if(NOT LWIPSIM_FIRMWARE_ILP32 STREQUAL "OFF")
  find_program(LWIPSIM_HOST_GCC gcc)
  set(probe_dir "${CMAKE_BINARY_DIR}/CMakeFiles/lwipsim-m32-probe")
  file(MAKE_DIRECTORY "${probe_dir}")
  file(WRITE "${probe_dir}/m32.c" "int main(void) { return sizeof(void *) == 4 ? 0 : 1; }\n")
  set(m32_rc 1)
  if(LWIPSIM_HOST_GCC)
    execute_process(COMMAND "${LWIPSIM_HOST_GCC}" -m32 -no-pie "${probe_dir}/m32.c" -o "${probe_dir}/m32"
                    RESULT_VARIABLE m32_rc OUTPUT_QUIET ERROR_QUIET)
  endif()
  if(m32_rc EQUAL 0)
    set(LWIPSIM_FIRMWARE_ILP32_ENABLED ON)
  elseif(LWIPSIM_FIRMWARE_ILP32 STREQUAL "ON")
    message(FATAL_ERROR " LWIPSIM_FIRMWARE_ILP32=ON: gcc cannot link a -m32 program; apt-get install gcc-multilib")
  else()
    message(STATUS "lwipsim: gcc cannot link -m32, the ILP32 host chip is not built (apt-get install gcc-multilib)")
  endif()
endif()

if(LWIPSIM_FIRMWARE_ILP32_ENABLED)
  include(ExternalProject)
  set(ilp32_args
    "-DCMAKE_TOOLCHAIN_FILE=${PROJECT_SOURCE_DIR}/cmake/toolchain-i386-ilp32.cmake"
    -DLWIPSIM_FIRMWARE=ON
    -DLWIPSIM_FW_ILP32=ON
    # as the RP2040 images (-Os): the same code, the same allocations
    -DCMAKE_BUILD_TYPE=MinSizeRel
    "-DLWIPSIM_LWIP_CACHE=${LWIPSIM_LWIP_CACHE}"
    "-DLWIP_DIR=${LWIP_DIR}")
  if(CMAKE_C_COMPILER_LAUNCHER)
    list(APPEND ilp32_args "-DCMAKE_C_COMPILER_LAUNCHER=${CMAKE_C_COMPILER_LAUNCHER}")
  endif()
  ExternalProject_Add(lwipsim-firmware-ilp32
    SOURCE_DIR "${PROJECT_SOURCE_DIR}"
    BINARY_DIR "${LWIPSIM_FIRMWARE_ILP32_DIR}"
    CMAKE_ARGS ${ilp32_args}
    INSTALL_COMMAND ""
    BUILD_ALWAYS ON)
endif()
