/* Start-up for the RP2040 image: the Cortex-M0+ vector table and the reset
 * handler. No boot2 and no SDK: the image is entered with SP and PC taken
 * from the first two words of the table (an emulator sets them from the
 * image; on a board the bootrom's boot2 would). The reset handler does what
 * a C runtime's crt0 does: .data copied from flash, .bss zeroed, picolibc's
 * thread-local block set up, then main. */
#include <stdint.h>
#include <string.h>

#include "fw_mailbox.h"

/* Linker script symbols (firmware/image/rp2040.ld). */
extern uint32_t __data_start[], __data_end[], __data_load[];
extern uint32_t __bss_start[], __bss_end[];
extern uint32_t __stack[];
extern char __tls_base[];

/* picolibc (libc_picolib_machine_arm_tls.c, inittls.c). */
void _set_tls(void *tls);
void _init_tls(void *tls);

int main(void);
void lwipsim_fw_reset(void);
void lwipsim_fw_fault(void);

/* A fault ends the run: the mailbox says so with the faulting PC, which the
 * exception frame on the stack holds (ARMv6-M: r0-r3, r12, lr, pc, xpsr),
 * and the core sleeps. The host reads the status; nothing here loops on
 * anything the host must answer. */
__attribute__((naked)) void lwipsim_fw_fault(void)
{
  __asm__ volatile("movs r0, #4\n"
                   "mov r1, lr\n"
                   "tst r0, r1\n" /* EXC_RETURN bit 2: which stack holds the frame */
                   "beq 1f\n"
                   "mrs r0, psp\n"
                   "b lwipsim_fw_fault_frame\n"
                   "1: mrs r0, msp\n"
                   "b lwipsim_fw_fault_frame\n");
}

void lwipsim_fw_fault_frame(const uint32_t *frame);
void lwipsim_fw_fault_frame(const uint32_t *frame)
{
  lwipsim_fw_mailbox.out.fault_pc = frame[6];
  lwipsim_fw_mailbox.status = LWIPSIM_FW_FAULT;
  for (;;) {
    __asm__ volatile("wfi");
  }
}

/* Cortex-M0+: initial SP, reset, NMI, HardFault, then the system handlers
 * the core has (SVCall, PendSV, SysTick) and the RP2040's 32 interrupts,
 * none used (ARMv6-M Architecture Reference Manual B1.5.2; RP2040 datasheet
 * 2.3.2). Every unused entry points at the fault handler. */
#define FW_VECTORS (16 + 32)
__attribute__((section(".vectors"), used)) static void (*const vectors[FW_VECTORS])(void) = {
  [0] = (void (*)(void))__stack,
  [1] = lwipsim_fw_reset,
  [2 ... FW_VECTORS - 1] = lwipsim_fw_fault,
};

void lwipsim_fw_reset(void)
{
  size_t data = (size_t)((char *)__data_end - (char *)__data_start);
  memcpy(__data_start, __data_load, data);
  memset(__bss_start, 0, (size_t)((char *)__bss_end - (char *)__bss_start));
  _set_tls(__tls_base);
  _init_tls(__tls_base);
  _exit(main());
}
