// The Bindings of a shell state (sh.bindings), made on first use: `bind` and the line editor
// share them. `set editing-mode vi|emacs` (in an inputrc or through bind) is the shell's
// `set -o vi|emacs`, as in bash.
import type { Shell } from "../shell.ts";
import { Bindings } from "./bindings.ts";

/** Which shell state made each Bindings: a subshell starts out sharing its parent's (the state
 *  is copied field by field), and gets a copy of its own before it changes anything. */
const owners = new WeakMap<Bindings, Shell>();

/** The shell's bindings; `forChange`: ones this state may modify (copied from the parent's in a
 *  subshell, so that `(bind ...)` leaves the parent alone, as a forked bash subshell does). */
export function shellBindings(sh: Shell, forChange = false): Bindings {
  let b = sh.bindings as Bindings | undefined;
  if (b && forChange && owners.get(b) !== sh) b = own(sh, b.clone());
  if (!b) b = own(sh, new Bindings());
  return b;
}

function own(sh: Shell, b: Bindings): Bindings {
  b.onEditingMode = (mode) => sh.opts.set(mode, true);
  b.editingMode = () => (sh.opts.vi ? "vi" : "emacs");
  owners.set(b, sh);
  sh.bindings = b;
  return b;
}
