// bash's select loop: print the numbered menu to stderr, read a line from stdin with PS3 as
// the prompt, set the variable to the chosen item (empty for an invalid choice) and REPLY to the
// line; an empty line redisplays the menu; end of input ends the loop.
import { decodeUtf8 } from "../sys/utf8.ts";
import { writeShellFd } from "./io.ts";
import { loopVarFailed } from "./execute.ts";
import { VarError } from "../state/var-store.ts";
import type { Select } from "../../grammar/ast.ts";
import type { Shell } from "../shell.ts";
import type { Gen } from "./gen.ts";
import { loopControl } from "./control.ts";
import { execList } from "./execute.ts";
import { readByte, EOF } from "../sys/fd.ts";

function menu(items: string[]): string {
  const w = String(items.length).length;
  return items.map((it, i) => `${String(i + 1).padStart(w)}) ${it}\n`).join("");
}

function readLine(sh: Shell): string | undefined {
  const fd = sh.fds.os(0);
  if (fd === undefined) return undefined;
  const bytes: number[] = [];
  for (;;) {
    const b = readByte(fd);
    if (b === EOF || b < 0) return bytes.length ? decodeUtf8(new Uint8Array(bytes)) : undefined;
    if (b === 10) return decodeUtf8(new Uint8Array(bytes));
    bytes.push(b);
  }
}

export function* selectLoop(sh: Shell, cmd: Select, items: string[]): Gen<number> {
  let status = 0;
  let show = true;
  for (;;) {
    if (show) sh.writeErr(menu(items));
    sh.writeErr(sh.vars.get("PS3") ?? "#? ");
    const line = readLine(sh);
    if (line === undefined) {
      writeShellFd(sh, 1, "\n"); // bash ends the prompt's line on standard output
      break;
    }
    sh.vars.set("REPLY", line);
    if (line.trim() === "") {
      show = true;
      continue;
    }
    show = false;
    const n = Number(line.trim());
    try {
      sh.vars.set(cmd.name, Number.isInteger(n) && n >= 1 && n <= items.length ? items[n - 1] : "");
    } catch (e) {
      if (!(e instanceof VarError)) throw e;
      return loopVarFailed(sh, e);
    }
    try {
      status = yield* execList(sh, cmd.body);
    } catch (e) {
      if (loopControl(e) === "break") break;
      continue;
    }
  }
  return status;
}
