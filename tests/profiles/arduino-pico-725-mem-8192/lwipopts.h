/*
 * lwipsim TEST profile: arduino-pico 4.7.1's IPv4 options with MEM_SIZE 8192.
 *
 * arduino-pico issue 725 (earlephilhower/arduino-pico#725): one 3851-byte
 * tcp_write on MEM_SIZE 4000 failed where 2920 bytes worked; the fix raised
 * MEM_SIZE to 8192, and later releases to 16384 (today's header,
 * lwipopts/arduino-pico-4.x-ipv4). 8192 is the first fix.
 */
#include "../../../lwipopts/arduino-pico-4.x-ipv4/lwipopts.h"

#undef MEM_SIZE
#define MEM_SIZE 8192
