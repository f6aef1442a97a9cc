// Imported first by the entry point (src/main.ts): the JIT policy for run-once code from the start
// of the process (src/sys/jit-policy.ts). A module of its own because imports are evaluated before
// the importing module's body; other importers of jit-policy.ts (tests) leave the policy alone.
import { jitForScript } from "./jit-policy.ts";

jitForScript();
