#include "report_helper.h"

#include <check.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int report_lwipsim(char *err, size_t errlen, const char *out_path, ...)
{
  const char *argv[32] = {LWIPSIM_BIN_DIR "/lwipsim"};
  int n = 1;
  va_list ap;
  va_start(ap, out_path);
  const char *a;
  while ((a = va_arg(ap, const char *)) != NULL && n < 31) {
    argv[n++] = a;
  }
  va_end(ap);
  argv[n] = NULL;
  FILE *errf = tmpfile();
  ck_assert_ptr_nonnull(errf);
  fflush(NULL);
  pid_t pid = fork();
  ck_assert_int_ge(pid, 0);
  if (pid == 0) {
    int out = open(out_path ? out_path : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(out, STDOUT_FILENO);
    dup2(fileno(errf), STDERR_FILENO);
    execv(argv[0], (char *const *)argv);
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  rewind(errf);
  size_t got = fread(err, 1, errlen - 1, errf);
  err[got] = '\0';
  fclose(errf);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

const char *report_tmpdir(void)
{
  static char path[512];
  const char *tmp = getenv("TMPDIR");
  snprintf(path, sizeof path, "%s/lwipsim-report-test-XXXXXX", tmp && *tmp ? tmp : "/tmp");
  ck_assert_ptr_nonnull(mkdtemp(path));
  return path;
}

const char *report_source_path(const char *relative)
{
  static char path[1024];
  snprintf(path, sizeof path, "%s/%s", LWIPSIM_SOURCE_DIR, relative);
  return path;
}

char *report_read_file(const char *path)
{
  FILE *f = fopen(path, "rb");
  if (f == NULL) {
    return NULL;
  }
  fseek(f, 0, SEEK_END);
  long len = ftell(f);
  rewind(f);
  char *s = malloc((size_t)len + 1);
  size_t got = fread(s, 1, (size_t)len, f);
  s[got] = '\0';
  fclose(f);
  return s;
}

cJSON *report_load_json(const char *path)
{
  char *text = report_read_file(path);
  ck_assert_msg(text != NULL, "%s not written", path);
  cJSON *j = cJSON_Parse(text);
  free(text);
  ck_assert_msg(j != NULL, "%s is not JSON", path);
  return j;
}

const cJSON *report_profile(const cJSON *report, const char *name)
{
  const cJSON *p;
  cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(report, "profiles"))
  {
    if (strcmp(report_str(p, "name"), name) == 0) {
      return p;
    }
  }
  ck_abort_msg("profile %s not in the report", name);
  return NULL;
}

const cJSON *report_pool(const cJSON *profile, const char *pool)
{
  const cJSON *p;
  cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(profile, "pools"))
  {
    if (strcmp(report_str(p, "name"), pool) == 0) {
      return p;
    }
  }
  ck_abort_msg("pool %s not in profile %s", pool, report_str(profile, "name"));
  return NULL;
}

long report_num(const cJSON *obj, const char *key)
{
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
  ck_assert_msg(cJSON_IsNumber(v), "%s is not a number", key);
  return (long)v->valuedouble;
}

const char *report_str(const cJSON *obj, const char *key)
{
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
  ck_assert_msg(cJSON_IsString(v), "%s is not a string", key);
  return v->valuestring;
}

int report_count(const char *haystack, const char *needle)
{
  int n = 0;
  for (const char *p = strstr(haystack, needle); p != NULL; p = strstr(p + 1, needle)) {
    n++;
  }
  return n;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
  (void)st;
  (void)flag;
  (void)ftw;
  return remove(path);
}

void report_rmtree(const char *path) { nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS); }
