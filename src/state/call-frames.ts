// bash's call stack behind FUNCNAME, BASH_SOURCE and BASH_LINENO (and `caller`).
//
// Each function call and each `source` pushes a frame: the function's name (or "source"), the
// file the function was defined in (or the sourced file), and the line it was called from.
// The three arrays list the frames innermost first; a script file adds a bottom frame
// ("main", the script, line 0), which -c strings, standard input and interactive shells lack:
//
//   bash script.sh, in f called at line 6:  FUNCNAME=(f main) BASH_SOURCE=(script.sh script.sh)
//                                          BASH_LINENO=(6 0)
//   bash < script.sh, same:                FUNCNAME=(f) BASH_SOURCE=(main) BASH_LINENO=(6)
//
// FUNCNAME is empty unless a function is running (a file sourced at top level sees
// FUNCNAME=() but BASH_SOURCE=(file script.sh)). A function defined outside any file records
// bash's stand-in name for its source: "main" (standard input, interactive) or "environment"
// (-c).
import type { FunctionDef } from "../../grammar/ast.ts";

export interface CallFrame {
  /** the function's name, or "source" */
  name: string;
  /** the sourced file (a function's frame has fn instead: its file is looked up when read) */
  source?: string;
  /** the function called */
  fn?: FunctionDef;
  /** LINENO of the call */
  line: number;
}

/** What the arrays need from the shell state. */
export interface FrameState {
  /** innermost last */
  frames: CallFrame[];
  /** the functions running (FUNCNAME is empty without one) */
  funcStack: readonly string[];
  inputMode: "c" | "file" | "stdin" | "interactive";
  /** $0: for a script file, the script as named on the command line (the bottom frame's file;
   *  scriptName follows `source` for messages, this does not) */
  arg0: string;
}

const definedIn = new WeakMap<FunctionDef, string>();

/** Record where a function is being defined (the innermost frame's file, else the script). */
export function noteDefinition(st: FrameState, fn: FunctionDef): void {
  const top = st.frames[st.frames.length - 1];
  definedIn.set(fn, top !== undefined ? frameSource(st, top) : outerSource(st));
}

/** The file a function was defined in, as BASH_SOURCE shows it while the function runs. */
export function definitionFile(st: FrameState, fn: FunctionDef): string {
  return definedIn.get(fn) ?? outerSource(st);
}

function frameSource(st: FrameState, f: CallFrame): string {
  return f.source ?? definitionFile(st, f.fn!);
}

function outerSource(st: FrameState): string {
  return st.inputMode === "file" ? st.arg0 : st.inputMode === "c" ? "environment" : "main";
}

function collect<T>(st: FrameState, pick: (f: CallFrame) => T, bottom: T): T[] {
  const out: T[] = [];
  const fr = st.frames;
  for (let i = fr.length - 1; i >= 0; i--) out.push(pick(fr[i]!));
  if (st.inputMode === "file") out.push(bottom);
  return out;
}

export function funcnameArray(st: FrameState): string[] {
  return st.funcStack.length > 0 ? frameNames(st) : [];
}

/** FUNCNAME without its hiding at top level (`caller` reads it). */
export function frameNames(st: FrameState): string[] {
  return collect(st, (f) => f.name, "main");
}

/** `caller [n]`: "line file" of the current call, or "line function file" of frame n; undefined
 *  (status 1) when there is no such frame. */
export function callerText(st: FrameState, n: number | undefined): string | undefined {
  const lines = bashLinenoArray(st);
  const sources = bashSourceArray(st);
  if (n === undefined) return lines.length === 0 ? undefined : `${lines[0]} ${sources[1] ?? "NULL"}`;
  const names = frameNames(st);
  if (n + 1 >= names.length) return undefined;
  return `${lines[n]} ${names[n + 1]} ${sources[n + 1]}`;
}

export function bashSourceArray(st: FrameState): string[] {
  return collect(st, (f) => frameSource(st, f), st.arg0);
}

export function bashLinenoArray(st: FrameState): string[] {
  return collect(st, (f) => String(f.line), "0");
}
