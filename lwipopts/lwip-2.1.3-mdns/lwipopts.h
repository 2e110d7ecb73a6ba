/*
 * lwipsim profile: the CircuitPython 9.0.5 option set run on lwIP 2.1.3.
 *
 * Not a shipped firmware configuration: it is the circuitpython-9.0.5 profile
 * (same features, same values, MEMP_NUM_SYS_TIMEOUT = 11) on lwIP 2.1.3, where
 * the mDNS responder arms at most one timer per netif (mdns_probe, only while
 * probing; facts section 2c), for comparison with the 2.2.x multi-timer mDNS.
 *
 * Nothing needed changing, so this header only includes the 9.0.5 profile.
 * Checked against /tmp/lwipcache/2.1.3 (= lwIP STABLE-2_1_3_RELEASE, facts section 0):
 *   - Every option the 9.0.5 profile sets exists in 2.1.3 (src/include/lwip/opt.h,
 *     src/include/lwip/apps/mdns_opts.h; LWIP_CHKSUM_ALGORITHM in
 *     src/core/inet_chksum.c:58-66) except two, which 2.1.3 simply ignores:
 *       LWIP_DHCP_DOES_ACD_CHECK: 2.2.x only; 2.1.3 has no ACD module, and the
 *         DHCP ARP check it replaces (DHCP_DOES_ARP_CHECK) is already 0.
 *       MDNS_MAX_SECONDARY_HOSTNAMES: Adafruit lwIP fork only (absent from
 *         upstream 2.1.3 and 2.2.1 alike).
 *   - Core timer formula in 2.1.3 (opt.h:508) gives 7 for this set
 *     (TCP + IP_REASSEMBLY + ARP + 2*DHCP + AUTOIP(0) + IGMP + DNS), the same
 *     as 2.2.1 with ACD off, so the init.c:128-131 lower-bound check passes with 11.
 */
#ifndef LWIPSIM_PROFILE_LWIP_2_1_3_MDNS_LWIPOPTS_H
#define LWIPSIM_PROFILE_LWIP_2_1_3_MDNS_LWIPOPTS_H

#include "../circuitpython-9.0.5/lwipopts.h"

#endif /* LWIPSIM_PROFILE_LWIP_2_1_3_MDNS_LWIPOPTS_H */
