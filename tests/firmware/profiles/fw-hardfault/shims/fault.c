/* The fw-hardfault test profile's IPv4 input hook: UDF, which a Cortex-M0+
 * answers with a HardFault (ARMv6-M Architecture Reference Manual, A6.7.72:
 * UDF "always generates an Undefined Instruction exception", escalated to
 * HardFault on ARMv6-M). */
struct pbuf;
struct netif;
int lwipsim_test_ip4_input(struct pbuf *p, struct netif *inp);

int lwipsim_test_ip4_input(struct pbuf *p, struct netif *inp)
{
  (void)p;
  (void)inp;
#if defined(__i386__)
  __asm__ volatile("ud2"); /* the ILP32 host chip (firmware/ilp32): SIGILL, its HardFault */
#else
  __asm__ volatile("udf #0");
#endif
  return 0;
}
