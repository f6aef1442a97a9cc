// Process substitution <( list ) and >( list ): the list runs as a separate process connected
// to a pipe; the command sees the other end as /dev/fd/N (N counts down from 63, as in bash).
// A single external command is spawned directly; anything else runs in a re-executed ipsh
// (see background.ts for why). The descriptor stays open in the shell until the command that
// used it finishes; the process is reaped in the background.

import type { List, SimpleCommand } from "../../grammar/ast.ts";
import type { Shell } from "../shell.ts";
import type { Gen } from "./gen.ts";
import { OsFd } from "./fd-table.ts";
import { pipe } from "../sys/fd.ts";
import { tracing, emit } from "../explain/trace.ts";
import { strerror } from "../sys/errno.ts";
import { expandArgs, isExternalName } from "./simple.ts";
import { findCommand, startProcess } from "./external.ts";
import { reexecArgv } from "./serialize.ts";
import { printPipelineList } from "./command-text.ts";
import { selfCommand } from "./self.ts";
import { adoptOrphan, reapOrphans } from "../jobs/orphans.ts";

export function* processSubst(sh: Shell, op: "<" | ">", body: List): Gen<string> {
  reapOrphans();
  const p = pipe();
  if (typeof p === "number") {
    sh.fail(`pipe error: ${strerror(-p)}`);
  }
  const [r, w] = p;
  if (tracing) emit({ kind: "pipe", read: r, write: w });
  const mine = new OsFd(op === "<" ? r : w, false, "process substitution");
  const theirs = new OsFd(op === "<" ? w : r, false, "pipe");
  const st = sh.cloneForSubshell();
  st.fds.set(op === "<" ? 1 : 0, theirs);
  let pid: number | { status: number } | undefined;
  try {
    const single = singleSimple(body);
    if (single) {
      const w0 = single.words[0];
      if (w0?.literal !== undefined && isExternalName(st, w0.literal) && single.redirects.length === 0 && single.assigns.length === 0) {
        const argv = yield* expandArgs(st, single.words);
        const path = findCommand(st, argv[0]);
        if (typeof path === "string") pid = startProcess(st, path, argv, st.environ(), {});
        else pid = { status: path };
      }
    }
    if (pid === undefined) {
      const self = selfCommand();
      pid = startProcess(st, self[0], reexecArgv(self, st, printPipelineList(body.items.map((i) => i.andOr)) + "\n"), st.environ(), {});
    }
  } finally {
    st.fds.dispose();
  }
  if (typeof pid === "number") {
    adoptOrphan(pid);
    sh.lastBgPid = pid;
  }
  // the shell fd: 63, 62, ... (bash's numbering), kept open until the current command ends
  let n = 63;
  while (sh.fds.entry(n)) n--;
  sh.fds.set(n, mine);
  sh.procSubFds.push(n);
  return `/dev/fd/${n}`;
}

function singleSimple(body: List): SimpleCommand | undefined {
  if (body.items.length !== 1 || body.items[0].background) return undefined;
  const ao = body.items[0].andOr;
  if (ao.rest.length || ao.first.commands.length !== 1 || ao.first.bang) return undefined;
  const c = ao.first.commands[0];
  return c.kind === "SimpleCommand" ? c : undefined;
}
