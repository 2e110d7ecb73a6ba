/* Test-only, preloaded (LD_PRELOAD) into a runner by test_limits.sh and
 * check_bad_input.sh: makes open_memstream fail as it does when memory runs
 * out (NULL, errno ENOMEM). The run record's text is written into such a
 * stream (sim/run_record/json_out.c) and nothing else in a runner opens one,
 * so this is "out of memory writing the run record", checked without
 * starving the machine. LWIPSIM_TEST_FAIL_PRINT=child fails only in
 * processes forked after the library was loaded (the run's child; the runner
 * itself still writes); =all fails everywhere. Never linked into lwipsim
 * itself. */
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static pid_t loaded_in;

__attribute__((constructor)) static void remember_loader(void) { loaded_in = getpid(); }

FILE *open_memstream(char **ptr, size_t *sizeloc)
{
  const char *mode = getenv("LWIPSIM_TEST_FAIL_PRINT");
  if (mode != NULL && (strcmp(mode, "all") == 0 || (strcmp(mode, "child") == 0 && getpid() != loaded_in))) {
    errno = ENOMEM;
    return NULL;
  }
  /* otherwise libc's own, the next definition after this library */
  FILE *(*real)(char **, size_t *);
  *(void **)&real = dlsym(RTLD_NEXT, "open_memstream");
  return real != NULL ? real(ptr, sizeloc) : NULL;
}
