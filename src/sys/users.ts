// User database lookups: home directories for tilde expansion (~user, and ~ when HOME is unset)
// and names for prompts (\u).
//
// Uses glibc getpwnam/getpwuid, so NSS sources (LDAP, systemd-userdb...) work as they do for
// bash. The returned struct is static storage inside glibc: fields are copied out at once.
// struct passwd on x86_64: pw_name @0, pw_passwd @8, pw_uid @16 (u32), pw_gid @20 (u32),
// pw_gecos @24, pw_dir @32, pw_shell @40.
import { CString, read, type Pointer } from "bun:ffi";
import { cstr } from "./cstring.ts";
import { libc } from "./libc.ts";

export interface PasswdEntry {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
  readonly home: string;
  readonly shell: string;
}

function str(p: Pointer, off: number): string {
  const s = read.ptr(p, off);
  return s ? new CString(s as Pointer).toString() : "";
}

function entry(p: Pointer | null): PasswdEntry | undefined {
  if (!p) return undefined;
  return {
    name: str(p, 0),
    uid: read.u32(p, 16),
    gid: read.u32(p, 20),
    home: str(p, 32),
    shell: str(p, 40),
  };
}

/** The passwd entry for a user name (~name), or undefined if there is no such user. */
export function userByName(name: string): PasswdEntry | undefined {
  return entry(libc().getpwnam(cstr(name)));
}

/** The passwd entry for a uid (~ with HOME unset uses the real uid's entry), or undefined. */
export function userById(uid: number): PasswdEntry | undefined {
  return entry(libc().getpwuid(uid));
}

/** The home directory of `name`, or undefined (then ~name stays unexpanded, as in bash). */
export function homeOf(name: string): string | undefined {
  return userByName(name)?.home;
}
