/* The run record: JSON for programs (stable keys, byte-identical for
 * identical inputs; docs/run-record.md) and a table for people. */
#ifndef LWIPSIM_RECORD_H
#define LWIPSIM_RECORD_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "stack/state/run_state.h"

struct cJSON;

enum lwipsim_outcome {
  LWIPSIM_OUTCOME_OK,
  LWIPSIM_OUTCOME_POOL_FAILURE,
  LWIPSIM_OUTCOME_PANIC,
  LWIPSIM_OUTCOME_CRASH,
  /* the harness's own ends, never lwIP's: --max-wall reached, or the runner
   * itself failed (out of memory, killed, a record it could not write) */
  LWIPSIM_OUTCOME_TIMEOUT,
  LWIPSIM_OUTCOME_HARNESS_ERROR
};

/* Exit codes shared by the runners and the front end. */
#define LWIPSIM_EXIT_OK 0
#define LWIPSIM_EXIT_USAGE 2
/* The scenario's script needs an lwIP feature the profile turns off
 * (sim/analysis/script_needs.c): one line, no run. `report` lists the pair
 * under "Not run" instead of failing. */
#define LWIPSIM_EXIT_NOT_APPLICABLE 6
#define LWIPSIM_EXIT_POOL_FAILURE 3
#define LWIPSIM_EXIT_PANIC 4
#define LWIPSIM_EXIT_DIVERGED 5 /* --strict: frames diverged (else 0 or 3) */
/* --max-wall: the run was stopped after that many wall-clock seconds. */
#define LWIPSIM_EXIT_TIMEOUT 7
/* The runner failed, not lwIP (outcome harness-error): the status of a usage
 * or input error, so `sweep` and `report` stop with the runner's one line
 * instead of reading a finding into it. */
#define LWIPSIM_EXIT_HARNESS LWIPSIM_EXIT_USAGE

/* The most a runner reads back from its child: a record is at most 256 KiB
 * whatever the run's length (the timelines are bucketed, docs/run-record.md),
 * so anything near this is the harness's failure, not a record. */
#define LWIPSIM_RECORD_READ_MAX (4u << 20)

struct lwipsim_timeline_point;
struct lwipsim_option;

/* A pool's analytic worst case (`pools[].worst_case`), computed by
 * sim/analysis/bounds.c before the run and handed to the serializer as plain
 * data. */
#define LWIPSIM_BOUND_TERMS 8
#define LWIPSIM_BOUND_WHAT 256
#define LWIPSIM_BOUND_BASIS 512

struct lwipsim_bound_term {
  char what[LWIPSIM_BOUND_WHAT];
  uint32_t count;
};

struct lwipsim_bound {
  int bounded;    /* 0: the record says null */
  uint32_t value; /* the sum of the terms' counts */
  char basis[LWIPSIM_BOUND_BASIS];
  /* A bound that grows with what the script does (each mDNS removal, i.e.
   * reload, leaves timers armed): how many it assumes, and the bound per
   * reload in one line. reloads < 0 and formula "": fixed by the options. */
  int32_t reloads;
  char formula[LWIPSIM_BOUND_BASIS];
  size_t n_terms;
  struct lwipsim_bound_term terms[LWIPSIM_BOUND_TERMS];
};

struct lwipsim_worst_case {
  const char *pool; /* lwIP's pool name: SYS_TIMEOUT */
  struct lwipsim_bound bound;
};

struct lwipsim_run_meta {
  const char *profile;
  const char *lwip_version;
  const char *scenario;
  const char *assert_policy;
  const char *mode; /* faithful | demand | demand-capped */
  uint64_t duration_ms;
  const char *const *sim_changed_options;
  size_t n_sim_changed_options;
  int crash_signal; /* 0 unless the run died on a signal */
  /* The profile's resolved lwIP options, sorted by name (`options`). */
  const struct lwipsim_option *options;
  size_t n_options;
  /* The pools with a known worst case; any other pool's is null. */
  const struct lwipsim_worst_case *worst_cases;
  size_t n_worst_cases;
  /* An emulated chip's run (`replay --target`, sim/stack/target): "rp2040",
   * NULL on the host (the record then has no target keys). A HardFault on
   * the chip is a crash with its PC and the function holding it. */
  const char *target;
  int fault;
  uint32_t fault_pc;
  const char *fault_symbol;
  uint64_t target_instructions, target_cycles;
  /* Timeline of pool i, or NULL (a crashed run has none). */
  const struct lwipsim_timeline_point *(*timeline)(size_t pool, size_t *n);
  /* The heap's bytes in use over time, or NULL. */
  const struct lwipsim_timeline_point *(*heap_timeline)(size_t *n);
};

enum lwipsim_outcome lwipsim_record_outcome(const struct lwipsim_run_state *s, int crash_signal);
const char *lwipsim_outcome_name(enum lwipsim_outcome o);
int lwipsim_outcome_exit_code(enum lwipsim_outcome o);

/* The outcome of the run meta and s describe (a chip's HardFault is a crash). */
enum lwipsim_outcome lwipsim_record_run_outcome(const struct lwipsim_run_meta *meta, const struct lwipsim_run_state *s);
/* The record's JSON (docs/run-record.md), written straight from the run
 * state by run_record/json_out.c in cJSON_Print's format (tab indent, no
 * newline at the end); NULL when out of memory. */
char *lwipsim_record_text(const struct lwipsim_run_meta *meta, const struct lwipsim_run_state *s);
/* A cJSON tree as cJSON_Print prints it, its integers without cJSON's
 * per-number printf and sscanf (report.json). */
char *lwipsim_record_print(const struct cJSON *record);

/* `impact` (record_impact.c): null, or what the live device no longer did
 * after the run's first failure that the captured device did. */
struct lwipsim_jw;
void lwipsim_record_impact(struct lwipsim_jw *w, const struct lwipsim_run_state *s);
/* Its services in one line: "mDNS silent from then on (9 of 9 later queries
 * unanswered); ...", "-" for null. */
void lwipsim_impact_text(const struct cJSON *impact, char *buf, size_t cap);
/* Its start: "pool-failure at 10.837 s", "a write refused (ERR_MEM) at 0.514 s". */
void lwipsim_impact_cause_text(const struct cJSON *impact, char *buf, size_t cap);

/* The per-pool table and outcome, from a record (so crash records and
 * records read back from files print the same way). */
void lwipsim_record_print_table(const struct cJSON *record, FILE *out);

#endif
