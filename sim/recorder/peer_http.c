/* lwipsim record: the HTTP server the device's http-get talks to. Python's
 * http.server from Debian's python3 (`python3 -m http.server`, one per
 * port), serving a folder in the work dir that holds one small file per path
 * the script GETs. `--protocol HTTP/1.1` keeps a connection open after the
 * response, as a keep-alive server does, so the device (which has read the
 * Content-Length it was sent) closes first and keeps the TIME_WAIT; with
 * HTTP/1.0 the server's FIN races the device's close. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "recorder/peer_kinds.h"
#include "recorder/peers.h"
#include "recorder/procs.h"
#include "recorder/recording.h"

static void root_dir(const struct lwipsim_recording *rec, char *dir, size_t len)
{
  snprintf(dir, len, "%s/http-root", rec->work);
}

/* DIR/PATH, the folders on the way made; a path ending in '/' is served
 * from its index.html. peer_services.c has refused ".." and odd characters. */
static int write_page(const char *dir, const char *path)
{
  char file[PATH_MAX + 160], body[256];
  snprintf(file, sizeof file, "%s%s%s", dir, path, path[strlen(path) - 1] == '/' ? "index.html" : "");
  for (char *p = file + strlen(dir) + 1; (p = strchr(p, '/')) != NULL; p++) {
    *p = '\0';
    int rc = mkdir(file, 0755);
    *p = '/';
    if (rc != 0 && errno != EEXIST) {
      return -1;
    }
  }
  snprintf(body, sizeof body, "lwipsim record: the HTTP peer's page for GET %s\n", path);
  return lwipsim_peers_write_text(file, body);
}

int lwipsim_peer_http_start(struct lwipsim_procs *ps, const struct lwipsim_recording *rec, char *err, size_t errlen)
{
  const struct lwipsim_peer_services *sv = &rec->services;
  char dir[PATH_MAX], log[PATH_MAX + 32], port[8];
  root_dir(rec, dir, sizeof dir);
  if (mkdir(dir, 0755) != 0) {
    snprintf(err, errlen, "%s: %s", dir, strerror(errno));
    return -1;
  }
  for (size_t i = 0; i < sv->n_http_paths; i++) {
    if (write_page(dir, sv->http_paths[i]) != 0) {
      snprintf(err, errlen, "%s: cannot write the page for %s", dir, sv->http_paths[i]);
      return -1;
    }
  }
  for (size_t i = 0; i < sv->n_http_ports; i++) {
    snprintf(port, sizeof port, "%u", sv->http_ports[i]);
    snprintf(log, sizeof log, "%s/http-%u.log", rec->work, sv->http_ports[i]);
    /* -u: the readiness line is not held in a buffer */
    char *argv[] = { LWIPSIM_PEER_PYTHON, "-u", "-m",         "http.server", "--bind", (char *)rec->peer_ip,
                     "--directory",       dir,  "--protocol", "HTTP/1.1",    port,     NULL };
    if (lwipsim_procs_spawn(ps, "http.server", argv, log, NULL) < 0 ||
        lwipsim_peers_wait_for_text(log, "Serving HTTP on", 10000) != 0) {
      snprintf(err, errlen, "python3 -m http.server on port %s did not start (see %s)", port, log);
      return -1;
    }
  }
  return 0;
}

/* http.server logs each request on stderr: ADDR - - [DATE] "GET /PATH
 * HTTP/1.1" STATUS SIZE. */
void lwipsim_peer_http_collect(struct lwipsim_recording *rec)
{
  struct lwipsim_peer_services *sv = &rec->services;
  char log[PATH_MAX + 32];
  sv->http_requests = sv->http_served = 0;
  for (size_t i = 0; i < sv->n_http_ports; i++) {
    snprintf(log, sizeof log, "%s/http-%u.log", rec->work, sv->http_ports[i]);
    sv->http_requests += lwipsim_peers_count_lines(log, "] \"GET ", 1);
    sv->http_served += lwipsim_peers_count_lines(log, "\" 200 ", 1);
  }
}
