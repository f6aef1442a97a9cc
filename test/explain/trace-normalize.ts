// Normalising trace and plan text for golden tests: pids become P1, P2... and OS descriptors
// >= 3 become F1, F2... in order of first appearance, so the goldens pin down the operations,
// their order and which numbers are the same, not the numbers a particular run got.

/** Replace pids (in the places the trace prints them) and OS fds >= 3 by stable names. */
export function normalise(text: string): string {
  const pids = new Map<string, string>();
  const pid = (n: string): string => {
    let v = pids.get(n);
    if (v === undefined) pids.set(n, (v = `P${pids.size + 1}`));
    return v;
  };
  const fds = new Map<string, string>();
  const fd = (n: string): string => {
    if (Number(n) < 3) return n;
    let v = fds.get(n);
    if (v === undefined) fds.set(n, (v = `F${fds.size + 1}`));
    return v;
  };
  return text
    .split("\n")
    .map((line) =>
      line
        .replace(/pipe:\[\d+\]/g, "pipe:[INODE]")
        .replace(/\b(pid|pgid|child|waitpid\(|kill\(|killpg\(|setpgid\(|tcsetpgrp\(\d+, )(\s?)(-?\d+)/g, (_m, a: string, sp: string, n: string) => `${a}${sp}${n.startsWith("-") ? "-" + pid(n.slice(1)) : pid(n)}`)
        .replace(/(pipe2\(O_CLOEXEC\) = \[)(\d+), (\d+)\]/g, (_m, a: string, r: string, w: string) => `${a}${fd(r)}, ${fd(w)}]`)
        .replace(/(read end |write end |OS fd |close\(|memfd_create\("[^"]*"\) = |\) = )(\d+)/g, (_m, a: string, n: string) => `${a}${fd(n)}`)
        .replace(/dup2\((\d+), (\d+)\)/g, (_m, a: string, b: string) => `dup2(${fd(a)}, ${fd(b)})`),
    )
    .join("\n");
}
