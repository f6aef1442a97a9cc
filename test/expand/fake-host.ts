// A fake ExpandHost for expansion tests: variables in MemVars, options in a plain object,
// command substitution that "runs" a body by looking up its source span in a table, and
// fail() that throws ExpansionError with the message (so tests can assert it).
import type { List } from "../../grammar/ast.ts";
import type { Gen } from "../../src/exec/gen.ts";
import { ExpansionError } from "../../src/expand/host.ts";
import type { ExpandHost, ExpandOptions } from "../../src/expand/host.ts";
import { MemVars } from "./mem-vars.ts";

export class FakeHost implements ExpandHost {
  vars: MemVars;
  opts: ExpandOptions = {
    nounset: false, noglob: false, nullglob: false, failglob: false, dotglob: false,
    extglob: false, globstar: false, nocaseglob: false, nocasematch: false,
  };
  pos: string[] = [];
  dir = "/";
  status = 0;
  /** command substitution: the body's first word literal is looked up here */
  subst = new Map<string, string>();
  errors: string[] = [];
  /** the fatal flag of each failure, in order */
  fatal: boolean[] = [];

  constructor(init: Record<string, string | string[]> = {}) {
    this.vars = new MemVars(init);
  }
  positional(): string[] {
    return this.pos;
  }
  arg0(): string {
    return "ipsh";
  }
  lastStatus(): number {
    return this.status;
  }
  lastBgPid(): string {
    return "";
  }
  shellPid(): number {
    return 4242;
  }
  optionFlags(): string {
    return "hB";
  }
  cwd(): string {
    return this.dir;
  }
  userHome(user: string): string | undefined {
    return user === "root" ? "/root" : undefined;
  }
  // eslint-disable-next-line require-yield
  *commandSubst(body: List): Gen<string> {
    const key = (body as unknown as { key?: string }).key ?? "";
    return this.subst.get(key) ?? "";
  }
  // eslint-disable-next-line require-yield
  *processSubst(): Gen<string> {
    return "/dev/fd/63";
  }
  fail(message: string, fatal = true): never {
    this.errors.push(message);
    this.fatal.push(fatal);
    throw new ExpansionError(message, 1, fatal);
  }
}
