/* A device's lwIP statistics as stats_display() prints them (lwIP's
 * src/core/stats.c, stats_display_mem: "MEM <name>" then "avail: N",
 * "used: N", "max: N", "err: N", one per line), found in a serial log with
 * any other text around them. */
#ifndef LWIPSIM_COMPARE_STATS_TEXT_H
#define LWIPSIM_COMPARE_STATS_TEXT_H

#include <stddef.h>
#include <stdint.h>

#define LWIPSIM_STATS_MAX_DUMPS 64
#define LWIPSIM_STATS_MAX_ENTRIES 64 /* memp pools and the heap, per dump */
#define LWIPSIM_STATS_NAME_MAX 48

struct lwipsim_stats_entry {
  char name[LWIPSIM_STATS_NAME_MAX]; /* lwIP's name: the pool's description, "MEM" for the heap */
  uint32_t avail, used, max, err;
  unsigned line; /* of the "MEM <name>" line */
};

/* One stats_display() call: its MEM blocks in the order printed. */
struct lwipsim_stats_dump {
  struct lwipsim_stats_entry entries[LWIPSIM_STATS_MAX_ENTRIES];
  size_t n;
  unsigned line; /* of its first block */
};

struct lwipsim_stats_dumps {
  struct lwipsim_stats_dump dump[LWIPSIM_STATS_MAX_DUMPS];
  size_t n;
};

/* Reads every stats_display() dump in path. A block whose name the current
 * dump already has starts the next dump. Returns 0, or -1 with one line in
 * err naming the file, the line and the problem (a block cut short, a field
 * out of order, a number that is not one, no dump at all). */
int lwipsim_stats_read(const char *path, struct lwipsim_stats_dumps *out, char *err, size_t errlen);

/* The entry named name in dump, or NULL. */
const struct lwipsim_stats_entry *lwipsim_stats_find(const struct lwipsim_stats_dump *dump, const char *name);

#endif
