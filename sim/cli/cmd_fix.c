/* lwipsim fix (and report --fix): the report's recommendation, proven. Runs
 * the report on the header, raises every UNSAFE pool to its recommended
 * size in a copy of the header (cli/lwipopts_patch.c), builds that copy as a
 * profile of its own and runs every scenario on it again; a fix that moves
 * the failure to another pool is raised again, up to --max-steps. Writes
 * the patch against the user's own header, and what each step changed and
 * showed. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/cli_args.h"
#include "cli/commands.h"
#include "cli/lwipopts_patch.h"
#include "cli/run_self.h"
#include "common/json_get.h"
#include "common/read_file.h"
#include "scenario/scenario.h"

extern char **environ;

#define MAX_CHANGES 32
#define MAX_PASS 160
#define EXIT_GATE 3

static void usage(FILE *out)
{
  fprintf(out, "usage: lwipsim fix (--profile NAME | --lwipopts DIR [--lwip-version V --assert-policy P])\n"
               "                   [--scenario DIR ...] [--out DIR] [--max-steps N] [--gate] [--jobs N]\n"
               "       lwipsim report --fix ...   (the same)\n"
               "\n"
               "Proves the report's recommendation: runs the report on the header, raises every UNSAFE\n"
               "pool to its recommended size in a copy of the header, builds the copy as a profile of its\n"
               "own and runs every scenario on it again. When raising one pool moves the failure to\n"
               "another, that one is raised too, up to --max-steps (default 3). Only UNSAFE pools are\n"
               "raised; nothing is lowered.\n"
               "\n"
               "Writes to --out (default fix-NAME): lwipopts.patch (a unified diff against your\n"
               "lwipopts.h: apply it in the header's folder with `patch -p1 < lwipopts.patch` or\n"
               "`git apply`), fix.md (each step's changes, every pool's verdict before and\n"
               "after, each scenario's outcome with the fix, the RAM it costs), before/ and step-N/ (the\n"
               "reports), and NAME-fixN/ (the patched header folders).\n"
               "\n"
               "  --gate          exit 3 when a pool is still UNSAFE with the fix\n"
               "  --max-steps N   at most N rounds of raising (1 to 8)\n"
               "\n"
               "exit: 0 the fix clears every UNSAFE pool (or --gate not given), 2 usage, input, build or\n"
               "      harness error, 3 --gate: UNSAFE even with the fix\n");
}

struct fix {
  const char *profile, *lwipopts, *out;
  const char *pass[MAX_PASS]; /* --scenario, --jobs, --lwip-version, ... for the reports */
  int n_pass;
  int gate;
  unsigned max_steps;
  char name[128];     /* the profile's name */
  char dir[PATH_MAX]; /* the header's folder */
  struct lwipsim_option_change changes[MAX_CHANGES];
  size_t n_changes;
};

/* lwIP's heap, judged in the report's own object (its bytes), joins the
 * pools here as one more entry: MEM_SIZE is raised like a pool's count, and
 * a byte of it is a byte on the chip too. */
static void heap_as_pool(cJSON *report)
{
  cJSON *pr = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(report, "profiles"), 0);
  const cJSON *h = cJSON_GetObjectItemCaseSensitive(pr, "heap");
  cJSON *pools = cJSON_GetObjectItemCaseSensitive(pr, "pools");
  if (!cJSON_IsObject(h) || !cJSON_IsArray(pools) || lwipsim_jstr(h, "macro", NULL) == NULL) {
    return;
  }
  cJSON *p = cJSON_CreateObject();
  cJSON_AddStringToObject(p, "name", "HEAP");
  cJSON_AddStringToObject(p, "macro", lwipsim_jstr(h, "macro", "MEM_SIZE"));
  cJSON_AddNumberToObject(p, "configured", (double)lwipsim_jlong(h, "size_bytes", -1));
  cJSON_AddNumberToObject(p, "demand", (double)lwipsim_jlong(h, "demand_bytes", -1));
  cJSON_AddStringToObject(p, "verdict", lwipsim_jstr(h, "verdict", "?"));
  cJSON_AddNumberToObject(p, "recommended", (double)lwipsim_jlong(h, "recommended_bytes", -1));
  if (lwipsim_jstr(h, "paste", NULL) != NULL) {
    cJSON_AddStringToObject(p, "paste", lwipsim_jstr(h, "paste", ""));
  }
  cJSON_AddNumberToObject(p, "target_element_bytes", 1);
  cJSON_AddItemToArray(pools, p);
}

/* lwipsim report --out OUT/sub for the profile or folder; its report.json. */
static cJSON *run_report(struct fix *f, const char *sub, const char *lwipopts_dir)
{
  char out[PATH_MAX + 64];
  snprintf(out, sizeof out, "%s/%s", f->out, sub);
  const char *argv[MAX_PASS + 16];
  int n = 0;
  argv[n++] = "lwipsim";
  argv[n++] = "report";
  argv[n++] = "--out";
  argv[n++] = out;
  if (lwipopts_dir != NULL) {
    argv[n++] = "--lwipopts";
    argv[n++] = lwipopts_dir;
  } else {
    argv[n++] = "--profile";
    argv[n++] = f->profile;
  }
  for (int i = 0; i < f->n_pass; i++) {
    argv[n++] = f->pass[i];
  }
  argv[n] = NULL;
  fprintf(stderr, "lwipsim fix: report on %s -> %s\n", lwipopts_dir ? lwipopts_dir : f->profile, out);
  int rc = lwipsim_run_self((char *const *)argv, NULL);
  if (rc != 0 && rc != EXIT_GATE) {
    fprintf(stderr, "lwipsim fix: the report on %s failed (exit %d); see above\n",
            lwipopts_dir ? lwipopts_dir : f->profile, rc);
    return NULL;
  }
  char json[PATH_MAX + 96], err[PATH_MAX + 128];
  snprintf(json, sizeof json, "%s/report.json", out);
  cJSON *r = lwipsim_json_load(json, err, sizeof err);
  if (r == NULL) {
    fprintf(stderr, "lwipsim fix: %s\n", err);
  } else {
    heap_as_pool(r);
  }
  return r;
}

static const cJSON *first_profile(const cJSON *report)
{
  return cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(report, "profiles"), 0);
}

static const cJSON *pool_of(const cJSON *profile, const char *name)
{
  const cJSON *p;
  cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(profile, "pools"))
  {
    if (strcmp(lwipsim_jstr(p, "name", ""), name) == 0) {
      return p;
    }
  }
  return NULL;
}

/* Adds (or raises) the change for each UNSAFE pool of profile; before: the
 * first report's profile, whose sizes are the header's own. Returns how many
 * changes grew. */
static int take_unsafe(struct fix *f, const cJSON *profile, const cJSON *before, unsigned step)
{
  int grew = 0;
  const cJSON *p;
  cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(profile, "pools"))
  {
    const char *macro = lwipsim_jstr(p, "macro", NULL), *paste = lwipsim_jstr(p, "paste", NULL);
    long rec = lwipsim_jlong(p, "recommended", -1);
    if (strcmp(lwipsim_jstr(p, "verdict", ""), "UNSAFE") != 0 || macro == NULL || paste == NULL || rec < 0) {
      continue;
    }
    size_t i = 0;
    while (i < f->n_changes && strcmp(f->changes[i].macro, macro) != 0) {
      i++;
    }
    if (i == f->n_changes) {
      if (f->n_changes == MAX_CHANGES) {
        continue;
      }
      memset(&f->changes[i], 0, sizeof f->changes[i]);
      snprintf(f->changes[i].macro, sizeof f->changes[i].macro, "%s", macro);
      f->changes[i].configured = lwipsim_jlong(pool_of(before, lwipsim_jstr(p, "name", "")), "configured", -1);
      f->n_changes++;
    }
    struct lwipsim_option_change *c = &f->changes[i];
    if (rec <= c->recommended && c->recommended > 0) {
      /* still UNSAFE at the size the report asked for (a heap that
       * fragments, a failure the demand build does not show): a quarter
       * more, at least one */
      c->recommended += c->recommended / 4 > 0 ? c->recommended / 4 : 1;
      snprintf(c->paste, sizeof c->paste, "%ld", c->recommended);
      c->step = step;
      grew++;
    } else if (rec > c->recommended) {
      c->recommended = rec;
      /* the value part of "#define MACRO VALUE" */
      const char *v = paste + strlen("#define ") + strlen(macro);
      while (*v == ' ') {
        v++;
      }
      snprintf(c->paste, sizeof c->paste, "%s", v);
      c->step = step;
      grew++;
    }
  }
  return grew;
}

static int write_file(const char *path, const char *text)
{
  if (lwipsim_write_file(path, text, strlen(text)) != 0) {
    fprintf(stderr, "lwipsim fix: cannot write %s: %s\n", path, strerror(errno));
    return -1;
  }
  return 0;
}

/* OUT/NAME-fixK: a copy of the header's folder (shims, profile.ini and
 * all) with the changes so far in its lwipopts.h. */
static int write_patched(struct fix *f, unsigned step, char *folder, size_t cap)
{
  snprintf(folder, cap, "%s/%s-fix%u", f->out, f->name, step);
  char src[PATH_MAX + 8];
  snprintf(src, sizeof src, "%s/.", f->dir);
  const char *rm[] = { "rm", "-rf", folder, NULL };
  const char *mk[] = { "mkdir", "-p", folder, NULL };
  const char *cp[] = { "cp", "-R", src, folder, NULL };
  const char *const *cmds[] = { rm, mk, cp };
  for (int i = 0; i < 3; i++) {
    pid_t pid;
    int status;
    if (posix_spawnp(&pid, cmds[i][0], NULL, NULL, (char *const *)cmds[i], environ) != 0 ||
        waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      fprintf(stderr, "lwipsim fix: cannot copy %s to %s\n", f->dir, folder);
      return -1;
    }
  }
  char orig[PATH_MAX + 16], dst[PATH_MAX + 320];
  snprintf(orig, sizeof orig, "%s/lwipopts.h", f->dir);
  snprintf(dst, sizeof dst, "%s/lwipopts.h", folder);
  char err[PATH_MAX + 64];
  char *header = lwipsim_read_file(orig, NULL, err, sizeof err);
  if (header == NULL) {
    fprintf(stderr, "lwipsim fix: %s\n", err);
    return -1;
  }
  char note[256];
  snprintf(note, sizeof note, "lwipsim fix: pools raised to the sizes lwipsim report recommends (fix.md)");
  char *patched = lwipsim_lwipopts_patch(header, f->changes, f->n_changes, note);
  free(header);
  int rc = patched != NULL ? write_file(dst, patched) : -1;
  free(patched);
  return rc;
}

/* lwipopts.patch: diff -u of the user's header and the last patched one,
 * with a/ and b/ paths so patch -p1 and git apply take it in the folder. */
static int write_patch(struct fix *f, const char *folder)
{
  char orig[PATH_MAX + 16], now[PATH_MAX + 320], out[PATH_MAX + 32];
  snprintf(orig, sizeof orig, "%s/lwipopts.h", f->dir);
  snprintf(now, sizeof now, "%s/lwipopts.h", folder);
  snprintf(out, sizeof out, "%s/lwipopts.patch", f->out);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  const char *argv[] = { "diff", "-u", "--label", "a/lwipopts.h", "--label", "b/lwipopts.h", orig, now, NULL };
  pid_t pid;
  int status = 0;
  int rc = posix_spawnp(&pid, "diff", &fa, NULL, (char *const *)argv, environ);
  posix_spawn_file_actions_destroy(&fa);
  if (rc != 0 || waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) > 1) {
    fprintf(stderr, "lwipsim fix: cannot write %s (diff)\n", out);
    return -1;
  }
  return 0;
}

static long unsafe_count(const cJSON *profile)
{
  long n = 0;
  const cJSON *p;
  cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(profile, "pools"))
  {
    n += strcmp(lwipsim_jstr(p, "verdict", ""), "UNSAFE") == 0;
  }
  return n;
}

/* The RAM the changes cost: the chip's bytes when the report has them. */
static long ram_cost(const struct fix *f, const cJSON *before, int *target)
{
  long bytes = 0;
  *target = 1;
  for (size_t i = 0; i < f->n_changes; i++) {
    const cJSON *p;
    cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(before, "pools"))
    {
      if (strcmp(lwipsim_jstr(p, "macro", ""), f->changes[i].macro) == 0) {
        long per = lwipsim_jlong(p, "target_element_bytes", -1);
        if (per < 0) {
          per = lwipsim_jlong(p, "ram_per_element_bytes", 0);
          *target = 0;
        }
        bytes += per * (f->changes[i].recommended - f->changes[i].configured);
      }
    }
  }
  return bytes;
}

static void summary(struct fix *f, const cJSON *before, const cJSON *after, unsigned steps, FILE *o)
{
  int target;
  long ram = ram_cost(f, before, &target);
  fprintf(o, "# lwipsim fix: %s\n\n", f->name);
  fprintf(o, "%u step(s); UNSAFE pools: %ld before, %ld with the fix. RAM: %+ld bytes (%s).\n\n", steps,
          unsafe_count(before), unsafe_count(after), ram, target ? "RP2040 target" : "64-bit host");
  fprintf(o, "| option | was | now | step |\n|---|--:|--:|--:|\n");
  for (size_t i = 0; i < f->n_changes; i++) {
    fprintf(o, "| `%s` | %ld | %ld | %u |\n", f->changes[i].macro, f->changes[i].configured, f->changes[i].recommended,
            f->changes[i].step);
  }
  if (steps > 1) {
    fprintf(o, "\nA step raised a pool that the one before left UNSAFE: step-N/report.md shows each.\n");
  }
  fprintf(o, "\n| pool | before | with the fix |\n|---|---|---|\n");
  const cJSON *p;
  cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(before, "pools"))
  {
    const char *name = lwipsim_jstr(p, "name", "?");
    const cJSON *q = pool_of(after, name);
    fprintf(o, "| %s | %s (size %ld, demand %ld) | %s (size %ld) |\n", name, lwipsim_jstr(p, "verdict", "?"),
            lwipsim_jlong(p, "configured", -1), lwipsim_jlong(p, "demand", -1), lwipsim_jstr(q, "verdict", "?"),
            lwipsim_jlong(q, "configured", -1));
  }
  fprintf(o, "\n| scenario | before | with the fix |\n|---|---|---|\n");
  const cJSON *s;
  cJSON_ArrayForEach(s, cJSON_GetObjectItemCaseSensitive(before, "scenarios"))
  {
    const char *name = lwipsim_jstr(s, "scenario", "?");
    const char *now = "?";
    const cJSON *t;
    cJSON_ArrayForEach(t, cJSON_GetObjectItemCaseSensitive(after, "scenarios"))
    {
      if (strcmp(lwipsim_jstr(t, "scenario", ""), name) == 0) {
        now = lwipsim_jstr(cJSON_GetObjectItemCaseSensitive(t, "faithful"), "outcome", "?");
      }
    }
    fprintf(o, "| %s | %s | %s |\n", name,
            lwipsim_jstr(cJSON_GetObjectItemCaseSensitive(s, "faithful"), "outcome", "?"), now);
  }
  /* the chip: the header's own image (its ELF, read by the report) plus
   * what the raised pools' arrays add there */
  const cJSON *tgt = cJSON_GetObjectItemCaseSensitive(before, "target");
  long image = lwipsim_jlong(tgt, "image_bytes", -1), sram = lwipsim_jlong(tgt, "sram_bytes", -1);
  if (image >= 0 && sram > 0 && target) {
    fprintf(o, "\nRP2040 image with the fix: %ld of %ld bytes of SRAM (%s).\n", image + ram, sram,
            image + ram <= sram ? "fits" : "DOES NOT FIT: the chip cannot hold these pools");
  } else {
    fprintf(o, "\nRP2040 image with the fix: not checked (no firmware image of this profile was built).\n");
  }
  fprintf(o, "\nApply: `patch -p1 < lwipopts.patch` (or `git apply lwipopts.patch`) in the folder of lwipopts.h.\n");
}

static int parse_args(int argc, char **argv, struct fix *f)
{
  const char *v;
  int bad = 0;
  f->max_steps = 3;
  for (int i = 1; i < argc && !bad; i++) {
    uint64_t n;
    if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
      usage(stdout);
      return -1;
    } else if (strcmp(argv[i], "--fix") == 0) {
      continue; /* report --fix hands over */
    } else if (strcmp(argv[i], "--gate") == 0) {
      f->gate = 1;
    } else if ((v = lwipsim_arg_value(argc, argv, &i, "--profile", "fix", &bad))) {
      f->profile = v;
    } else if ((v = lwipsim_arg_value(argc, argv, &i, "--lwipopts", "fix", &bad))) {
      f->lwipopts = v;
    } else if ((v = lwipsim_arg_value(argc, argv, &i, "--out", "fix", &bad))) {
      f->out = v;
    } else if ((v = lwipsim_arg_value(argc, argv, &i, "--max-steps", "fix", &bad))) {
      if (lwipsim_scenario_parse_uint(v, 8, &n) != 0 || n == 0) {
        fprintf(stderr, "lwipsim fix: --max-steps %s: expected a count from 1 to 8\n", v);
        return 2;
      }
      f->max_steps = (unsigned)n;
    } else if (i + 1 < argc && f->n_pass + 2 < MAX_PASS &&
               (strcmp(argv[i], "--scenario") == 0 || strcmp(argv[i], "--jobs") == 0 ||
                strcmp(argv[i], "--lwip-version") == 0 || strcmp(argv[i], "--assert-policy") == 0 ||
                strcmp(argv[i], "--max-wall") == 0 || strcmp(argv[i], "--build-dir") == 0)) {
      f->pass[f->n_pass++] = argv[i];
      f->pass[f->n_pass++] = argv[++i];
    } else if (!bad) {
      fprintf(stderr, "lwipsim fix: unexpected argument '%s' (see lwipsim fix --help)\n", argv[i]);
      return 2;
    }
  }
  if (bad) {
    return 2;
  }
  if ((f->profile == NULL) == (f->lwipopts == NULL)) {
    fprintf(stderr, "lwipsim fix: give one --profile NAME or one --lwipopts DIR (see lwipsim fix --help)\n");
    return 2;
  }
  return 0;
}

int lwipsim_cmd_fix(const struct lwipsim_cli *cli, int argc, char **argv)
{
  static struct fix f;
  memset(&f, 0, sizeof f);
  int rc = parse_args(argc, argv, &f);
  if (rc != 0) {
    return rc < 0 ? 0 : rc;
  }
  if (f.profile != NULL) {
    const struct lwipsim_profile_entry *e = lwipsim_profiles_find(&cli->profiles, f.profile, NULL);
    if (e == NULL) {
      fprintf(stderr, "lwipsim fix: unknown profile '%s' (see `lwipsim profiles`)\n", f.profile);
      return 2;
    }
    snprintf(f.name, sizeof f.name, "%s", e->name);
    snprintf(f.dir, sizeof f.dir, "%s", e->dir);
  } else {
    if (realpath(f.lwipopts, f.dir) == NULL) {
      fprintf(stderr, "lwipsim fix: %s: %s\n", f.lwipopts, strerror(errno));
      return 2;
    }
    const char *base = strrchr(f.dir, '/');
    base = base ? base + 1 : f.dir;
    if (strlen(base) >= sizeof f.name) {
      fprintf(stderr, "lwipsim fix: %s: the folder's name is longer than %zu characters\n", f.dir, sizeof f.name - 1);
      return 2;
    }
    memcpy(f.name, base, strlen(base) + 1);
  }
  char out_default[PATH_MAX];
  if (f.out == NULL) {
    snprintf(out_default, sizeof out_default, "fix-%s", f.name);
    f.out = out_default;
  }
  if (mkdir(f.out, 0777) != 0 && errno != EEXIST) {
    fprintf(stderr, "lwipsim fix: cannot create %s: %s\n", f.out, strerror(errno));
    return 2;
  }
  cJSON *first = run_report(&f, "before", f.lwipopts != NULL ? f.dir : NULL);
  if (first == NULL) {
    return 2;
  }
  const cJSON *before = first_profile(first);
  cJSON *last = NULL;
  const cJSON *after = before;
  unsigned step = 0;
  char folder[PATH_MAX + 160];
  rc = 0;
  while (step < f.max_steps && unsafe_count(after) > 0 && take_unsafe(&f, after, before, step + 1) > 0) {
    step++;
    if (write_patched(&f, step, folder, sizeof folder) != 0) {
      rc = 2;
      break;
    }
    char sub[32];
    snprintf(sub, sizeof sub, "step-%u", step);
    cJSON_Delete(last);
    last = run_report(&f, sub, folder);
    if (last == NULL) {
      rc = 2;
      break;
    }
    after = first_profile(last);
    fprintf(stderr, "lwipsim fix: step %u: %ld UNSAFE pool(s) left\n", step, unsafe_count(after));
  }
  if (rc == 0 && step > 0) {
    rc = write_patch(&f, folder) != 0 ? 2 : 0;
  }
  if (rc == 0) {
    char md[PATH_MAX + 16];
    snprintf(md, sizeof md, "%s/fix.md", f.out);
    FILE *o = fopen(md, "w");
    if (o == NULL) {
      fprintf(stderr, "lwipsim fix: cannot write %s: %s\n", md, strerror(errno));
      rc = 2;
    } else {
      summary(&f, before, after, step, o);
      if (fclose(o) != 0) {
        fprintf(stderr, "lwipsim fix: cannot write %s: %s\n", md, strerror(errno));
        rc = 2;
      }
    }
    summary(&f, before, after, step, stdout);
    if (step == 0) {
      printf("\nNothing to fix: no pool is UNSAFE; no patch written.\n");
    }
  }
  long left = rc == 0 ? unsafe_count(after) : 0;
  cJSON_Delete(last);
  cJSON_Delete(first);
  if (rc != 0) {
    return rc;
  }
  return f.gate && left > 0 ? EXIT_GATE : 0;
}
