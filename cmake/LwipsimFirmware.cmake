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
