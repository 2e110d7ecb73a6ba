#include "replay_helper.h"

#include <check.h>
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

const char *replay_source_path(const char *relative)
{
  static char path[1024];
  snprintf(path, sizeof path, "%s/%s", LWIPSIM_SOURCE_DIR, relative);
  return path;
}

/* Every folder a test made goes when its process exits (Check forks one per
 * test), so a run leaves nothing behind in /tmp. */
#define MAX_TMPDIRS 64
static char made[MAX_TMPDIRS][256];
static int n_made;

static int remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
  (void)sb, (void)flag, (void)ftw;
  return remove(path);
}

static void remove_tmpdirs(void)
{
  for (int i = 0; i < n_made; i++) {
    nftw(made[i], remove_entry, 8, FTW_DEPTH | FTW_PHYS);
  }
  n_made = 0;
}

const char *replay_tmpdir(void)
{
  static char dir[256];
  snprintf(dir, sizeof dir, "/tmp/lwipsim-replay-XXXXXX");
  ck_assert_ptr_nonnull(mkdtemp(dir));
  if (n_made == 0) {
    atexit(remove_tmpdirs);
  }
  if (n_made < MAX_TMPDIRS) {
    snprintf(made[n_made++], sizeof made[0], "%s", dir);
  }
  return dir;
}

char *replay_read_file(const char *path, size_t *len)
{
  FILE *f = fopen(path, "rb");
  if (f == NULL) {
    return NULL;
  }
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *buf = malloc((size_t)n + 1);
  size_t got = fread(buf, 1, (size_t)n, f);
  fclose(f);
  buf[got] = '\0';
  if (len != NULL) {
    *len = got;
  }
  return buf;
}

void replay_write_file(const char *path, const void *data, size_t len)
{
  FILE *f = fopen(path, "wb");
  ck_assert_ptr_nonnull(f);
  ck_assert_uint_eq(fwrite(data, 1, len, f), len);
  fclose(f);
}

void replay_run(struct replay_result *r, const char *profile, const char *scenario_dir, ...)
{
  memset(r, 0, sizeof *r);
  const char *tmp = replay_tmpdir();
  snprintf(r->json_path, sizeof r->json_path, "%s/record.json", tmp);
  char err_path[300];
  snprintf(err_path, sizeof err_path, "%s/stderr.txt", tmp);

  char *argv[32];
  int n = 0;
  argv[n++] = (char *)LWIPSIM_BIN_DIR "/lwipsim";
  argv[n++] = "replay";
  argv[n++] = "--profile";
  argv[n++] = (char *)profile;
  argv[n++] = "--scenario";
  argv[n++] = (char *)scenario_dir;
  argv[n++] = "--json";
  argv[n++] = r->json_path;
  argv[n++] = "--quiet";
  va_list ap;
  va_start(ap, scenario_dir);
  for (const char *a = va_arg(ap, const char *); a != NULL && n < 31; a = va_arg(ap, const char *)) {
    argv[n++] = (char *)a;
  }
  va_end(ap);
  argv[n] = NULL;

  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 2, err_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  pid_t pid;
  ck_assert_int_eq(posix_spawn(&pid, argv[0], &fa, NULL, argv, environ), 0);
  posix_spawn_file_actions_destroy(&fa);
  int status;
  ck_assert_int_eq(waitpid(pid, &status, 0), pid);
  r->exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  char *err = replay_read_file(err_path, NULL);
  if (err != NULL) {
    snprintf(r->err, sizeof r->err, "%s", err);
    free(err);
  }
  char *json = replay_read_file(r->json_path, NULL);
  if (json != NULL) {
    r->record = cJSON_Parse(json);
    free(json);
  }
}

void replay_free(struct replay_result *r)
{
  cJSON_Delete(r->record);
  r->record = NULL;
}

const cJSON *replay_pool(const cJSON *record, const char *name)
{
  const cJSON *p;
  cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(record, "pools")) {
    if (strcmp(replay_str(p, "name"), name) == 0) {
      return p;
    }
  }
  ck_abort_msg("record has no pool %s", name);
  return NULL;
}

double replay_num(const cJSON *obj, const char *key)
{
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
  ck_assert_msg(cJSON_IsNumber(v), "%s is not a number", key);
  return v->valuedouble;
}

const char *replay_str(const cJSON *obj, const char *key)
{
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
  ck_assert_msg(cJSON_IsString(v), "%s is not a string", key);
  return v->valuestring;
}

int replay_count_prefix(const cJSON *array, const char *prefix)
{
  int n = 0;
  const cJSON *v;
  cJSON_ArrayForEach(v, array) {
    n += cJSON_IsString(v) && strncmp(v->valuestring, prefix, strlen(prefix)) == 0;
  }
  return n;
}
