/*
 * lwipsim TEST profile (issue 8, failure 4): the header defines
 * LWIP_NO_CTYPE_H itself, as CircuitPython 9.2.x's lwipopts.h does. Before
 * the host arch/cc.h stopped defining it, every sim source failed under
 * -Werror: "\"LWIP_NO_CTYPE_H\" redefined".
 */
#ifndef LWIPSIM_TEST_PROFILE_REGRESS_NO_CTYPE_H_H
#define LWIPSIM_TEST_PROFILE_REGRESS_NO_CTYPE_H_H

#include "../../../lwipopts/circuitpython-9.0.5/lwipopts.h"

#define LWIP_NO_CTYPE_H 1

#endif
