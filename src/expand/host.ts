// ExpandHost: everything word expansion needs from the shell, and nothing more.
// The executor implements it; unit tests implement it with plain objects.
import type { List } from "../../grammar/ast.ts";
import type { VarStore } from "../state/var-store.ts";
import type { Gen } from "../exec/gen.ts";

export interface ExpandOptions {
  nounset: boolean; // set -u
  noglob: boolean; // set -f
  nullglob: boolean;
  failglob: boolean;
  dotglob: boolean;
  extglob: boolean;
  globstar: boolean;
  nocaseglob: boolean;
  nocasematch: boolean;
  /** shopt globskipdots (bash 5.2 default: on): "." and ".." never match a glob. Optional. */
  globskipdots?: boolean;
  /** shopt patsub_replacement: & in ${x/p/r} is the match (bash 5.2 default: on). Optional. */
  patsub_replacement?: boolean;
}

export interface ExpandHost {
  readonly vars: VarStore;
  readonly opts: ExpandOptions;
  /** $1 ... $N (not including $0). */
  positional(): string[];
  /** $0 */
  arg0(): string;
  /** $? */
  lastStatus(): number;
  /** $! ("" when no background job was started) */
  lastBgPid(): string;
  /** $$ */
  shellPid(): number;
  /** $- (option letters) */
  optionFlags(): string;
  /** The shell's logical working directory (relative globs and tests resolve against it). */
  cwd(): string;
  /** Home directory of a user for ~user (undefined if no such user). ~ alone uses $HOME. */
  userHome(user: string): string | undefined;
  /** The directory stack as `dirs` lists it (current directory first), for ~N ~+N ~-N.
   *  Optional: without it those stay literal. */
  dirStack?(): string[];
  /** Run a command substitution body in a subshell and return its whole stdout
   *  (the expander strips trailing newlines). Sets the host's $? as bash does. */
  commandSubst(body: List): Gen<string>;
  /** Start a process substitution and return the path that names it (/dev/fd/N). */
  processSubst(op: "<" | ">", body: List): Gen<string>;
  /** Report an expansion error (bad substitution, ${x:?msg}, unbound variable, arithmetic error):
   *  prints "ipsh: <msg>" with the current location and throws ExpansionError.
   *  fatal (default true): a non-interactive shell exits, as bash does for ${x:?} and set -u
   *  errors. fatal=false: only the current command is abandoned (bash: arithmetic errors, bad
   *  substitutions, "cannot assign in this way", substring < 0, invalid indirection, readonly
   *  assignment in ${x:=}, failglob). */
  fail(message: string, fatal?: boolean, cStatus?: number): never;
  /** Print "ipsh: warning: <msg>" with the current location; expansion goes on. Optional. */
  warn?(message: string): void;
}

/** Thrown by ExpandHost.fail; the executor makes the command fail (status 1) and, as POSIX
 *  requires for a non-interactive shell, exits when the error happened in a special context. */
export class ExpansionError extends Error {
  constructor(
    message: string,
    /** exit status to use (1 for most, bash uses 1 for unbound variables and bad substitutions too) */
    public status = 1,
    /** true if a non-interactive shell must exit (unbound variable, ${x:?}, bad substitution) */
    public fatal = true,
    /** the status when a fatal error ends a `-c` shell: bash's jump to top level gives 127 there,
     *  except for the few errors it reports another way (an unset array's ${#a[@]}: 1) */
    public cStatus = 127,
  ) {
    super(message);
  }
}
