// Characters or bytes. bash counts, slices and matches characters in a UTF-8 locale and bytes
// in the C locale, which is also what it falls back to when no locale variable is set or the one
// set does not exist: in a container or cron job with no LANG, `x=é; echo ${#x}` prints 2, and
// `?` matches one byte of it. The locale is chosen as setlocale(3) chooses LC_CTYPE: LC_ALL if
// set and not empty, else LC_CTYPE, else LANG.
//
// Characters when that name's codeset is UTF-8 (`C.UTF-8`, `en_US.UTF-8`, `de_DE.utf8`);
// bytes for C, POSIX, an empty value, and every other codeset or a name without one (`en_US` is
// ISO-8859-1 in glibc, `invalid` falls back to C). Known difference: bash also falls back to the
// C locale for a UTF-8 name that is not installed (and warns); ipsh does not look it up.
//
// Only operations on text that is not pure ASCII ask (ASCII is the same either way), so the
// common case costs nothing. The answer is cached on the variables' values.

/** The shell variables that choose the locale. */
export interface LocaleVars {
  get(name: string): string | undefined;
}

let lastName: string | undefined;
let lastBytes = true;

/** Whether the shell works on bytes (C locale) rather than UTF-8 characters. */
export function charsAreBytes(vars: LocaleVars): boolean {
  const name = nonEmpty(vars.get("LC_ALL")) ?? nonEmpty(vars.get("LC_CTYPE")) ?? nonEmpty(vars.get("LANG")) ?? "";
  if (name !== lastName) {
    lastName = name;
    lastBytes = !isUtf8Locale(name);
  }
  return lastBytes;
}

function nonEmpty(v: string | undefined): string | undefined {
  return v === undefined || v === "" ? undefined : v;
}

/** `language[_territory][.codeset][@modifier]` with a UTF-8 codeset. */
function isUtf8Locale(name: string): boolean {
  const dot = name.indexOf(".");
  if (dot < 0) return false;
  const at = name.indexOf("@", dot);
  const codeset = name.slice(dot + 1, at < 0 ? undefined : at).toLowerCase();
  return codeset === "utf-8" || codeset === "utf8";
}
