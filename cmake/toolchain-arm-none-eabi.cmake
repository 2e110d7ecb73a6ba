# Cross toolchain for the RP2040 (Cortex-M0+, Thumb): Debian's
# gcc-arm-none-eabi with picolibc (picolibc-arm-none-eabi). Used by the
# firmware preset (CMakePresets.json), which builds firmware/ only.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR cortex-m0plus)

find_program(LWIPSIM_ARM_GCC arm-none-eabi-gcc)
set(LWIPSIM_PICOLIBC_SPECS "/usr/lib/picolibc/arm-none-eabi/picolibc.specs" CACHE FILEPATH "picolibc's GCC specs file")
if(NOT LWIPSIM_ARM_GCC OR NOT EXISTS "${LWIPSIM_PICOLIBC_SPECS}")
  # (the leading space keeps CMake from wrapping the line)
  message(FATAL_ERROR " firmware preset: no arm-none-eabi-gcc or picolibc; apt-get install gcc-arm-none-eabi picolibc-arm-none-eabi")
endif()

set(CMAKE_C_COMPILER "${LWIPSIM_ARM_GCC}")
set(CMAKE_C_FLAGS_INIT "-mcpu=cortex-m0plus -mthumb -specs=${LWIPSIM_PICOLIBC_SPECS} -ffunction-sections -fdata-sections")
# CMake's compiler checks compile a static library only (no start-up
# file or linker script exists for them); firmware/ links the images.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
