/* The overlay (sim/stack/port/include/lwipopts.h) and the list that writes
 * sim_changed_options (lwipsim_overlay_list.h) stay in step: every macro the
 * overlay #undefs is named by a list entry, and every entry's option is
 * #undef'd by the overlay. The list needing LWIPSIM_PROFILE_HAD_<OPTION> is
 * checked by the compiler; this is the direction it cannot see. */
#include "test_overlay_list.h"

#include "stack/port/include/lwipsim_overlay_list.h"

#include <stdio.h>
#include <string.h>

struct entry {
  const char *option;
  const char *line; /* when the profile's header defined it: names every macro before the colon */
};

#define AS_ENTRY(option, listed, when_defined, when_undefined) { #option, when_defined },
static const struct entry entries[] = { LWIPSIM_OVERLAY_OPTIONS(AS_ENTRY) };
#undef AS_ENTRY
#define N_ENTRIES (sizeof entries / sizeof entries[0])

/* Is name one of the comma-separated macros before line's colon? */
static int line_names(const char *line, const char *name)
{
  const char *end = strchr(line, ':');
  size_t n = strlen(name);

  for (const char *p = line; end != NULL && p < end; p += strcspn(p, ",:"), p += strspn(p, ", ")) {
    if ((size_t)(end - p) >= n && strncmp(p, name, n) == 0 && (p[n] == ',' || p[n] == ':')) {
      return 1;
    }
  }
  return 0;
}

/* The names the overlay #undefs, one per line of names. */
static size_t overlay_undefs(char names[][64], size_t max)
{
  FILE *f = fopen(LWIPSIM_SOURCE_DIR "/sim/stack/port/include/lwipopts.h", "r");
  char line[512];
  size_t n = 0;

  ck_assert_msg(f != NULL, "cannot read the overlay");
  while (fgets(line, sizeof line, f) != NULL) {
    char name[64];

    if (sscanf(line, " #undef %63s", name) == 1 && n < max) {
      strcpy(names[n++], name);
    }
  }
  fclose(f);
  return n;
}

START_TEST(test_every_undef_is_listed)
{
  char names[64][64];
  size_t n = overlay_undefs(names, 64);

  ck_assert_uint_ge(n, N_ENTRIES);
  for (size_t i = 0; i < n; i++) {
    int found = 0;

    for (size_t e = 0; e < N_ENTRIES && !found; e++) {
      found = strcmp(entries[e].option, names[i]) == 0 || line_names(entries[e].line, names[i]);
    }
    ck_assert_msg(found, "the overlay #undefs %s, which no entry of lwipsim_overlay_list.h names", names[i]);
  }
}
END_TEST

START_TEST(test_every_entry_is_undefined)
{
  char names[64][64];
  size_t n = overlay_undefs(names, 64);

  for (size_t e = 0; e < N_ENTRIES; e++) {
    int found = 0;

    for (size_t i = 0; i < n && !found; i++) {
      found = strcmp(entries[e].option, names[i]) == 0;
    }
    ck_assert_msg(found, "lwipsim_overlay_list.h lists %s, which the overlay does not replace", entries[e].option);
    ck_assert_msg(line_names(entries[e].line, entries[e].option), "the line for %s does not name it: %s",
                  entries[e].option, entries[e].line);
  }
}
END_TEST

Suite *overlay_list_suite(void)
{
  Suite *s = suite_create("overlay_list");
  TCase *tc = tcase_create("core");

  tcase_add_test(tc, test_every_undef_is_listed);
  tcase_add_test(tc, test_every_entry_is_undefined);
  suite_add_tcase(s, tc);
  return s;
}
