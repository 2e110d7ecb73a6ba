/* A firmware's lwipopts.h with some pool sizes raised, the rest of it
 * byte for byte as it was (lwipsim fix). */
#ifndef LWIPSIM_LWIPOPTS_PATCH_H
#define LWIPSIM_LWIPOPTS_PATCH_H

#include <stddef.h>

struct lwipsim_option_change {
  char macro[64];   /* MEMP_NUM_SYS_TIMEOUT */
  long configured;  /* the value the header gives it now (or lwIP's default) */
  long recommended; /* the value to give it */
  char paste[160];  /* the report's value in its own style: "(LWIP_NUM_SYS_TIMEOUT_INTERNAL + 16)" */
  unsigned step;    /* lwipsim fix: the step that last raised it */
};

/* The header with each change applied:
 * - a macro the header defines keeps its line, its comment and, where it
 *   can, its expression: a number becomes the new number, an expression
 *   gains the difference ("(8 + 3 * (LWIP_IPV4 + LWIP_IPV6) + 12)", a
 *   trailing "+ N" is raised instead);
 * - a macro the header leaves to lwIP's default is added, in one block with
 *   a comment (note), before the include guard's closing #endif.
 * Returns a malloc'd string, or NULL when out of memory. */
char *lwipsim_lwipopts_patch(const char *header, const struct lwipsim_option_change *changes, size_t n,
                             const char *note);

/* The new value for one #define's old value (the rule above), into out. */
void lwipsim_lwipopts_new_value(const char *old_value, long configured, long recommended, char *out, size_t cap);

#endif
