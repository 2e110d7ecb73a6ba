/*
 * lwipsim TEST profile: circuitpython-9.0.5 options, and lwIP's IPv4 input
 * hook (ip4.c, LWIP_HOOK_IP4_INPUT) pointed at a function that executes an
 * undefined instruction: the first IPv4 packet ip4_input sees (at 0 ms in
 * mdns-http-reload) takes the chip to the HardFault, which `replay --target rp2040` must report as outcome
 * crash with the faulting PC and its function (tests/firmware). Not a
 * firmware configuration.
 */
#ifndef LWIPSIM_TEST_PROFILE_FW_HARDFAULT_LWIPOPTS_H
#define LWIPSIM_TEST_PROFILE_FW_HARDFAULT_LWIPOPTS_H

#include "../../../../lwipopts/circuitpython-9.0.5/lwipopts.h"

struct pbuf;
struct netif;
int lwipsim_test_ip4_input(struct pbuf *p, struct netif *inp);
#define LWIP_HOOK_IP4_INPUT(p, inp) lwipsim_test_ip4_input((p), (inp))

#endif /* LWIPSIM_TEST_PROFILE_FW_HARDFAULT_LWIPOPTS_H */
