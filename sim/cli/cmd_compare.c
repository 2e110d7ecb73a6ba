/* lwipsim compare: a device's own lwIP statistics (stats_display() output
 * pasted from a serial log) beside a run record, so a prediction can be
 * checked against the field (sim/compare). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "common/json_get.h"
#include "compare/compare.h"
#include "scenario/scenario.h"

#define EXIT_DISAGREE 1
#define EXIT_BAD_INPUT 2

static void help(FILE *out)
{
  fprintf(out, "usage: lwipsim compare --stats FILE --record RUN.json [--at T,...] [--tolerance N]\n\n"
               "Puts a device's lwIP statistics, as stats_display() prints them (\"MEM <pool>\" then\n"
               "avail, used, max, err; paste a serial log, other text is skipped), beside a run record of\n"
               "lwipsim replay: the device's max and err against the simulation's peak and failed, per pool.\n"
               "A pool is flagged when the device used more than the simulation (the recording missed\n"
               "something), ran out where the simulation did not, or when the simulation ran out where the\n"
               "device did not (the scenario is harsher than the field).\n\n"
               "  --stats FILE      the device's serial log with one or more stats_display() dumps\n"
               "  --record FILE     a run record (lwipsim replay --json FILE)\n"
               "  --at T,...        the virtual time of each dump (e.g. 10s,30s,60s): each dump is compared\n"
               "                    with the simulation up to then, from the record's timeline; without it\n"
               "                    the last dump is compared with the whole run\n"
               "  --tolerance N     elements a device's max may exceed the simulation's peak by (default 0)\n\n"
               "lwIP prints the heap as \"MEM MEM\": shown as HEAP, not compared (its bytes depend on the\n"
               "build's pointer width). A pool whose size differs from the record's is marked: is the\n"
               "device built from the same lwipopts.h?\n\n"
               "exit: 0 every pool agrees, 1 a pool is flagged, 2 usage error or unreadable input\n");
}

struct options {
  const char *stats, *record, *at;
  unsigned tolerance;
};

static int parse_args(int argc, char **argv, struct options *o)
{
  static const struct option longopts[] = {
    { "stats", required_argument, 0, 's' }, { "record", required_argument, 0, 'r' },
    { "at", required_argument, 0, 'a' },    { "tolerance", required_argument, 0, 't' },
    { "help", no_argument, 0, 'h' },        { 0, 0, 0, 0 }
  };
  memset(o, 0, sizeof *o);
  optind = 1;
  for (int c; (c = getopt_long(argc, argv, "h", longopts, NULL)) != -1;) {
    uint64_t v;
    switch (c) {
    case 's': o->stats = optarg; break;
    case 'r': o->record = optarg; break;
    case 'a': o->at = optarg; break;
    case 't':
      if (lwipsim_scenario_parse_uint(optarg, 1000000, &v) != 0) {
        fprintf(stderr, "lwipsim compare: --tolerance %s: expected a number of elements from 0 to 1000000\n", optarg);
        return EXIT_BAD_INPUT;
      }
      o->tolerance = (unsigned)v;
      break;
    case 'h': help(stdout); return -1;
    default: help(stderr); return EXIT_BAD_INPUT;
    }
  }
  if (optind < argc) {
    fprintf(stderr, "lwipsim compare: unexpected argument '%s' (see --help)\n", argv[optind]);
    return EXIT_BAD_INPUT;
  }
  if (o->stats == NULL || o->record == NULL) {
    fprintf(stderr, "lwipsim compare: give --stats FILE and --record RUN.json (see --help)\n");
    return EXIT_BAD_INPUT;
  }
  return 0;
}

/* "10s,30s" -> times in ms, exactly one per dump. */
static int parse_at(const char *list, size_t want, long long *at)
{
  char buf[4096];
  if (strlen(list) >= sizeof buf) {
    fprintf(stderr, "lwipsim compare: --at is too long\n");
    return -1;
  }
  snprintf(buf, sizeof buf, "%s", list);
  size_t n = 0;
  char *save = NULL;
  for (char *t = strtok_r(buf, ",", &save); t != NULL; t = strtok_r(NULL, ",", &save)) {
    uint64_t ms;
    if (lwipsim_parse_duration_ms(t, &ms) != 0) {
      fprintf(stderr, "lwipsim compare: --at %s: bad time '%s'; write e.g. 10s,30s,1.5min\n", list, t);
      return -1;
    }
    if (n == want) {
      fprintf(stderr, "lwipsim compare: --at gives more times than the %zu stats dump(s) found\n", want);
      return -1;
    }
    at[n++] = (long long)ms;
  }
  if (n != want) {
    fprintf(stderr, "lwipsim compare: --at gives %zu time(s) for %zu stats dump(s); give one per dump\n", n, want);
    return -1;
  }
  return 0;
}

static void print_cell(long v)
{
  if (v < 0) {
    printf(" %7s", "-");
  } else {
    printf(" %7ld", v);
  }
}

static void print_dump(const struct lwipsim_compare *c)
{
  printf("%-16s %-31s | %-23s\n", "", "device (stats_display)", "simulation (run record)");
  printf("%-16s %7s %7s %7s %7s | %7s %7s %7s\n", "pool", "size", "used", "max", "err", "size", "peak", "failed");
  for (size_t i = 0; i < c->n; i++) {
    const struct lwipsim_compare_row *r = &c->rows[i];
    printf("%-16s", r->pool);
    if (r->on_device) {
      printf(" %7u %7u %7u %7u |", r->dev_avail, r->dev_used, r->dev_max, r->dev_err);
    } else {
      printf(" %7s %7s %7s %7s |", "-", "-", "-", "-");
    }
    if (r->in_record) {
      print_cell(r->sim_size);
      print_cell(r->sim_peak);
      print_cell(r->sim_failed);
    } else {
      printf(" %7s %7s %7s", "-", "-", "-");
    }
    const char *why = lwipsim_compare_flag_text(r->flag);
    if (r->flag == LWIPSIM_CMP_NOT_COMPARED) {
      why = !r->on_device   ? "not in the device's stats"
            : !r->in_record ? "not in the record"
                            : "not compared (host bytes)";
    }
    printf("  %s%s\n", why, r->size_differs ? "; SIZE DIFFERS from the record's: same lwipopts.h?" : "");
  }
}

int lwipsim_cmd_compare(const struct lwipsim_cli *cli, int argc, char **argv)
{
  (void)cli;
  struct options o;
  int rc = parse_args(argc, argv, &o);
  if (rc != 0) {
    return rc < 0 ? 0 : rc;
  }
  static struct lwipsim_stats_dumps dumps;
  char err[512];
  if (lwipsim_stats_read(o.stats, &dumps, err, sizeof err) != 0) {
    fprintf(stderr, "lwipsim compare: %s\n", err);
    return EXIT_BAD_INPUT;
  }
  cJSON *record = lwipsim_json_load(o.record, err, sizeof err);
  if (record == NULL) {
    fprintf(stderr, "lwipsim compare: %s\n", err);
    return EXIT_BAD_INPUT;
  }
  if (!cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(record, "pools"))) {
    fprintf(stderr, "lwipsim compare: %s: not a run record (no pools); write one with lwipsim replay --json\n",
            o.record);
    cJSON_Delete(record);
    return EXIT_BAD_INPUT;
  }
  static long long at[LWIPSIM_STATS_MAX_DUMPS];
  if (o.at != NULL && parse_at(o.at, dumps.n, at) != 0) {
    cJSON_Delete(record);
    return EXIT_BAD_INPUT;
  }
  printf("lwipsim compare: %s (%zu stats dump(s)) with %s (profile %s, scenario %s, outcome %s)\n", o.stats, dumps.n,
         o.record, lwipsim_jstr(record, "profile", "?"), lwipsim_jstr(record, "scenario", "?"),
         lwipsim_jstr(record, "outcome", "?"));
  unsigned flagged = 0;
  static struct lwipsim_compare cmp;
  size_t first = o.at != NULL ? 0 : dumps.n - 1;
  for (size_t d = first; d < dumps.n; d++) {
    if (o.at != NULL) {
      printf("\ndump %zu (line %u) at %lld.%03lld s: the simulation up to then\n", d + 1, dumps.dump[d].line,
             at[d] / 1000, at[d] % 1000);
    } else {
      printf("\ndump %zu of %zu (line %u), against the whole run%s\n", d + 1, dumps.n, dumps.dump[d].line,
             dumps.n > 1 ? " (--at compares each dump)" : "");
    }
    lwipsim_compare_dump(&dumps.dump[d], record, o.at != NULL ? at[d] : -1, o.tolerance, &cmp);
    print_dump(&cmp);
    flagged += cmp.disagree;
  }
  cJSON_Delete(record);
  if (flagged > 0) {
    printf("\n%u pool comparison(s) flagged (tolerance %u)\n", flagged, o.tolerance);
    return EXIT_DISAGREE;
  }
  printf("\nthe device and the simulation agree (tolerance %u)\n", o.tolerance);
  return 0;
}
