#!/bin/bash
# bench/cpu.sh: a quick user+sys CPU comparison of interpreter workloads from ../shared/bench,
# for optimisation work between full runs of the shared driver (which measures wall time too).
# CPU time is far less sensitive than wall time to the other load on a shared machine.
#
#   bench/cpu.sh [-r REPS] [-s SCALE] WORKLOAD... -- SHELL...
#   bench/cpu.sh -r 3 loop-arith func-call -- bash dash bin/ipsh
#
# Prints, per workload, the minimum CPU seconds over REPS runs of each shell and the ratio of
# each shell to the first one. Runs in a scratch directory (/tmp/ipsh-cpu-bench) with the
# shared suite's fixtures (data/lines-N.txt, data/globdir) made on first use.
set -u
reps=3 scale=1
while getopts r:s: o; do
  case $o in r) reps=$OPTARG ;; s) scale=$OPTARG ;; *) exit 2 ;; esac
done
shift $((OPTIND - 1))
root=$(cd "$(dirname "$0")/.." && pwd)
wl=$root/../shared/bench/workloads
works=()
while [ $# -gt 0 ] && [ "$1" != -- ]; do works+=("$1"); shift; done
[ "${1:-}" = -- ] && shift
shells=()
for s in "$@"; do case $s in */*) shells+=("$(cd "$(dirname "$s")" && pwd)/${s##*/}") ;; *) shells+=("$s") ;; esac; done
[ ${#shells[@]} -gt 0 ] || shells=(bash dash "$root/bin/ipsh")
scratch=${TMPDIR:-/tmp}/ipsh-cpu-bench
mkdir -p "$scratch/data"
cd "$scratch" || exit 1
declare -A defn=([loop-arith]=200000 [string-ops]=50000 [func-call]=100000 [cmdsub]=1000 [subshell]=1000
  [read-loop]=100000 [redirect]=10000 [heredoc]=10000 [glob]=10 [bash-ext]=20000 [spawn]=500 [configure]=1)
if [ ! -d data/globdir ]; then
  mkdir -p data/globdir && (cd data/globdir && for i in $(seq -w 0 19999); do : > "f$i.txt"; done)
fi
printf '%-12s' workload; for s in "${shells[@]}"; do printf '%14s' "${s##*/}"; done; echo
for w in "${works[@]}"; do
  n=$(awk -v a="${defn[$w]:-1000}" -v s="$scale" 'BEGIN { printf "%d", a * s }')
  args=("$wl/$w.sh" "$n")
  if [ "$w" = configure ] && [ ! -d data/configure ]; then
    cp -R "$wl/../fixtures/configure" data/configure
  fi
  if [ "$w" = read-loop ]; then
    f=data/lines-$n.txt
    [ -f "$f" ] || awk -v n="$n" 'BEGIN { for (i = 0; i < n; i++) printf "line %d of the text fixture\n", i }' > "$f"
    args+=("$f")
  fi
  printf '%-12s' "$w"
  base=
  for s in "${shells[@]}"; do
    best=
    for ((r = 0; r < reps; r++)); do
      BENCH_SHELL=$s /usr/bin/time -o time.out -f '%U %S' $s "${args[@]}" > /dev/null 2> /dev/null
      t=$(awk '{ t = $1 + $2 } END { print t }' time.out)
      if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$t; fi
    done
    if [ -z "$base" ]; then base=$best; printf '%14s' "${best}s"
    else printf '%14s' "$(awk -v a="$best" -v b="$base" 'BEGIN { printf "%.2fs %.2fx", a, (b > 0 ? a / b : 0) }')"
    fi
  done
  echo
done
