// source / . : bash's special paths /dev/stdin and /dev/fd/N name the shell's own descriptors
// (`. <(cmd)` is a common idiom), and the error messages name the file as bash does.
// Compared with bash: stdout, stderr (normalised) and status.
import { describe, expect, it } from "vitest";
import { sameAsBash } from "../helpers/shells.ts";

const SAME: [string, string][] = [
  ["source of a process substitution", ". <(echo echo hi); echo $?; source <(printf 'x=1\\ny=$((x+1))\\n'); echo $x $y"],
  ["a process substitution of a loop", "source <(for i in 1 2; do echo \"echo n$i\"; done)"],
  ["/dev/fd/N of a here-document, with arguments", "source /dev/fd/3 arg <<EOF 3<&0\necho from three \"\\$1\"\nEOF"],
  ["/dev/stdin of a here-document", ". /dev/stdin a b <<EOF\necho \"stdin \\$# \\$2\"\nEOF"],
  ["return from a sourced process substitution", "f() { source <(echo 'echo in f; return 4'); echo after; }; f; echo $?"],
  ["a closed /dev/fd/N", ". /dev/fd/7; echo $?"],
  ["a missing file, a directory", ". /nonexistent; echo $?; source /tmp; echo $?; . no_such_file_in_path; echo $?"],
  ["POSIX mode: a missing file ends a non-interactive shell", "set -o posix; . /dev/fd/8; echo not reached"],
  ["POSIX mode: source too", "set -o posix; source ./nonexistent; echo not reached"],
  ["POSIX mode: a name not in PATH is 'file not found'", "set -o posix; source not_a_thing_ipsh; echo not reached"],
  ["POSIX mode: the current directory is not searched", "echo echo sourced > incwd.sh; . incwd.sh; set -o posix; . incwd.sh; echo not reached"],
  ["without sourcepath only the current directory", "echo echo sourced > incwd.sh; shopt -u sourcepath; . incwd.sh; . ls; echo $?"],
  ["POSIX mode: a failing sourced file or a directory does not end the shell", "set -o posix; echo false > f; . ./f; echo $?; mkdir d; . ./d; echo $?"],
  ["POSIX mode: usage errors do, except through command", "set -o posix; command .; echo $?; command . ./nonexistent; echo $?; .; echo not reached"],
  ["POSIX mode: command set does not exit either", "set -o posix; command set -o bad; echo $?; set -o bad; echo not reached"],
];

describe("source and . behave like bash", () => {
  sameAsBash(SAME, it, expect);
});
