// Runs a device script on an lwipsim RP2040 image in the rp2040js emulator
// (npm rp2040js, pinned in package-lock.json) and prints what the chip's own
// probe counted, as JSON. No frames cross yet (docs/ARCHITECTURE.md,
// "Firmware"; firmware/NOTES.md): this is the script, lwIP's timers and the
// virtual clock, stepped as the host engine steps them.
//
// usage: node run.mjs IMAGE.bin LAYOUT MAILBOX STATE SCRIPT [--until MS] [--seed N]
//   IMAGE.bin  objcopy -O binary of the ELF: loaded at flash offset 0
//   LAYOUT, MAILBOX, STATE  hex addresses of lwipsim_fw_layout,
//              lwipsim_fw_mailbox, lwipsim_fw_state (nm on the ELF)
//   SCRIPT     lines "MS<TAB>ACTION", in time order
// Exit: 0 with the JSON on stdout; 2 on bad input or a run that exceeded its
// instruction budget (a hang is never an answer).
import { RP2040 } from 'rp2040js';
import fs from 'fs';

const args = process.argv.slice(2);
function die(msg) {
  process.stderr.write(`run.mjs: ${msg}\n`);
  process.exit(2);
}
if (args.length < 5) die('usage: node run.mjs IMAGE.bin LAYOUT MAILBOX STATE SCRIPT [--until MS] [--seed N]');
const [imagePath, layoutHex, mailboxHex, stateHex, scriptPath] = args;
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const untilMs = opt('--until', 60000);
const seed = opt('--seed', 1);
const mac = [0x28, 0xcd, 0xc1, 0x03, 0x9e, 0x26];
// Every stretch of work (boot, one time step) gets this many instructions.
const BUDGET = 200_000_000;

const mcu = new RP2040();
const image = fs.readFileSync(imagePath);
mcu.flash.set(image, 0);
const words = new DataView(image.buffer, image.byteOffset, image.byteLength);
// No bootrom: SP and PC from the vector table (initial SP, reset handler).
mcu.core.SP = words.getUint32(0, true);
mcu.core.PC = words.getUint32(4, true) & ~1;

const layoutAddr = parseInt(layoutHex, 16), mbox = parseInt(mailboxHex, 16), state = parseInt(stateHex, 16);
const L = [];
// The table is in flash: read it from the image (XIP at 0x10000000).
for (let i = 0; i < 33; i++) {
  const off = layoutAddr - 0x10000000 + 4 * i;
  if (off < 0 || off + 4 > image.length) die(`layout address 0x${layoutHex} is not in the image`);
  L.push(words.getUint32(off, true));
}
if (L[0] !== 2) die(`layout version ${L[0]}, this driver reads 2 (firmware/image/fw_mailbox.h)`);
const [, STATUS, DOORBELL, ANSWERED, NOW, SEED, MAC, ACTION, ACTION_STATUS, , TX_COUNT, , , NEXT_TIMER, EXIT_CODE,
  FAULT_PC, N_POOLS, POOLS, POOL_SIZE, USED, PEAK, FAILED, PANICKED, P_MSG, P_FILE, P_LINE, P_TIME, ARMED_COUNT,
  ARMED_NAMES, NAME_LEN, ARMING, HEAP_PEAK, HEAP_FAILED] = L;

const r32 = (a) => mcu.readUint32(a);
const w32 = (a, v) => mcu.writeUint32(a, v >>> 0);
const cstr = (a, max) => {
  let s = '';
  for (let i = 0; i < max; i++) {
    const c = mcu.readUint8(a + i);
    if (c === 0) break;
    s += String.fromCharCode(c);
  }
  return s;
};
const STATUS_NAMES = ['booting', 'idle', 'busy', 'panic', 'exit', 'fault'];
let instructions = 0;
// Steps until done() or the chip stops for good (panic, exit, fault).
function runUntil(done) {
  const start = instructions;
  while (!done()) {
    // A panic, exit or fault ends in a WFI loop (firmware/port/fw_exit.c,
    // startup.c): once the status says so and the core sleeps, it is over.
    if (mcu.core.waiting && r32(mbox + STATUS) >= 3) return false;
    // Otherwise WFI is the idle loop waiting for its doorbell: in this
    // protocol only the host wakes the chip, so the core polls on.
    mcu.core.waiting = false;
    mcu.step();
    if (++instructions - start > BUDGET) die(`instruction budget exceeded at PC 0x${mcu.core.PC.toString(16)}`);
  }
  return true;
}

const script = fs
  .readFileSync(scriptPath, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => {
    const tab = l.indexOf('\t');
    if (tab < 0 || !/^\d+$/.test(l.slice(0, tab))) die(`${scriptPath}: not "MS<TAB>ACTION": ${l}`);
    return { ms: Number(l.slice(0, tab)), action: l.slice(tab + 1) };
  });

let bell = 0;
let stopped = false;
const actionStatus = [];
function step(now, lines) {
  w32(mbox + NOW, now);
  w32(mbox + NOW + 4, Math.floor(now / 2 ** 32));
  const text = Buffer.from(lines.join('\n') + '\0', 'latin1');
  if (text.length > 1024) die('too many actions at one time');
  text.forEach((b, i) => mcu.writeUint8(mbox + ACTION + i, b));
  w32(mbox + DOORBELL, ++bell);
  if (!runUntil(() => r32(mbox + ANSWERED) === bell && r32(mbox + STATUS) === 1)) {
    stopped = true;
    return 0xffffffff;
  }
  if (lines.length) actionStatus.push({ time_ms: now, status: r32(mbox + ACTION_STATUS) | 0 });
  return r32(mbox + NEXT_TIMER);
}

if (!runUntil(() => r32(mbox) === 0x4d53574c && r32(mbox + STATUS) === 1)) die('the image stopped while booting');
const bootInstructions = instructions;
w32(mbox + SEED, seed);
mac.forEach((b, i) => mcu.writeUint8(mbox + MAC + i, b));
// The first doorbell carries the seed and the MAC; lwIP starts at time 0.
let now = 0;
let next = 0;
let sleep = step(0, []);
let i = 0;
// The engine's rule: the next time is the earliest of the next action and
// lwIP's next timeout; idle time in between is skipped.
while (!stopped && now <= untilMs) {
  const due = [];
  while (i < script.length && script[i].ms <= now) due.push(script[i++].action);
  sleep = step(now, due);
  if (stopped) break;
  const timer = sleep === 0xffffffff ? Infinity : now + sleep;
  const action = i < script.length ? script[i].ms : Infinity;
  next = Math.min(timer, action);
  if (next > untilMs) break;
  now = next;
}

const status = STATUS_NAMES[r32(mbox + STATUS)] ?? 'unknown';
const pools = [];
for (let p = 0; p < r32(state + N_POOLS); p++) {
  const b = state + POOLS + p * POOL_SIZE;
  pools.push({ name: cstr(b, 32), used: r32(b + USED), peak: r32(b + PEAK), failed: r32(b + FAILED) });
}
const out = {
  target: 'rp2040',
  status,
  instructions,
  boot_instructions: bootInstructions,
  end_time_ms: now,
  action_status: actionStatus,
  pools,
  // sim/stack/port/heap_budget.c on the chip: lwIP's MEM_CUSTOM_ALLOCATOR
  // requests, in the target's sizes
  heap: { peak_bytes: r32(state + HEAP_PEAK) + r32(state + HEAP_PEAK + 4) * 2 ** 32,
          failed: r32(state + HEAP_FAILED) + r32(state + HEAP_FAILED + 4) * 2 ** 32 },
  panic: null,
};
if (r32(state + PANICKED)) {
  const n = r32(state + ARMED_COUNT);
  const armed = [];
  for (let k = 0; k < Math.min(n, 64); k++) armed.push(cstr(state + ARMED_NAMES + k * NAME_LEN, NAME_LEN));
  out.panic = {
    message: cstr(state + P_MSG, 160),
    file: cstr(state + P_FILE, 128),
    line: r32(state + P_LINE) | 0,
    time_ms: r32(state + P_TIME) + r32(state + P_TIME + 4) * 2 ** 32,
    arming: cstr(state + ARMING, NAME_LEN),
    armed_timers: armed,
  };
}
if (status === 'fault') out.fault_pc = `0x${r32(mbox + FAULT_PC).toString(16)}`;
process.stdout.write(JSON.stringify(out, null, 1) + '\n');
