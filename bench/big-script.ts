// A generated large POSIX sh script for the parse-throughput workload (`SHELL -n big.sh`).
// Each unit is one function definition that touches most of the grammar a parser must handle:
// compound commands (if/while/until/for/case/{ }/( )), and-or lists, pipelines with negation,
// redirections, here-documents (expanded and quoted), all expansion forms ($x ${x#p} $(...)
// `...` $((...))), quoting, comments and assignments. The text is deterministic for a given line
// count, and is valid for bash -n, dash -n and (the point) ipsh -n.

function unit(k: number): string {
  return `# unit ${k}: a function with the usual shapes of real scripts
fn_${k}() {
  local_${k}=\${1:-default_${k}} count_${k}=0
  if [ -n "$local_${k}" ] && [ "\${#local_${k}}" -gt 3 ]; then
    echo "long: $local_${k}" >/dev/null 2>&1
  elif ! test -z "$2"; then
    printf '%s\\n' "second: $2" | tr a-z A-Z | sed -e 's/X/y/g' >>"\${TMPDIR:-/tmp}/out.$$"
  else
    : "\${local_${k}%.*}" "\${local_${k}##*/}" '\${not_expanded}'
  fi
  for item_${k} in a b "c d" $(echo e f) \`echo g\`; do
    case $item_${k} in
      a|b) count_${k}=$((count_${k} + 1)) ;;
      "c d") continue ;;
      [ef]*) break ;;
      *) ;;
    esac
  done
  while [ "$count_${k}" -lt ${(k % 7) + 2} ]; do count_${k}=$(( (count_${k} * 3 + ${k}) % 11 + 1 )); done
  until false; do break; done
  { read -r line_${k} || line_${k}=none; } <<EOF_${k}
text \${local_${k}} with \\$escaped and $(echo cmd) and \${HOME}
EOF_${k}
  cat <<'RAW_${k}' >/dev/null
raw $text \`not run\` \${kept}
RAW_${k}
  ( cd / && test -d tmp ) || echo "no tmp ${k}" >&2
  set -- "$@" "last arg"; shift
  return 0
}
`;
}

/** The script text with at least `lines` lines (whole units, then a call so it is runnable). */
export function bigScript(lines: number): string {
  const parts: string[] = ["#!/bin/sh\n"];
  let n = 1;
  let k = 0;
  while (n < lines) {
    const u = unit(k++);
    parts.push(u);
    n += countLines(u);
  }
  parts.push(`fn_0 a\necho "defined ${k} functions"\n`);
  return parts.join("");
}

function countLines(s: string): number {
  let n = 0;
  for (let i = s.indexOf("\n"); i >= 0; i = s.indexOf("\n", i + 1)) n++;
  return n;
}
