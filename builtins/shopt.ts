// shopt [-pqsuo] [optname ...] -- bash's optional behaviours (and, with -o, the set -o options).
//
//  shopt                     every option: "name<pad to 15>\ton|off"
//  shopt -p [name ...]       as commands: "shopt -s name" / "shopt -u name" (-o: "set -o name")
//  shopt -s|-u name ...      turn on / off
//  shopt -s|-u               list the options that are on / off
//  shopt name ...            show them; status 1 if any is off
//  shopt -q name ...         status only: 0 when all are on
import { parseOptions } from "./options.ts";
import type { BuiltinContext, BuiltinDef } from "./context.ts";
import { syncExplain } from "../src/explain/live.ts";
import { SET_OPTIONS, SHOPT_OPTIONS, setOption, shoptOption, type OptionInfo } from "../src/state/options.ts";

const USAGE = "shopt [-pqsu] [-o] [optname ...]";
const READ_ONLY = new Set(["login_shell", "restricted_shell"]);

function shopt(ctx: BuiltinContext): number {
  let setOn = false;
  let setOff = false;
  let print = false;
  let quiet = false;
  let useSetO = false;
  const parsed = parseOptions(ctx, "supqo", `shopt: usage: ${USAGE}`);
  if (typeof parsed === "number") return parsed;
  for (const o of parsed.opts) {
    if (o.letter === "s") setOn = true;
    else if (o.letter === "u") setOff = true;
    else if (o.letter === "p") print = true;
    else if (o.letter === "q") quiet = true;
    else useSetO = true;
  }
  if (setOn && setOff) {
    ctx.error("cannot set and unset shell options simultaneously");
    return 1;
  }
  const names = parsed.rest;
  const opts = ctx.sh.opts as unknown as Record<string, boolean>;
  const lookup = useSetO ? setOption : shoptOption;
  const table = useSetO ? SET_OPTIONS : SHOPT_OPTIONS;

  const line = (o: OptionInfo): string => {
    const on = opts[o.prop];
    if (print) return useSetO ? `set ${on ? "-" : "+"}o ${o.name}\n` : `shopt ${on ? "-s" : "-u"} ${o.name}\n`;
    return `${o.name.padEnd(15)}\t${on ? "on" : "off"}\n`;
  };

  if (names.length === 0) {
    // With -s/-u and no names: only the options in that state.
    let out = "";
    for (const o of table) {
      const on = opts[o.prop];
      if ((setOn && !on) || (setOff && on)) continue;
      if (!quiet) out += line(o);
    }
    ctx.out(out);
    return 0;
  }

  let status = 0;
  let out = "";
  for (const n of names) {
    const o = lookup(n);
    if (o === undefined) {
      ctx.out(out);
      out = "";
      ctx.error(`${n}: invalid ${useSetO ? "option name" : "shell option name"}`);
      status = 1;
      continue;
    }
    if (setOn || setOff) {
      // login_shell and restricted_shell only report how the shell started: changes are ignored
      if (READ_ONLY.has(o.name)) continue;
      ctx.sh.opts.set(o.name, setOn);
      if (o.name === "allexport") ctx.sh.vars.autoExport = setOn;
      else if (o.name === "explain") syncExplain(ctx.sh);
      continue;
    }
    if (!opts[o.prop]) status = 1;
    if (!quiet) out += line(o);
  }
  ctx.out(out);
  return status;
}

export const shoptBuiltin: BuiltinDef = {
  name: "shopt",
  special: false,
  run: shopt,
  synopsis: USAGE,
  description: "Set and unset shell options; with no options, list them and their states.",
};
