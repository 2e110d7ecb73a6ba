/* `lwipsim report --shard I/N` and `--merge DIR...`: which of a report's runs
 * a shard makes, its partial output (DIR/shard.json), and the merge that puts
 * the shards' outputs back into the input an unsharded report builds from, so
 * the merged report is byte-identical to the unsharded one. */
#ifndef LWIPSIM_REPORT_SHARD_H
#define LWIPSIM_REPORT_SHARD_H

#include <cjson/cJSON.h>
#include <stddef.h>

/* The file a shard writes into its --out folder. */
#define LWIPSIM_SHARD_FILE "shard.json"

/* A report's sweep values depend on every scenario's runs of their profile
 * (the default range is around the demand peaks and lwIP's bound), so the
 * shard that makes a profile's sweep runs must have made all of its first
 * runs too. With at least as many profiles as shards, each profile is one
 * shard's, whole (no run is made twice). With fewer, every shard makes every
 * profile's first runs (faithful and demand, a small part of the work) and
 * keeps its I-th of them, and the sweep runs are dealt out one by one. */
enum lwipsim_shard_mode { LWIPSIM_SHARD_NONE, LWIPSIM_SHARD_BY_PROFILE, LWIPSIM_SHARD_BY_RUN };

struct lwipsim_shard {
  unsigned index, count; /* 1-based I of N; count 0: not sharded */
  enum lwipsim_shard_mode mode;
};

/* Parses "I/N" (1 <= I <= N <= 1024); 0 or -1. */
int lwipsim_shard_parse(const char *text, struct lwipsim_shard *sh);
/* Picks the mode for np profiles (call once the profiles are known). */
void lwipsim_shard_plan(struct lwipsim_shard *sh, size_t np);
/* Whether this shard makes profile p's faithful and demand runs. */
int lwipsim_shard_runs_profile(const struct lwipsim_shard *sh, size_t p);
/* Whether the (profile p, scenario s) runs go into this shard's output;
 * ns is the number of scenarios. */
int lwipsim_shard_keeps_run(const struct lwipsim_shard *sh, size_t p, size_t s, size_t ns);
/* Whether this shard makes sweep run number k (counted over the whole
 * report, in the order an unsharded report makes them) of profile p. */
int lwipsim_shard_makes_sweep(const struct lwipsim_shard *sh, size_t p, size_t k);

/* Drops the runs this shard does not keep from input's profiles and writes
 * DIR/shard.json; 0, or 2 with one line on stderr. */
int lwipsim_shard_write(const struct lwipsim_shard *sh, cJSON *input, const char *dir);

/* Reads DIR/shard.json of every dir and returns the input the unsharded
 * report builds from, or NULL after one line on stderr naming the folder: a
 * missing or unreadable shard, one of another report's configuration, one
 * given twice, or a shard count that does not add up. */
cJSON *lwipsim_shard_merge(const char *const *dirs, size_t n);

#endif
