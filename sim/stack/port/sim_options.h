/* The options the observability overlay changed for this profile, for the
 * run record's sim_changed_options. */
#ifndef LWIPSIM_SIM_OPTIONS_H
#define LWIPSIM_SIM_OPTIONS_H

#include <stddef.h>

/* Fills out with up to max strings (static storage); returns the count. */
size_t lwipsim_sim_changed_options(const char **out, size_t max);

#endif
