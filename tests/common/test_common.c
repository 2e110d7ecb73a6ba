#include "test_common.h"

#include <fcntl.h>
#include <ftw.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

/* ---- temporary folders ---- */

/* Each folder goes when the process that made it exits. A forked Check test
 * inherits its runner's list and atexit handler: the pid keeps it from
 * removing a folder the runner made for the tests after it. */
#define MAX_TMPDIRS 64
static struct {
  char path[256];
  pid_t owner;
} made[MAX_TMPDIRS];
static int n_made;

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
  (void)st, (void)flag, (void)ftw;
  return remove(path);
}

void tc_rmtree(const char *path) { nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS); }

static void remove_tmpdirs(void)
{
  for (int i = 0; i < n_made; i++) {
    if (made[i].owner == getpid()) {
      tc_rmtree(made[i].path);
    }
  }
}

int tc_mkdtemp(char *out, size_t outlen)
{
  const char *tmp = getenv("TMPDIR");
  snprintf(out, outlen, "%s/lwipsim-test-XXXXXX", tmp != NULL && *tmp != '\0' ? tmp : "/tmp");
  if (mkdtemp(out) == NULL) {
    return -1;
  }
  if (n_made == 0) {
    atexit(remove_tmpdirs);
  }
  if (n_made < MAX_TMPDIRS) {
    snprintf(made[n_made].path, sizeof made[0].path, "%s", out);
    made[n_made++].owner = getpid();
  }
  return 0;
}

const char *tc_tmpdir(void)
{
  static char dir[256];
  ck_assert_msg(tc_mkdtemp(dir, sizeof dir) == 0, "cannot make a temporary folder %s", dir);
  return dir;
}

/* ---- whole files ---- */

char *tc_read_file(const char *path, size_t *len)
{
  FILE *f = fopen(path, "rb");
  if (f == NULL) {
    return NULL;
  }
  size_t cap = 8192, n = 0, got;
  char *buf = malloc(cap);
  while (buf != NULL && (got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
    n += got;
    if (n + 1 == cap) {
      char *grown = realloc(buf, cap *= 2);
      if (grown == NULL) {
        free(buf);
      }
      buf = grown;
    }
  }
  fclose(f);
  if (buf == NULL) {
    return NULL;
  }
  buf[n] = '\0';
  if (len != NULL) {
    *len = n;
  }
  return buf;
}

cJSON *tc_load_json(const char *path)
{
  char *text = tc_read_file(path, NULL);
  ck_assert_msg(text != NULL, "%s not written", path);
  cJSON *j = cJSON_Parse(text);
  free(text);
  ck_assert_msg(j != NULL, "%s is not JSON", path);
  return j;
}

int tc_try_write_file(const char *path, const void *data, size_t len)
{
  FILE *f = fopen(path, "wb");
  if (f == NULL) {
    return -1;
  }
  int ok = fwrite(data, 1, len, f) == len;
  return fclose(f) == 0 && ok ? 0 : -1;
}

void tc_write_file(const char *path, const void *data, size_t len)
{
  ck_assert_msg(tc_try_write_file(path, data, len) == 0, "cannot write %s", path);
}

void tc_write_text(const char *path, const char *text) { tc_write_file(path, text, strlen(text)); }

const char *tc_source_path(const char *relative)
{
  static char path[1024];
  snprintf(path, sizeof path, "%s/%s", LWIPSIM_SOURCE_DIR, relative);
  return path;
}

/* ---- bytes ---- */

void tc_put16(uint8_t *p, uint32_t v)
{
  p[0] = (uint8_t)(v >> 8);
  p[1] = (uint8_t)v;
}

void tc_put32(uint8_t *p, uint32_t v)
{
  tc_put16(p, v >> 16);
  tc_put16(p + 2, v & 0xffff);
}

uint32_t tc_get16(const uint8_t *p) { return ((uint32_t)p[0] << 8) | p[1]; }

uint32_t tc_get32(const uint8_t *p) { return (tc_get16(p) << 16) | tc_get16(p + 2); }

uint32_t tc_sum(const uint8_t *b, uint32_t n, uint32_t s)
{
  for (uint32_t i = 0; i + 1 < n; i += 2) {
    s += tc_get16(b + i);
  }
  if (n & 1) {
    s += (uint32_t)b[n - 1] << 8;
  }
  while (s >> 16) {
    s = (s & 0xffff) + (s >> 16);
  }
  return s;
}

/* ---- frames ---- */

uint8_t *tc_eth(uint8_t *frame, const uint8_t dst[6], const uint8_t src[6], uint32_t type)
{
  memcpy(frame, dst, 6);
  memcpy(frame + 6, src, 6);
  tc_put16(frame + 12, type);
  return frame + TC_ETH;
}

uint8_t *tc_heap_copy(const uint8_t *frame, uint32_t len)
{
  uint8_t *copy = malloc(len ? len : 1);
  ck_assert_ptr_nonnull(copy);
  memcpy(copy, frame, len);
  return copy;
}

uint32_t tc_arp(uint8_t *frame, const uint8_t eth_src[6], const uint8_t eth_dst[6], int op, const uint8_t sha[6],
                const uint8_t spa[4], const uint8_t tpa[4])
{
  memset(frame, 0, TC_ETH + 28);
  uint8_t *a = tc_eth(frame, eth_dst, eth_src, 0x0806);
  tc_put16(a, 1);
  tc_put16(a + 2, 0x0800);
  a[4] = 6;
  a[5] = 4;
  tc_put16(a + 6, (uint32_t)op);
  memcpy(a + 8, sha, 6);
  memcpy(a + 14, spa, 4);
  memcpy(a + 24, tpa, 4);
  return TC_ETH + 28;
}

/* ---- running lwipsim ---- */

int tc_spawn(char *const argv[], const char *out_path, const char *err_path)
{
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  if (out_path != NULL) {
    posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, out_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  }
  if (err_path != NULL && strcmp(err_path, TC_ERR_TO_OUT) == 0) {
    posix_spawn_file_actions_adddup2(&fa, STDOUT_FILENO, STDERR_FILENO);
  } else if (err_path != NULL) {
    posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, err_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  }
  fflush(NULL);
  pid_t pid;
  int rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
  posix_spawn_file_actions_destroy(&fa);
  int status;
  if (rc != 0 || waitpid(pid, &status, 0) != pid) {
    return -1;
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* argv: lwipsim, then args up to NULL, after the fixed ones in head. */
static int run_lwipsim(char *err, size_t errlen, const char *out_path, const char *const *head, va_list ap)
{
  char *argv[40] = { LWIPSIM_BIN_DIR "/lwipsim" };
  int n = 1;
  for (; head != NULL && *head != NULL; head++) {
    argv[n++] = (char *)*head;
  }
  for (const char *a = va_arg(ap, const char *); a != NULL && n < 39; a = va_arg(ap, const char *)) {
    argv[n++] = (char *)a;
  }
  argv[n] = NULL;
  char err_path[300];
  ck_assert_int_eq(tc_mkdtemp(err_path, sizeof err_path - 12), 0);
  strcat(err_path, "/stderr.txt");
  int rc = tc_spawn(argv, out_path != NULL ? out_path : "/dev/null", err_path);
  ck_assert_msg(rc != -1, "cannot run %s", argv[0]);
  char *text = tc_read_file(err_path, NULL);
  snprintf(err, errlen, "%s", text != NULL ? text : "");
  free(text);
  return rc;
}

int tc_lwipsim(char *err, size_t errlen, const char *out_path, ...)
{
  va_list ap;
  va_start(ap, out_path);
  int rc = run_lwipsim(err, errlen, out_path, NULL, ap);
  va_end(ap);
  return rc;
}

void tc_replay(struct tc_replay *r, const char *profile, const char *scenario_dir, ...)
{
  memset(r, 0, sizeof *r);
  snprintf(r->json_path, sizeof r->json_path, "%s/record.json", tc_tmpdir());
  const char *head[] = { "replay", "--profile",  profile,   "--scenario", scenario_dir,
                         "--json", r->json_path, "--quiet", NULL };
  va_list ap;
  va_start(ap, scenario_dir);
  r->exit_code = run_lwipsim(r->err, sizeof r->err, NULL, head, ap);
  va_end(ap);
  char *json = tc_read_file(r->json_path, NULL);
  if (json != NULL) {
    r->record = cJSON_Parse(json);
    free(json);
  }
}

void tc_replay_free(struct tc_replay *r)
{
  cJSON_Delete(r->record);
  r->record = NULL;
}

/* ---- JSON getters ---- */

double tc_num(const cJSON *obj, const char *key)
{
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
  ck_assert_msg(cJSON_IsNumber(v), "%s is not a number", key);
  return v->valuedouble;
}

long tc_int(const cJSON *obj, const char *key) { return (long)tc_num(obj, key); }

const char *tc_str(const cJSON *obj, const char *key)
{
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
  ck_assert_msg(cJSON_IsString(v), "%s is not a string", key);
  return v->valuestring;
}

const cJSON *tc_named(const cJSON *obj, const char *key, const char *name)
{
  const cJSON *e;
  cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(obj, key))
  {
    if (strcmp(tc_str(e, "name"), name) == 0) {
      return e;
    }
  }
  ck_abort_msg("no %s named %s", key, name);
  return NULL;
}

const cJSON *tc_pool(const cJSON *obj, const char *name) { return tc_named(obj, "pools", name); }

const cJSON *tc_profile(const cJSON *report, const char *name) { return tc_named(report, "profiles", name); }

int tc_count_prefix(const cJSON *array, const char *prefix)
{
  int n = 0;
  const cJSON *v;
  cJSON_ArrayForEach(v, array) { n += cJSON_IsString(v) && strncmp(v->valuestring, prefix, strlen(prefix)) == 0; }
  return n;
}

int tc_count(const char *haystack, const char *needle)
{
  int n = 0;
  for (const char *p = strstr(haystack, needle); p != NULL; p = strstr(p + 1, needle)) {
    n++;
  }
  return n;
}
