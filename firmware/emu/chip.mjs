// The emulated RP2040 for lwipsim's target runner (sim/stack/target/chip.c):
// rp2040js (npm, pinned in package-lock.json) stepped on command over a
// pipe. It knows nothing of lwipsim: the runner loads the image, writes and
// reads SRAM, and says "run until the core waits" (WFI: the firmware waits
// for the host, firmware/image/fw_main.c). No bootrom, no boot2: SP and PC
// come from the image's vector table.
//
// Requests on stdin, replies on stdout, little-endian:
//   'L' u32 len, bytes   the flash image (offset 0 = 0x10000000); reply 'k'
//   'W' u32 addr, u32 len, bytes   write SRAM; no reply
//   'R' u32 addr, u32 len          reply: the bytes
//   'G' u32 budget       step until the core executes WFI, at most budget
//                        instructions; reply: u32 0 (waiting), 1 (budget
//                        spent) or 2 (fault), u32 PC, f64 instructions and f64
//                        cycles so far
// A fault is what makes a real Cortex-M0+ take its HardFault and rp2040js
// does not model: an undefined instruction (UDF: rp2040js calls onBreak) or
// an access to an address the RP2040 does not map (rp2040js logs it and
// goes on). The driver stops there and says where.
//   'Q'                  exit 0
// Exit 2 with one line on stderr on a request it cannot do.
import { RP2040 } from 'rp2040js';

const SRAM = 0x20000000;
const mcu = new RP2040();
let instructions = 0;
let faultPC = null;
mcu.onBreak = () => {
  faultPC = (mcu.core.PC - mcu.core.breakRewind) >>> 0;
};
const noteFault = (name, msg) => {
  if (faultPC === null && /invalid memory|undefined address|not 32 bit aligned|not 16 bit aligned/.test(msg)) {
    faultPC = mcu.core.PC >>> 0;
  }
};
mcu.logger = { debug() {}, info() {}, warn: noteFault, error: noteFault };

function die(msg) {
  process.stderr.write(`chip.mjs: ${msg}\n`);
  process.exit(2);
}

function sramRange(addr, len) {
  const off = addr - SRAM;
  if (off < 0 || off + len > mcu.sram.length) die(`address 0x${addr.toString(16)} (+${len}) is not in SRAM`);
  return off;
}

function run(budget) {
  const core = mcu.core;
  // The core sleeps in WFI until the host wakes it: it has written the
  // mailbox, so the firmware goes on past its WFI and checks.
  core.waiting = false;
  let n = 0;
  while (!core.waiting && n < budget && faultPC === null) {
    core.executeInstruction();
    n++;
  }
  instructions += n;
  const out = Buffer.alloc(24);
  out.writeUInt32LE(faultPC !== null ? 2 : core.waiting ? 0 : 1, 0);
  out.writeUInt32LE(faultPC !== null ? faultPC : core.PC >>> 0, 4);
  out.writeDoubleLE(instructions, 8);
  out.writeDoubleLE(core.cycles, 16);
  return out;
}

let buf = Buffer.alloc(0);
// One request if the buffer holds all of it: [bytes used, reply or null], or null.
function parse() {
  if (buf.length < 1) return null;
  const cmd = String.fromCharCode(buf[0]);
  const need = (n) => buf.length >= n;
  switch (cmd) {
    case 'L': {
      if (!need(5)) return null;
      const len = buf.readUInt32LE(1);
      if (!need(5 + len)) return null;
      if (len > mcu.flash.length) die(`image of ${len} bytes is larger than the flash`);
      const image = buf.subarray(5, 5 + len);
      mcu.flash.set(image, 0);
      mcu.core.SP = image.readUInt32LE(0);
      mcu.core.PC = image.readUInt32LE(4) & ~1;
      return [5 + len, Buffer.from('k')];
    }
    case 'W': {
      if (!need(9)) return null;
      const addr = buf.readUInt32LE(1), len = buf.readUInt32LE(5);
      if (!need(9 + len)) return null;
      mcu.sram.set(buf.subarray(9, 9 + len), sramRange(addr, len));
      return [9 + len, null];
    }
    case 'R': {
      if (!need(9)) return null;
      const addr = buf.readUInt32LE(1), len = buf.readUInt32LE(5);
      const off = sramRange(addr, len);
      return [9, Buffer.from(mcu.sram.subarray(off, off + len))];
    }
    case 'G':
      if (!need(5)) return null;
      return [5, run(buf.readUInt32LE(1))];
    case 'Q':
      process.exit(0);
    default:
      die(`unknown request 0x${buf[0].toString(16)}`);
  }
  return null;
}

process.stdin.on('data', (chunk) => {
  buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
  const replies = [];
  for (let r; (r = parse()) !== null; ) {
    buf = buf.subarray(r[0]);
    if (r[1] !== null) replies.push(r[1]);
  }
  if (replies.length) process.stdout.write(Buffer.concat(replies));
});
process.stdin.on('end', () => process.exit(0));
