// The command line and the environment, byte for byte.
//
// Bun decodes argv and environ as UTF-8 and turns every invalid byte into U+FFFD, so an argument
// such as $'\xe9' or a Latin-1 value in the environment would reach the shell already corrupted.
// Where a decoded string holds U+FFFD, the original bytes are read back from /proc/self/cmdline or
// /proc/self/environ (the process's initial vectors) and decoded with escaped bytes
// (src/sys/utf8.ts), which the shell writes back out unchanged. Strings without U+FFFD are used as
// they are, so the common case reads nothing.
import { readFileSync } from "node:fs";
import { decodeUtf8 } from "./utf8.ts";

const REPLACEMENT = "\ufffd";

function procEntries(file: string): Uint8Array[] | undefined {
  let raw: Uint8Array;
  try {
    raw = readFileSync(file);
  } catch {
    return undefined;
  }
  const out: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === 0) {
      out.push(raw.subarray(start, i));
      start = i + 1;
    }
  }
  if (start < raw.length) out.push(raw.subarray(start));
  return out;
}

const lossy = new TextDecoder();

/**
 * The shell's arguments (`args`, the tail of process.argv after the runtime's own entries) with
 * any argument Bun decoded lossily replaced by its exact bytes. The arguments are the tail of
 * /proc/self/cmdline too (in front of them the runtime may have options of its own), so the two
 * are aligned from the end; an entry is replaced only when its lossy decoding is the argument.
 */
export function exactArgs(args: string[]): string[] {
  if (!args.some((a) => a.includes(REPLACEMENT))) return args;
  const raw = procEntries("/proc/self/cmdline");
  if (raw === undefined || raw.length < args.length) return args;
  const out = args.slice();
  const off = raw.length - args.length;
  for (let i = 0; i < args.length; i++) {
    if (!args[i]!.includes(REPLACEMENT)) continue;
    const bytes = raw[off + i]!;
    if (lossy.decode(bytes) === args[i]) out[i] = decodeUtf8(bytes);
  }
  return out;
}

/** The environment with every value Bun decoded lossily replaced by its exact bytes. */
export function exactEnviron(env: Record<string, string | undefined>): Record<string, string | undefined> {
  let lossyNames: string[] | undefined;
  for (const k in env) if (env[k]?.includes(REPLACEMENT)) (lossyNames ??= []).push(k);
  if (lossyNames === undefined) return env;
  const raw = procEntries("/proc/self/environ");
  if (raw === undefined) return env;
  const want = new Set(lossyNames);
  const out: Record<string, string | undefined> = { ...env };
  for (const entry of raw) {
    const eq = entry.indexOf(61); // '='
    if (eq <= 0) continue;
    const name = lossy.decode(entry.subarray(0, eq));
    if (!want.has(name)) continue;
    const value = entry.subarray(eq + 1);
    if (lossy.decode(value) === env[name]) out[name] = decodeUtf8(value);
  }
  return out;
}
