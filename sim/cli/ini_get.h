/* One value from an INI file (profile.ini, scenario.ini), read with inih. */
#ifndef LWIPSIM_INI_GET_H
#define LWIPSIM_INI_GET_H

#include <stddef.h>

/* 1 found (value in out), 0 absent, -1 file unreadable or not INI. */
int lwipsim_ini_get(const char *path, const char *section, const char *key, char *out, size_t cap);

#endif
