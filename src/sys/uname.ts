// uname(2): the system identification behind $HOSTNAME, $HOSTTYPE, $OSTYPE, $MACHTYPE and the
// prompt escapes \h and \H. struct utsname on Linux is six 65-byte NUL-terminated fields.
import { readCStr } from "./cstring.ts";
import { errno } from "./errno.ts";
import { libc } from "./libc.ts";

export interface Uname {
  readonly sysname: string;
  readonly nodename: string;
  readonly release: string;
  readonly version: string;
  readonly machine: string;
  readonly domainname: string;
}

const FIELD = 65;
let cached: Uname | undefined;

/** The system's uname, read once (the host name can change, so pass fresh=true to reread). */
export function uname(fresh = false): Uname | number {
  if (cached !== undefined && !fresh) return cached;
  const buf = new Uint8Array(FIELD * 6);
  if (libc().uname(buf) !== 0) return -errno();
  const f = (i: number) => readCStr(buf, i * FIELD, FIELD);
  cached = { sysname: f(0), nodename: f(1), release: f(2), version: f(3), machine: f(4), domainname: f(5) };
  return cached;
}
