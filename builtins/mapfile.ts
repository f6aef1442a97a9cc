// mapfile / readarray [-d delim] [-n count] [-O origin] [-s count] [-t] [-u fd] [-C callback]
//   [-c quantum] [array] -- read lines into an indexed array (default MAPFILE).
//
// Without -O the array is emptied first; -O keeps it and assigns from ORIGIN on. -s skips the
// first lines, -n stops after COUNT lines (then input is read byte by byte on pipes so nothing
// past the last line is consumed), -t removes the delimiter. -C runs `CALLBACK index line`
// every QUANTUM lines (default 5000), before the line is assigned, as bash does.
import type { BuiltinContext, BuiltinDef } from "./context.ts";
import type { Gen } from "../src/exec/gen.ts";
import { FdReader, IoError, fromBytes, isValidName, toBytes } from "./io.ts";
import { shellQuote } from "./printf-format.ts";
import { VarError } from "../src/state/var-store.ts";

function usage(ctx: BuiltinContext): number {
  ctx.err(
    `${ctx.name}: usage: ${ctx.name} [-d delim] [-n count] [-O origin] [-s count] [-t] [-u fd] [-C callback] [-c quantum] [array]\n`,
  );
  return 2;
}

function* mapfile(ctx: BuiltinContext): Gen<number> {
  let delim = 10;
  let count = 0;
  let origin = -1;
  let skip = 0;
  let trim = false;
  let fd = 0;
  let callback: string | undefined;
  let quantum = 5000;
  const args = ctx.args;
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--") {
      i++;
      break;
    }
    if (a.length < 2 || a[0] !== "-") break;
    for (let k = 1; k < a.length; k++) {
      const c = a[k]!;
      if (c === "t") {
        trim = true;
        continue;
      }
      if (!"dnOsuCc".includes(c)) {
        ctx.error(`-${c}: invalid option`);
        return usage(ctx);
      }
      let v: string | undefined = a.slice(k + 1);
      if (v === "") v = args[++i];
      if (v === undefined) {
        ctx.error(`-${c}: option requires an argument`);
        return usage(ctx);
      }
      const num = /^[0-9]+$/.test(v) ? Number(v) : -1;
      switch (c) {
        case "d":
          delim = v.length ? toBytes(v).charCodeAt(0) : 0;
          break;
        case "n":
          if (num < 0) return bad(ctx, `${v}: invalid line count`);
          count = num;
          break;
        case "O":
          if (num < 0) return bad(ctx, `${v}: invalid array origin`);
          origin = num;
          break;
        case "s":
          if (num < 0) return bad(ctx, `${v}: invalid line count`);
          skip = num;
          break;
        case "u":
          if (num < 0) return bad(ctx, `${v}: invalid file descriptor specification`);
          fd = num;
          break;
        case "C":
          callback = v;
          break;
        case "c":
          if (num <= 0) return bad(ctx, `${v}: invalid callback quantum`);
          quantum = num;
          break;
      }
      break;
    }
  }
  const name = args[i] ?? "MAPFILE";
  if (!isValidName(name)) return bad(ctx, `\`${name}': not a valid identifier`);
  const sh = ctx.sh;
  const osfd = sh.fds.os(fd);
  if (osfd === undefined) return bad(ctx, `${fd}: invalid file descriptor: Bad file descriptor`);
  const vars = sh.vars;
  try {
    if (origin < 0) {
      vars.setArray(name, []);
      origin = 0;
    } else if (!vars.isArray(name) && vars.isSet(name)) vars.setArray(name, [vars.get(name)!]);
  } catch (e) {
    if (e instanceof Error) return bad(ctx, e.message);
    throw e;
  }
  const reader = new FdReader(sh as never, fd, osfd, -1, count === 0);
  let line = "";
  let seen = 0;
  let stored = 0;
  let index = origin;
  const emit = function* (text: string): Gen<boolean> {
    seen++;
    if (seen <= skip) return true;
    if (callback !== undefined && (stored + 1) % quantum === 0) {
      yield* sh.runString(`${callback} ${index} ${fromBytes(shellQuote(text))}`, ctx.name);
    }
    vars.setElement(name, index++, fromBytes(text));
    stored++;
    return count === 0 || stored < count;
  };
  try {
    for (;;) {
      let b = reader.buffered();
      if (b === -3) b = yield* reader.next();
      if (b < 0) {
        if (line.length) yield* emit(line);
        break;
      }
      if (b === delim) {
        if (!trim && b !== 0) line += String.fromCharCode(b); // a NUL cannot be stored
        const more = yield* emit(line);
        line = "";
        if (!more) break;
        continue;
      }
      if (b !== 0) line += String.fromCharCode(b);
    }
  } catch (e) {
    // bash's mapfile treats a read error like the end of the input (silently, status 0)
    if (e instanceof IoError) return 0;
    if (e instanceof VarError) return bad(ctx, e.message);
    throw e;
  } finally {
    reader.close();
  }
  return 0;
}

function bad(ctx: BuiltinContext, msg: string): number {
  ctx.error(msg);
  return 1;
}

const SYNOPSIS = "[-d delim] [-n count] [-O origin] [-s count] [-t] [-u fd] [-C callback] [-c quantum] [array]";
const DESCRIPTION =
  "Read lines from the standard input into an indexed array variable. ARRAY defaults to MAPFILE. -d uses the first " +
  "character of DELIM to end lines, -n copies at most COUNT lines, -O starts at index ORIGIN (without " +
  "it the array is cleared first), -s discards the first COUNT lines, -t removes the trailing delimiter, " +
  "-u reads from FD, -C evaluates CALLBACK every QUANTUM lines (-c, default 5000).";

export const mapfileBuiltin: BuiltinDef = {
  name: "mapfile",
  special: false,
  run: mapfile,
  synopsis: `mapfile ${SYNOPSIS}`,
  description: DESCRIPTION,
};

export const readarrayBuiltin: BuiltinDef = {
  name: "readarray",
  special: false,
  run: mapfile,
  synopsis: `readarray ${SYNOPSIS}`,
  description: "Read lines from a file into an array variable. A synonym for `mapfile'. " + DESCRIPTION.slice(DESCRIPTION.indexOf(". ") + 2),
};
