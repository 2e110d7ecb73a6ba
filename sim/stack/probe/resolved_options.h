/* The profile's own lwIP options, resolved as its lwIP compiled them. */
#ifndef LWIPSIM_RESOLVED_OPTIONS_H
#define LWIPSIM_RESOLVED_OPTIONS_H

#include <stddef.h>

#include "common/options.h"

/* Options that matter for pool sizing and the worst-case bounds, after
 * opt.h's defaults, sorted by name. The profile's values in demand runners
 * too. Returns the count; *out stays valid. */
size_t lwipsim_profile_options(const struct lwipsim_option **out);

/* Handler names of lwIP's lwip_cyclic_timers[] in table order, into names
 * (at most max); returns how many entries the table has. */
size_t lwipsim_profile_cyclic_timers(const char **names, size_t max);

#endif
