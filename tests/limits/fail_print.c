/* Test-only, preloaded (LD_PRELOAD) into a runner by test_limits.sh: makes
 * cJSON_Print fail as it does when memory runs out (NULL, errno ENOMEM), so
 * the runner's handling of that path can be checked without starving the
 * machine. LWIPSIM_TEST_FAIL_PRINT=child fails only in processes forked
 * after the library was loaded (the run's child; the runner itself still
 * prints); =all fails everywhere. Never linked into lwipsim itself. */
#include <dlfcn.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct cJSON;

static pid_t loaded_in;

__attribute__((constructor)) static void remember_loader(void) { loaded_in = getpid(); }

char *cJSON_Print(const struct cJSON *item);

char *cJSON_Print(const struct cJSON *item)
{
  const char *mode = getenv("LWIPSIM_TEST_FAIL_PRINT");
  if (mode != NULL && (strcmp(mode, "all") == 0 || (strcmp(mode, "child") == 0 && getpid() != loaded_in))) {
    errno = ENOMEM;
    return NULL;
  }
  /* otherwise libcjson's own, the next definition after this library */
  char *(*real)(const struct cJSON *);
  *(void **)&real = dlsym(RTLD_NEXT, "cJSON_Print");
  return real != NULL ? real(item) : NULL;
}
