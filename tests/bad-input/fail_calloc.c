/* Test-only, preloaded (LD_PRELOAD) by check_bad_input.sh: calloc fails
 * (NULL, errno ENOMEM) for any request larger than
 * LWIPSIM_TEST_FAIL_CALLOC_OVER bytes, as it does when memory runs out, so
 * the front end's out-of-memory paths (a sweep's or a report's job table)
 * can be checked without starving the machine. Smaller requests, the dynamic
 * loader's and libc's own, go to glibc's calloc. Never linked into lwipsim. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>

/* glibc's own calloc: dlsym(RTLD_NEXT) would itself call calloc */
void *__libc_calloc(size_t n, size_t size);

void *calloc(size_t n, size_t size)
{
  const char *over = getenv("LWIPSIM_TEST_FAIL_CALLOC_OVER");
  if (over != NULL && size != 0 && n <= SIZE_MAX / size && n * size > strtoull(over, NULL, 10)) {
    errno = ENOMEM;
    return NULL;
  }
  return __libc_calloc(n, size);
}
