/* The ILP32 host chip: the firmware image's own sources (fw_main.c,
 * fw_netif.c, the same lwIP, profile header, probe and device code), built
 * for Linux i386 with gcc -m32, stand in for the RP2040 without an emulator.
 * Pointers are 4 bytes as on the chip, so lwIP's structures (and with them
 * the heap's blocks) take the chip's bytes; `-malign-double -fshort-enums`
 * give 8-byte types and enums the ARM EABI's layout
 * (cmake/toolchain-i386-ilp32.cmake).
 *
 * This file replaces the chip's start-up file, linker script and port
 * files: it speaks firmware/emu/chip.mjs's pipe protocol on stdin/stdout, so
 * the host's target engine (sim/stack/target/chip.c) drives it as it drives
 * the emulator:
 *   'L' u32 len, bytes   nothing to load (the image is this process): 'k'
 *   'W' u32 addr, u32 len, bytes   write the mailbox or the run state
 *   'R' u32 addr, u32 len          their bytes
 *   'G' u32 budget       run the firmware until it waits for the doorbell;
 *                        reply u32 0 (waiting), 1 (budget spent) or 2
 *                        (fault), u32 PC, f64 instructions and f64 cycles
 *                        (0: nothing counts instructions here)
 *   'Q'                  exit 0
 * The firmware's main runs on its own stack (ucontext); where the chip
 * executes WFI (LWIPSIM_FW_WAIT, fw_mailbox.h) it swaps back here. A
 * SIGSEGV, SIGILL, SIGBUS or SIGFPE in the firmware is the chip's HardFault
 * (reply 2 with the faulting EIP); _exit and abort are the chip's
 * (firmware/port/fw_exit.c: the mailbox says how the run ended). A run may
 * take DOORBELL_CPU_SECONDS of CPU time (the budget of instructions has no
 * meaning here): past that, reply 1, and the host ends the run as
 * `timeout`. Exit 2 with one line on stderr on a request it cannot do. */
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <ucontext.h>
#include <unistd.h>

#include "fw_mailbox.h"
#include "stack/state/run_state.h"

#if !defined(__i386__)
#error "firmware/ilp32 is the i386 (gcc -m32) build of the firmware"
#endif

/* firmware/image/fw_main.c, its main renamed (firmware/CMakeLists.txt) */
int lwipsim_fw_main(void);
extern struct lwipsim_run_state lwipsim_fw_state;

#define FW_STACK_BYTES (1u << 20)
#define DOORBELL_CPU_SECONDS 30

enum stop { STOP_WAITING = 0, STOP_BUDGET = 1, STOP_FAULT = 2 };

static ucontext_t driver_ctx, fw_ctx;
static volatile sig_atomic_t in_firmware;
static volatile sig_atomic_t stop_reason;
static uint32_t fault_pc;
static int started;
static unsigned char fw_stack[FW_STACK_BYTES] __attribute__((aligned(16)));
static unsigned char signal_stack[64 * 1024] __attribute__((aligned(16)));
static FILE *req, *rep;

static void die(const char *msg, uint32_t addr, uint32_t len)
{
  fprintf(stderr, "ilp32 chip: %s (address 0x%08x, %u bytes)\n", msg, addr, len);
  _Exit(2);
}

void lwipsim_fw_ilp32_wait(void)
{
  in_firmware = 0;
  swapcontext(&fw_ctx, &driver_ctx);
}

/* As startup.c's reset handler: main, then _exit with what it returns. */
static void firmware_entry(void) { _exit(lwipsim_fw_main()); }

/* A fault or the CPU budget while the firmware runs: its context is
 * abandoned (as a chip stops in its fault handler) and the driver answers. */
static void on_signal(int sig, siginfo_t *si, void *ucv)
{
  (void)si;
  if (!in_firmware) {
    signal(sig, SIG_DFL); /* the driver's own fault: a real crash */
    return;
  }
  in_firmware = 0;
  if (sig == SIGPROF) {
    stop_reason = STOP_BUDGET;
  } else {
    const ucontext_t *uc = ucv;
    fault_pc = (uint32_t)uc->uc_mcontext.gregs[REG_EIP];
    stop_reason = STOP_FAULT;
  }
  setcontext(&driver_ctx);
}

static void set_cpu_alarm(int seconds)
{
  struct itimerval it = { .it_value = { .tv_sec = seconds } };
  setitimer(ITIMER_PROF, &it, NULL);
}

static enum stop run_firmware(void)
{
  if (stop_reason == STOP_FAULT || stop_reason == STOP_BUDGET) {
    return (enum stop)stop_reason; /* the chip stays where it stopped */
  }
  if (!started) {
    started = 1;
    getcontext(&fw_ctx);
    fw_ctx.uc_stack.ss_sp = fw_stack;
    fw_ctx.uc_stack.ss_size = sizeof fw_stack;
    fw_ctx.uc_link = NULL;
    makecontext(&fw_ctx, firmware_entry, 0);
  }
  set_cpu_alarm(DOORBELL_CPU_SECONDS);
  in_firmware = 1;
  swapcontext(&driver_ctx, &fw_ctx);
  in_firmware = 0;
  set_cpu_alarm(0);
  return (enum stop)stop_reason;
}

/* Only the two structures the host shares with the chip. */
static void *shared(uint32_t addr, uint32_t len)
{
  uintptr_t a = addr, mb = (uintptr_t)&lwipsim_fw_mailbox, st = (uintptr_t)&lwipsim_fw_state;
  if (a >= mb && len <= sizeof lwipsim_fw_mailbox && a - mb <= sizeof lwipsim_fw_mailbox - len) {
    return (void *)a;
  }
  if (a >= st && len <= sizeof lwipsim_fw_state && a - st <= sizeof lwipsim_fw_state - len) {
    return (void *)a;
  }
  die("not in the mailbox or the run state", addr, len);
  return NULL;
}

static int get(void *p, size_t n) { return fread(p, 1, n, req) == n ? 0 : -1; }

static void put(const void *p, size_t n)
{
  if (fwrite(p, 1, n, rep) != n) {
    _Exit(0); /* the host is gone */
  }
}

int main(void)
{
  /* The protocol keeps its own descriptors; what the firmware might print
   * (the assert policy's abort path) goes to stderr, never into the pipe. */
  int in = dup(0), out = dup(1);
  if (in < 0 || out < 0 || dup2(2, 1) < 0 || (req = fdopen(in, "rb")) == NULL || (rep = fdopen(out, "wb")) == NULL) {
    fprintf(stderr, "ilp32 chip: cannot set up its pipe\n");
    return 2;
  }
  close(0);
  stack_t ss = { .ss_sp = signal_stack, .ss_size = sizeof signal_stack };
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_signal;
  sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
  sigemptyset(&sa.sa_mask);
  if (sigaltstack(&ss, NULL) != 0 || sigaction(SIGSEGV, &sa, NULL) != 0 || sigaction(SIGILL, &sa, NULL) != 0 ||
      sigaction(SIGBUS, &sa, NULL) != 0 || sigaction(SIGFPE, &sa, NULL) != 0 || sigaction(SIGPROF, &sa, NULL) != 0) {
    fprintf(stderr, "ilp32 chip: cannot install its fault handler\n");
    return 2;
  }
  for (int c; (c = fgetc(req)) != EOF;) {
    uint32_t addr = 0, len = 0;
    switch (c) {
    case 'L':
      if (get(&len, 4) != 0) {
        return 0;
      }
      for (uint32_t i = 0; i < len; i++) {
        fgetc(req); /* nothing to load: the image is this process */
      }
      put("k", 1);
      break;
    case 'W':
      if (get(&addr, 4) != 0 || get(&len, 4) != 0 || get(shared(addr, len), len) != 0) {
        return 0;
      }
      break;
    case 'R':
      if (get(&addr, 4) != 0 || get(&len, 4) != 0) {
        return 0;
      }
      put(shared(addr, len), len);
      break;
    case 'G': {
      uint32_t budget;
      if (get(&budget, 4) != 0) {
        return 0;
      }
      uint32_t code = (uint32_t)run_firmware(), pc = code == STOP_FAULT ? fault_pc : 0;
      double zero = 0;
      put(&code, 4);
      put(&pc, 4);
      put(&zero, 8);
      put(&zero, 8);
      break;
    }
    case 'Q': return 0;
    default: die("unknown request", (uint32_t)c, 0);
    }
    if (c != 'W' && fflush(rep) != 0) {
      return 0;
    }
  }
  return 0;
}
