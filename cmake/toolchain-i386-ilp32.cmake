# The ILP32 host chip (firmware/ilp32): the firmware's sources built for
# Linux i386 with the host's gcc and Debian's gcc-multilib (libc6-dev-i386;
# the child links libc only, so no i386 multiarch packages). Used by the host
# build's lwipsim-firmware-ilp32 step (cmake/LwipsimFirmware.cmake).
#  -m32: 4-byte pointers, as on the RP2040.
#  -malign-double: 8-byte types (uint64_t, double) 8-byte aligned in
#    structures, as the ARM EABI has them (the i386 ABI aligns them to 4), so
#    the mailbox's and the run state's layout is the one the host checks
#    (sim/stack/target/fw_protocol.h, LWIPSIM_FW_LAYOUT) and lwIP's
#    structures are the chip's.
#  -fshort-enums: an enum as small as its values, as arm-none-eabi's ABI
#    has it (lwIP's structures hold enums: tcp_pcb's state).
#  -fno-pie / -no-pie: the symbol addresses in the ELF (lwipsim_fw_mailbox,
#    lwipsim_fw_state) are the running process's, as the host reads them
#    (sim/stack/target/target_image.c).
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR i386)
set(CMAKE_C_COMPILER gcc)
set(CMAKE_C_FLAGS_INIT "-m32 -malign-double -fshort-enums -fno-pie")
set(CMAKE_EXE_LINKER_FLAGS_INIT "-m32 -no-pie")
