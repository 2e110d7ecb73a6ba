/*
 * lwipsim TEST profile (issue 8, failure 3): LWIP_IGMP 0, as pico-examples'
 * lwipopts_examples_common.h leaves it (mDNS needs IGMP, so it goes too).
 * Before lwipsim's own code sat behind lwIP's #if for IGMP, the runner did not
 * compile: "'ip_to_mac_filter' defined but not used" under -Werror.
 */
#ifndef LWIPSIM_TEST_PROFILE_REGRESS_IGMP_0_H
#define LWIPSIM_TEST_PROFILE_REGRESS_IGMP_0_H

#include "../../../lwipopts/circuitpython-9.0.5/lwipopts.h"

#undef LWIP_IGMP
#define LWIP_IGMP 0
#undef LWIP_MDNS_RESPONDER
#define LWIP_MDNS_RESPONDER 0

#endif
