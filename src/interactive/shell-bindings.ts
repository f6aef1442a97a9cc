// The Bindings of a shell state (sh.bindings), made on first use: `bind` and the line editor
// share them. `set editing-mode vi|emacs` (in an inputrc or through bind) is the shell's
// `set -o vi|emacs`, as in bash.
import type { Shell } from "../shell.ts";
import { Bindings } from "./bindings.ts";

export function shellBindings(sh: Shell): Bindings {
  let b = sh.bindings as Bindings | undefined;
  if (!b) {
    b = new Bindings();
    b.onEditingMode = (mode) => sh.opts.set(mode, true);
    b.editingMode = () => (sh.opts.vi ? "vi" : "emacs");
    sh.bindings = b;
  }
  return b;
}
