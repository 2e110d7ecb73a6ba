/*
 * lwipsim TEST profile (issue 8, failure 1): a header that sets
 * LWIP_CHKSUM_ALGORITHM 0 because the firmware supplies lwip_standard_chksum
 * itself (arduino-pico's include/lwipopts.h does, with an assembler routine).
 * Before the port supplied a portable one, the runner failed to link:
 * "undefined reference to `lwip_standard_chksum'".
 */
#ifndef LWIPSIM_TEST_PROFILE_REGRESS_CHKSUM_0_H
#define LWIPSIM_TEST_PROFILE_REGRESS_CHKSUM_0_H

#include "../../../lwipopts/circuitpython-9.0.5/lwipopts.h"

#undef LWIP_CHKSUM_ALGORITHM
#define LWIP_CHKSUM_ALGORITHM 0

#endif
