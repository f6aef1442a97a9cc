// The I/O and utility builtins (issue 4), for the registry (builtins/registry.ts) to merge.
import type { BuiltinDef } from "./context.ts";
import { echoBuiltin } from "./echo.ts";
import { printfBuiltin } from "./printf.ts";
import { bracketBuiltin, testBuiltin } from "./test.ts";
import { readBuiltin } from "./read.ts";
import { mapfileBuiltin, readarrayBuiltin } from "./mapfile.ts";
import { getoptsBuiltin } from "./getopts.ts";
import { cdBuiltin, pwdBuiltin } from "./cd.ts";
import { dirsBuiltin, popdBuiltin, pushdBuiltin } from "./dirstack.ts";
import { umaskBuiltin } from "./umask.ts";
import { timesBuiltin } from "./times.ts";
import { aliasBuiltin, unaliasBuiltin } from "./alias.ts";
import { hashBuiltin } from "./hash.ts";
import { typeBuiltin } from "./type.ts";
import { helpBuiltin } from "./help.ts";
import { colonBuiltin, falseBuiltin, trueBuiltin } from "./true-false.ts";
import { ulimitBuiltin } from "./ulimit.ts";

export const ioBuiltins: BuiltinDef[] = [
  echoBuiltin,
  printfBuiltin,
  testBuiltin,
  bracketBuiltin,
  readBuiltin,
  mapfileBuiltin,
  readarrayBuiltin,
  getoptsBuiltin,
  cdBuiltin,
  pwdBuiltin,
  pushdBuiltin,
  popdBuiltin,
  dirsBuiltin,
  umaskBuiltin,
  timesBuiltin,
  aliasBuiltin,
  unaliasBuiltin,
  hashBuiltin,
  typeBuiltin,
  helpBuiltin,
  colonBuiltin,
  trueBuiltin,
  falseBuiltin,
  ulimitBuiltin,
];
