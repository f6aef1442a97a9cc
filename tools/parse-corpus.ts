// Corpus check for the parser: finds the shell scripts on this machine (files under /usr/bin
// /usr/sbin /usr/lib /usr/share /etc whose first line is a sh/bash #! line), and reports how
// often parse() agrees with `bash -n` on accepting or rejecting them, listing disagreements.
//
//   bun tools/parse-corpus.ts [--limit N] [--show N] [--any] [dirs...]
//   bun tools/parse-corpus.ts --speed [MB]     time parse() against bash -n on a generated script
import { readdirSync, readFileSync, lstatSync, openSync, readSync, closeSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "../grammar/index.ts";

const SHEBANG = /^#!\s*(\/usr)?\/bin\/(env\s+)?(ba)?sh(\s|$)|^#!\s*\/usr\/bin\/env\s+(ba)?sh(\s|$)/;

function* walk(dir: string, depth = 0): Generator<string> {
  if (depth > 12) return;
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const e of entries) {
    const p = join(dir, e);
    let st;
    try {
      st = lstatSync(p);
    } catch {
      continue;
    }
    if (st.isSymbolicLink()) continue;
    if (st.isDirectory()) yield* walk(p, depth + 1);
    else if (st.isFile() && st.size > 0 && st.size < 4_000_000) yield p;
  }
}

function firstLine(path: string): string {
  const buf = Buffer.alloc(128);
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch {
    return "";
  }
  try {
    const n = readSync(fd, buf, 0, 128, 0);
    const s = buf.subarray(0, n).toString("latin1");
    const nl = s.indexOf("\n");
    return nl < 0 ? s : s.slice(0, nl);
  } finally {
    closeSync(fd);
  }
}

function bashN(path: string): { ok: boolean; msg: string } {
  const r = Bun.spawnSync(["/usr/bin/bash", "-n", path], { stdout: "ignore", stderr: "pipe" });
  const err = r.stderr.toString();
  // bash -n still warns (status 0) about here-documents ended by end of file.
  return { ok: r.exitCode === 0, msg: err.split("\n").find((l) => l.includes("syntax error") || l.includes("unexpected")) ?? err.split("\n")[0] ?? "" };
}

function speed(mb: number): void {
  const chunk = `# generated
x=1; y="a b $x"; arr=(1 2 3 "\${x}")
if [ "$x" -gt 0 ] && [[ $y == a* ]]; then
  echo "x is $x" >&2
elif (( x < 0 )); then echo neg; else echo zero; fi
for i in 1 2 3 "$@"; do
  case $i in
    1|2) echo small ;;
    *) echo "big \${i:-none}" ;;
  esac
done
f_NAME() { local a=$1; shift; echo "$(printf '%s' "$a")" | tr a-z A-Z; return 0; }
while read -r line; do count=$((count + 1)); done < /dev/null
`;
  let text = "";
  let k = 0;
  while (text.length < mb * 1024 * 1024) text += chunk.replace("NAME", String(k++));
  const file = "/tmp/ipsh-parse-speed.sh";
  writeFileSync(file, text);
  // Wall time is noisy on a shared machine: take the best of a few runs for both.
  let ours = Infinity;
  let kind = "";
  for (let k2 = 0; k2 < 3; k2++) {
    const t = performance.now();
    kind = parse(text).kind;
    ours = Math.min(ours, performance.now() - t);
  }
  let theirs = Infinity;
  let bashCpu = Infinity;
  for (let k2 = 0; k2 < 3; k2++) {
    const t = performance.now();
    const r = Bun.spawnSync(["/usr/bin/bash", "-n", file], { stdout: "ignore", stderr: "ignore" });
    theirs = Math.min(theirs, performance.now() - t);
    const cpu = r.resourceUsage?.cpuTime;
    if (cpu) bashCpu = Math.min(bashCpu, Number(cpu.user + cpu.system) / 1000);
  }
  console.log(
    `generated ${(text.length / 1048576).toFixed(1)} MB, ${k} chunks: parse() ${kind}, best of 3 ${ours.toFixed(0)} ms; ` +
      `bash -n best of 3 ${theirs.toFixed(0)} ms wall, ${bashCpu.toFixed(0)} ms cpu; ratio ${(ours / theirs).toFixed(2)}`,
  );
}

function main(): void {
  const args = process.argv.slice(2);
  if (args[0] === "--speed") {
    speed(Number(args[1] ?? 14));
    return;
  }
  let limit = Infinity;
  let show = 40;
  let any = false;
  const dirs: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--limit") limit = Number(args[++i]);
    else if (args[i] === "--show") show = Number(args[++i]);
    else if (args[i] === "--any") any = true; // every file, shebang or not (e.g. bash-completion)
    else dirs.push(args[i]!);
  }
  if (dirs.length === 0) dirs.push("/usr/bin", "/usr/sbin", "/usr/lib", "/usr/share", "/etc");
  let total = 0;
  let agree = 0;
  let bothOk = 0;
  let bothErr = 0;
  let parseMs = 0;
  const falseReject: string[] = [];
  const falseAccept: string[] = [];
  const crashes: string[] = [];
  const slow: string[] = [];
  const bothRejected: string[] = [];
  if (process.env.CORPUS_TRACE) console.log("tracing");
  for (const dir of dirs) {
    for (const path of walk(dir)) {
      if (total >= limit) break;
      if (!any && !SHEBANG.test(firstLine(path))) continue;
      total++;
      if (process.env.CORPUS_TRACE) console.log(path);
      const text = readFileSync(path, "latin1");
      const b = bashN(path);
      let kind: string;
      let msg = "";
      const t = performance.now();
      try {
        const r = parse(text, { heredocEofOk: true });
        kind = r.kind;
        if (r.kind !== "ok") msg = `line ${r.error.span.line}: ${r.error.message}`;
      } catch (e) {
        kind = "crash";
        msg = String((e as Error).stack ?? e).split("\n").slice(0, 3).join(" | ");
        crashes.push(`${path}: ${msg}`);
      }
      const dt = performance.now() - t;
      parseMs += dt;
      if (dt > 500) slow.push(`${path}: ${dt.toFixed(0)} ms for ${text.length} chars`);
      const ok = kind === "ok";
      if (ok === b.ok) {
        agree++;
        if (ok) bothOk++;
        else {
          bothErr++;
          bothRejected.push(`${path}: ${msg} | bash: ${b.msg}`);
        }
      } else if (b.ok) falseReject.push(`${path}: ${msg}`);
      else falseAccept.push(`${path}: bash: ${b.msg}`);
    }
  }
  console.log(`scripts: ${total}; agree with bash -n: ${agree} (${((100 * agree) / Math.max(1, total)).toFixed(1)}%); both accept ${bothOk}, both reject ${bothErr}`);
  console.log(`we reject, bash accepts: ${falseReject.length}; we accept, bash rejects: ${falseAccept.length}; crashes: ${crashes.length}; parse time ${parseMs.toFixed(0)} ms`);
  const list = (title: string, xs: string[]) => {
    if (xs.length === 0) return;
    console.log(`\n${title}:`);
    for (const x of xs.slice(0, show)) console.log("  " + x);
    if (xs.length > show) console.log(`  ... ${xs.length - show} more`);
  };
  list("crashes", crashes);
  if (process.env.CORPUS_BOTH) list("rejected by both", bothRejected);
  list("slow (> 500 ms)", slow);
  list("rejected by ipsh, accepted by bash -n", falseReject);
  list("accepted by ipsh, rejected by bash -n", falseAccept);
}

main();
