/* What happens when lwIP asserts, per profile: `panic` ends the run like
 * pico-sdk >= 1.5's panic(), `silent` records it and goes on like MicroPython
 * or pico-sdk <= 1.4, `abort` is lwIP's default (print, abort()). */
#ifndef LWIPSIM_ASSERT_POLICY_H
#define LWIPSIM_ASSERT_POLICY_H

enum lwipsim_assert_policy { LWIPSIM_ASSERT_PANIC, LWIPSIM_ASSERT_SILENT, LWIPSIM_ASSERT_ABORT };

/* Returns -1 for an unknown name. */
int lwipsim_assert_policy_parse(const char *name, enum lwipsim_assert_policy *out);
const char *lwipsim_assert_policy_name(enum lwipsim_assert_policy p);

/* Called once the panic is recorded; must not return (writes the record and
 * exits). Without one, the hook exits with status 4. */
void lwipsim_assert_set_policy(enum lwipsim_assert_policy p, void (*on_panic)(void));

#endif
