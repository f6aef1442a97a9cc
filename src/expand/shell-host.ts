// The ExpandHost of a shell state: adapts the Shell's fields to what expansion asks for.
import type { List } from "../../grammar/ast.ts";
import type { Shell } from "../shell.ts";
import type { Gen } from "../exec/gen.ts";
import type { ExpandHost, ExpandOptions } from "./host.ts";
import type { VarStore } from "../state/var-store.ts";

export class ShellExpandHost implements ExpandHost {
  constructor(private readonly sh: Shell) {}
  get vars(): VarStore {
    return this.sh.vars;
  }
  get opts(): ExpandOptions {
    return this.sh.opts;
  }
  positional(): string[] {
    return this.sh.positional;
  }
  arg0(): string {
    return this.sh.arg0;
  }
  lastStatus(): number {
    return this.sh.lastStatus;
  }
  lastBgPid(): string {
    return this.sh.lastBgPid ? String(this.sh.lastBgPid) : "";
  }
  shellPid(): number {
    return this.sh.pid;
  }
  optionFlags(): string {
    return this.sh.opts.flags();
  }
  cwd(): string {
    return this.sh.cwd;
  }
  userHome(user: string): string | undefined {
    return this.sh.userHome(user);
  }
  commandSubst(body: List): Gen<string> {
    return this.sh.commandSubst(body);
  }
  processSubst(op: "<" | ">", body: List): Gen<string> {
    return this.sh.processSubst(op, body);
  }
  fail(message: string, fatal = true, cStatus = 127): never {
    return this.sh.fail(message, fatal, cStatus);
  }
  warn(message: string): void {
    this.sh.diag("warning: " + message);
  }
  dirStack(): string[] {
    return this.sh.dirStack;
  }
}
