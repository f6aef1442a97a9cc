// The descriptor-wiring diagram of `explain`: one box per process or in-process stage, top to
// bottom in pipeline order, each listing where its descriptors point, with the pipes drawn
// between consecutive boxes. Plain ASCII so it survives any terminal and any log file.

import type { Mode } from "./sim-fds.ts";

export interface BoxFd {
  fd: number;
  mode: Mode;
  label: string;
}

export interface Box {
  /** "pid A: cat -n" or "in-process stage 2: echo hi" */
  title: string;
  /** How it runs: "/usr/bin/cat, spawned (posix_spawn, then execve)" */
  how: string;
  /** The descriptors it runs with, ascending; empty for a command that never starts. */
  fds: BoxFd[];
}

export interface Diagram {
  /** The command line (or the part of it) the boxes belong to. */
  title: string;
  boxes: Box[];
  /** pipes[i]: the pipe number between boxes[i] and boxes[i+1], 0 when none. */
  pipes: number[];
}

/** Arrows say which way data moves: into the process (<-), out of it (->), or both. */
const ARROW: Record<Mode, string> = { r: "<-", w: "->", rw: "<>" };

export function renderDiagram(d: Diagram): string {
  let out = `${d.title}\n`;
  const lines: string[][] = d.boxes.map((b) => [b.how, ...(b.fds.length === 0 ? ["(no descriptors: never started)"] : b.fds.map((f) => `fd ${f.fd} ${ARROW[f.mode]} ${f.label}`))]);
  let width = 0;
  for (let i = 0; i < d.boxes.length; i++) {
    width = Math.max(width, d.boxes[i]!.title.length + 7);
    for (const l of lines[i]!) width = Math.max(width, l.length + 4);
  }
  for (let i = 0; i < d.boxes.length; i++) {
    const b = d.boxes[i]!;
    const head = `+-- ${b.title} `;
    out += head + "-".repeat(width - head.length - 1) + "+\n";
    for (const l of lines[i]!) out += `| ${l.padEnd(width - 4)} |\n`;
    out += `+${"-".repeat(width - 2)}+\n`;
    const p = d.pipes[i] ?? 0;
    if (i < d.boxes.length - 1) {
      if (p > 0) out += `      |  pipe #${p}: what the box above writes to its write end, the box below reads\n      v\n`;
      else out += `      (no pipe: runs after the box above)\n`;
    }
  }
  return out;
}
