#include "capture/pcap_lib.h"

#include <dlfcn.h>
#include <stdio.h>

#include "common/error_text.h"

/* The library's SONAME, as the build found it (CMakeLists.txt reads it from
 * the libpcap it was configured with). */
#ifndef LWIPSIM_LIBPCAP_SONAME
#define LWIPSIM_LIBPCAP_SONAME "libpcap.so.0.8"
#endif

static struct lwipsim_pcap_lib lib;
static int loaded;

const struct lwipsim_pcap_lib *lwipsim_pcap_lib(char *err, size_t errlen)
{
  if (loaded) {
    return &lib;
  }
  void *h = dlopen(LWIPSIM_LIBPCAP_SONAME, RTLD_NOW | RTLD_LOCAL);
  if (h == NULL) {
    lwipsim_set_err(err, errlen, "cannot load libpcap (%s): %s", LWIPSIM_LIBPCAP_SONAME, dlerror());
    return NULL;
  }
  const char *missing = NULL;
  /* dlsym's void * to a function pointer: POSIX guarantees it converts */
#define LWIPSIM_PCAP_RESOLVE(ret, name, params) \
  *(void **)&lib.name = dlsym(h, #name);        \
  if (lib.name == NULL && missing == NULL) {    \
    missing = #name;                            \
  }
  LWIPSIM_PCAP_FUNCTIONS(LWIPSIM_PCAP_RESOLVE)
#undef LWIPSIM_PCAP_RESOLVE
  if (missing != NULL) {
    lwipsim_set_err(err, errlen, "cannot load libpcap (%s): it has no %s", LWIPSIM_LIBPCAP_SONAME, missing);
    dlclose(h);
    return NULL;
  }
  loaded = 1; /* the library stays loaded: its handles live as long as the process */
  return &lib;
}
