#include "stack/target/chip.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* node on PATH, as a shell would find it. */
static int find_node(char *out, size_t outlen)
{
  const char *path = getenv("PATH");
  if (path == NULL) {
    path = "/usr/bin:/bin";
  }
  while (*path != '\0') {
    size_t n = strcspn(path, ":");
    if (n > 0 && (size_t)snprintf(out, outlen, "%.*s/node", (int)n, path) < outlen && access(out, X_OK) == 0) {
      return 0;
    }
    path += n + (path[n] == ':');
  }
  return -1;
}

/* The rp2040js package npm installs beside the script (ci/setup.sh runs
 * `npm ci` in firmware/emu). */
static int have_rp2040js(const char *script)
{
  char dir[PATH_MAX], pkg[PATH_MAX + 64];
  snprintf(dir, sizeof dir, "%s", script);
  char *slash = strrchr(dir, '/');
  if (slash != NULL) {
    *slash = '\0';
  } else {
    snprintf(dir, sizeof dir, ".");
  }
  snprintf(pkg, sizeof pkg, "%s/node_modules/rp2040js/package.json", dir);
  return access(pkg, R_OK) == 0;
}

int lwipsim_chip_start(struct lwipsim_chip *c, const char *script, const uint8_t *flash, size_t flash_len, char *err,
                       size_t errlen)
{
  memset(c, 0, sizeof *c);
  c->pid = -1;
  char node[PATH_MAX];
  /* a .mjs is the emulator's driver, run by Node; anything else is the
   * ILP32 host chip (firmware/ilp32), which speaks the same protocol itself */
  size_t sl = strlen(script);
  int emulated = sl > 4 && strcmp(script + sl - 4, ".mjs") == 0;
  if (!emulated) {
    /* copied by length: GCC's sanitizer builds took the snprintf("%s")
     * here for a null argument (-Wformat-truncation) */
    if (sl >= sizeof node) {
      snprintf(err, errlen, "the ILP32 host chip's path is longer than %zu bytes", sizeof node - 1);
      return -1;
    }
    memcpy(node, script, sl + 1);
    if (access(script, X_OK) != 0) {
      snprintf(err, errlen, "%s: the ILP32 host chip is missing or not executable", script);
      return -1;
    }
  } else if (find_node(node, sizeof node) != 0) {
    snprintf(err, errlen, "the emulated RP2040 needs Node.js: no node on PATH (apt-get install nodejs npm)");
    return -1;
  } else if (access(script, R_OK) != 0) {
    snprintf(err, errlen, "%s: the emulator driver is missing", script);
    return -1;
  }
  if (emulated && !have_rp2040js(script)) {
    snprintf(err, errlen, "%s: no node_modules/rp2040js beside it (run `npm ci` in that folder; ci/setup.sh does)",
             script);
    return -1;
  }
  int down[2], up[2];
  if (pipe2(down, O_CLOEXEC) != 0) {
    snprintf(err, errlen, "cannot start the emulator: pipe: %s", strerror(errno));
    return -1;
  }
  if (pipe2(up, O_CLOEXEC) != 0) {
    close(down[0]);
    close(down[1]);
    snprintf(err, errlen, "cannot start the emulator: pipe: %s", strerror(errno));
    return -1;
  }
  fflush(NULL);
  pid_t pid = fork();
  if (pid == 0) {
    dup2(down[0], 0);
    dup2(up[1], 1);
    if (emulated) {
      execl(node, "node", script, (char *)NULL);
    } else {
      execl(script, script, (char *)NULL);
    }
    _exit(127);
  }
  close(down[0]);
  close(up[1]);
  if (pid < 0) {
    close(down[1]);
    close(up[0]);
    snprintf(err, errlen, "cannot start the emulator: fork: %s", strerror(errno));
    return -1;
  }
  c->pid = pid;
  c->to = fdopen(down[1], "w");
  c->from = fdopen(up[0], "r");
  if (c->to == NULL || c->from == NULL) {
    snprintf(err, errlen, "cannot start the emulator: out of memory");
    lwipsim_chip_stop(c);
    return -1;
  }
  /* a child that dies makes writes fail with EPIPE, not kill the runner */
  signal(SIGPIPE, SIG_IGN);
  uint32_t len = (uint32_t)flash_len;
  char ok = 0;
  if (fputc('L', c->to) == EOF || fwrite(&len, 4, 1, c->to) != 1 ||
      (flash_len > 0 && fwrite(flash, 1, flash_len, c->to) != flash_len) || fflush(c->to) != 0 ||
      fread(&ok, 1, 1, c->from) != 1 || ok != 'k') {
    snprintf(err, errlen, "%s: the emulator did not start (%s)", script, node);
    lwipsim_chip_stop(c);
    return -1;
  }
  return 0;
}

int lwipsim_chip_write(struct lwipsim_chip *c, uint32_t addr, const void *data, uint32_t len)
{
  return fputc('W', c->to) != EOF && fwrite(&addr, 4, 1, c->to) == 1 && fwrite(&len, 4, 1, c->to) == 1 &&
                 fwrite(data, 1, len, c->to) == len
             ? 0
             : -1;
}

int lwipsim_chip_write32(struct lwipsim_chip *c, uint32_t addr, uint32_t v)
{
  return lwipsim_chip_write(c, addr, &v, 4);
}

int lwipsim_chip_read(struct lwipsim_chip *c, uint32_t addr, void *data, uint32_t len)
{
  if (fputc('R', c->to) == EOF || fwrite(&addr, 4, 1, c->to) != 1 || fwrite(&len, 4, 1, c->to) != 1 ||
      fflush(c->to) != 0) {
    return -1;
  }
  return fread(data, 1, len, c->from) == len ? 0 : -1;
}

int lwipsim_chip_run(struct lwipsim_chip *c, uint32_t budget)
{
  unsigned char reply[24];
  if (fputc('G', c->to) == EOF || fwrite(&budget, 4, 1, c->to) != 1 || fflush(c->to) != 0 ||
      fread(reply, 1, sizeof reply, c->from) != sizeof reply) {
    return -1;
  }
  uint32_t spent;
  double n, cycles;
  memcpy(&spent, reply, 4);
  memcpy(&c->pc, reply + 4, 4);
  memcpy(&n, reply + 8, 8);
  memcpy(&cycles, reply + 16, 8);
  c->instructions = (uint64_t)n;
  c->cycles = (uint64_t)cycles;
  return spent == 2 ? 2 : spent ? 0 : 1;
}

void lwipsim_chip_stop(struct lwipsim_chip *c)
{
  if (c->to != NULL) {
    fputc('Q', c->to);
    fclose(c->to); /* EOF ends the child too */
    c->to = NULL;
  }
  if (c->from != NULL) {
    fclose(c->from);
    c->from = NULL;
  }
  if (c->pid > 0) {
    int st;
    /* it exits on 'Q' or EOF; one that does not is ended */
    for (int i = 0; i < 200 && waitpid(c->pid, &st, WNOHANG) == 0; i++) {
      usleep(10000);
      if (i == 199) {
        kill(c->pid, SIGKILL);
        waitpid(c->pid, &st, 0);
      }
    }
    c->pid = -1;
  }
}
