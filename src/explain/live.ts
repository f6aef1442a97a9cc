// `set -o explain`: the live trace. While the option is on, a listener on the trace bus
// (trace.ts) renders every event the executor emits (render.ts) as it happens, one line per
// operation prefixed with "[explain] ", to the shell's stderr (as it was when the option was turned on), or appended to the file named by
// $IPSH_EXPLAIN_FILE when that variable is set and not empty.
//
// Invariants:
//  - The listener writes with raw write(2) on an OS descriptor, never through the shell's fd
//    table or a redirection, so rendering the trace produces no trace events of its own and
//    cannot disturb the descriptors it describes.
//  - Tracing is a process-wide switch (the bus has one listener): the state that turned it on
//    owns it (its stderr and $IPSH_EXPLAIN_FILE are used). Turning the option off in any state
//    detaches it; so does the end of the subshell that turned it on (its option dies with it,
//    and the parent's is still off). When the option is off nothing is attached and every emit
//    point costs one boolean test.

import { setTraceListener, type TraceEvent } from "./trace.ts";
import { renderEvent } from "./render.ts";
import { closeFd, dupCloexec, openFile, O_APPEND, O_CLOEXEC, O_CREAT, O_WRONLY, writeAll } from "../sys/fd.ts";
import { getPgrp } from "../sys/proc.ts";

/** What the live trace needs from a shell state. */
export interface ExplainOwner {
  readonly opts: { explain: boolean };
  readonly vars: { get(name: string): string | undefined };
  readonly fds: { os(fd: number): number | undefined };
  /** 0 for the main shell; a subshell's option lasts only as long as the subshell. */
  readonly subshellLevel: number;
}

/** The variable naming a file the trace is appended to instead of stderr. */
export const EXPLAIN_FILE_VAR = "IPSH_EXPLAIN_FILE";
/** Every trace line starts with this, so the trace stands out from the commands' own output. */
export const LINE_PREFIX = "[explain] ";

let owner: ExplainOwner | undefined;
let shellPgid = 0;
/** A private copy (dup, close-on-exec) of the owner's stderr when the option was turned on:
 *  commands' own `2>file` frames swap the state's table while they run, and the trace must not
 *  follow them into the file. */
let stderrCopy = -1;
let filePath = "";
let fileFd = -1;

/** Attach or detach the listener to match `sh.opts.explain` (called wherever the option changes). */
export function syncExplain(sh: ExplainOwner): void {
  if (sh.opts.explain) {
    if (owner !== undefined) return;
    shellPgid = getPgrp();
    const err = sh.fds.os(2);
    stderrCopy = err === undefined ? -1 : dupCloexec(err);
    owner = sh;
    setTraceListener(onEvent);
  } else if (owner !== undefined) detach();
}

function detach(): void {
  owner = undefined;
  setTraceListener(undefined);
  closeFile();
  if (stderrCopy >= 0) closeFd(stderrCopy);
  stderrCopy = -1;
}

/** Prefix every line of a rendered event. */
export function traceLines(e: TraceEvent, pgid: number): string {
  const text = renderEvent(e, pgid);
  let out = LINE_PREFIX;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    out += c;
    if (c === "\n") out += LINE_PREFIX;
  }
  return out + "\n";
}

function onEvent(e: TraceEvent): void {
  const sh = owner;
  if (sh === undefined) return;
  const fd = destination(sh);
  if (fd >= 0) writeAll(fd, traceLines(e, shellPgid));
  if (e.kind === "inproc" && e.phase === "end" && sh.subshellLevel > 0 && e.level === sh.subshellLevel) detach();
}

/** The OS descriptor the trace goes to: the explain file, or the owner's stderr. */
function destination(sh: ExplainOwner): number {
  const path = sh.vars.get(EXPLAIN_FILE_VAR) ?? "";
  if (path !== "") {
    if (path !== filePath) {
      closeFile();
      const fd = openFile(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC);
      if (fd >= 0) {
        fileFd = fd;
        filePath = path;
      }
    }
    if (fileFd >= 0) return fileFd;
  }
  return stderrCopy;
}

function closeFile(): void {
  if (fileFd >= 0) closeFd(fileFd);
  fileFd = -1;
  filePath = "";
}
