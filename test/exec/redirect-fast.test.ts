// Redirections and prefix assignments on the synchronous paths (simple.ts builtinInFrame,
// execute.ts compoundInFrame) and here-documents kept in memory until something needs a real
// descriptor (fd-table.ts MemDoc). Each snippet is compared with bash: stdout, stderr, status.
import { describe, expect, it } from "vitest";
import { both, run, IPSH, sameAsBash } from "../helpers/shells.ts";

const HD = (body: string) => `<<EOF\n${body}\nEOF\n`;

const SAME: [string, string][] = [
  // builtins with redirections and prefix assignments
  ["append in a loop, then read back", "t=$(mktemp); for i in 1 2 3; do echo \"l $i\" >> $t; done; while read -r a b; do echo \"$b\"; done < $t; rm $t"],
  ["a failed redirection: status 1, message, $_", "echo x > /nonexistent/d/f; echo $? $_"],
  ["a failed redirection does not make the assignment", "v=1; v=2 read x < /nonexistent/q; echo $? $v"],
  ["IFS= read keeps blanks and restores IFS", "printf '  a b  \\n' > /tmp/ipsh-rf-$$; IFS= read -r l < /tmp/ipsh-rf-$$; echo \"[$l]\"; printf '%q\\n' \"$IFS\"; rm /tmp/ipsh-rf-$$"],
  ["a temporary assignment is visible to the builtin only", "x=out; x=in eval 'echo $x'; echo $x"],
  ["prefix assignment to printf -v target", "IFS=: printf -v v '%s' a; echo \"$v\""],
  ["a readonly prefix assignment is reported and the builtin runs", "readonly r=1; r=2 q=3 read x <<< hi; echo \"$? $_ [$x] $q\"; r=2 :; echo $?"],
  ["a readonly prefix assignment to a function, eval, an external command", "readonly r=1; f() { echo \"f $r\"; }; r=2 f; r=2 eval 'echo $r'; r=2 /bin/echo ext"],
  ["a readonly prefix assignment in POSIX mode exits", "set -o posix; readonly r=1; r=2 echo hi; echo not reached"],
  ["redirection target expands", "d=/dev; echo hi > $d/null; echo ok"],
  ["ambiguous redirect", "f='a b'; echo x > $f; echo $?"],
  ["a command substitution in a target waits", "echo hi > $(echo /dev/null); echo $?"],
  ["2>&1 and >&2 on builtins", "{ echo out; echo err >&2; } 2>&1 | tr a-z A-Z"],
  ["closing stdout of a builtin", "echo hi >&-; echo $?"],
  ["exec with only redirections keeps them", "t=$(mktemp); exec 4>$t; echo kept >&4; exec 4>&-; cat $t; rm $t"],
  ["noclobber on a builtin", "d=$(mktemp -d); cd $d; : > f; set -C; echo x > f; echo $?; echo y >| f; cat f; echo z > /dev/null; echo $?; cd /; rm -r $d"],
  ["special builtin with a redirection", ": > /dev/null; echo $?; eval 'echo in eval' 1>&2"],
  // compound commands with redirections
  ["brace group to /dev/null", "{ echo a; echo b >&2; } > /dev/null 2>&1; echo done"],
  ["if with a redirection", "if true; then echo yes; fi 2>/dev/null >&2; echo $?"],
  ["case with a redirection", "case x in x) echo matched;; esac 2>/dev/null | cat"],
  ["a compound whose redirection fails", "{ echo no; } > /nonexistent/x; echo $?"],
  ["a compound whose redirection fails under set -e", "set -e; { echo no; } > /nonexistent/x; echo not reached"],
  ["a tested compound whose redirection failed does not fail its enclosing one", "set -e; trap 'echo ERR' ERR; { { :; } </nonexist 2>/dev/null || :; ! true; }; echo survived"],
  ["ERR trap for a compound's own failed redirection, loops too", "trap 'echo ERR' ERR; if true; then :; fi 2>/nonexistent/x; echo after; while false; do :; done </nonexistent; echo after2"],
  ["a compound with a redirection and a waiting body", "{ x=$(echo sub); echo $x; /bin/echo ext; } 3>&1 1>&2"],
  ["a brace group redirected into a loop's input", "{ read a; read b; echo \"$b $a\"; } < /etc/hostname > /dev/null; echo $?"],
  ["return from a function inside a redirected group", "f() { { echo in; return 3; } > /dev/null; echo no; }; f; echo $?"],
  ["break out of a redirected group", "for i in 1 2; do { echo $i; break; } 2>/dev/null; done; echo after"],
  // exec inside a command with redirections keeps its changes; only the command's own fds go back
  ["exec inside a redirected group, function, loop, if", "printf 'l1\\nl2\\n' > f5; { exec 3<f5; } 2>/dev/null; read -u 3 x; echo $x; f() { exec 4<f5; }; f 2>/dev/null; read -u 4 y; echo $y; while true; do exec 5<f5; break; done </dev/null; read -u 5 z; echo $z; if :; then exec 6<f5; fi >/dev/null; read -u 6 q; echo $q"],
  ["exec inside a group on the fd the group redirects", "printf 'l1\\n' > f5; { exec 3<f5; } 3>/dev/null; read -u 3 x; echo \"[$x] $?\"; { exec >/dev/null; } 2>/dev/null; echo visible"],
  ["exec inside nested redirected groups", "printf 'l1\\n' > f5; { exec 3<f5; { exec 4<f5; } 2>/dev/null; } >/dev/null; read -u 3 a; read -u 4 b; echo \"$a $b\"; exec 3<&-; { exec 3<&-; } 2>/dev/null; echo x >&3; echo $?"],
  ["a return through a function's redirection keeps its exec", "printf 'l1\\n' > f5; f() { exec 3<f5; return 2; }; f 2>/dev/null; echo $?; read -u 3 r; echo $r"],
  ["{var} redirections outlive the command", "echo hi {v}>out; echo more >&$v; cat out; { :; } {w}<out; read -u $w b; echo \"$b\""],
  // /dev/null: one shared descriptor per direction (dev-null.ts)
  ["/dev/null both ways", "echo hi >/dev/null; echo $?; cat </dev/null; echo $?; echo x 2>/dev/null 1>&2; echo $?"],
  ["/dev/null under noclobber and >>", "set -C; echo x > /dev/null; echo $?; echo y >> /dev/null; echo $?"],
  ["/dev/null to a child and after exec", "exec 3>/dev/null; echo gone >&3; /bin/echo ext >&3; ls -l /proc/self/fd/3 | grep -c /dev/null; exec 3>&-"],
  ["read-write /dev/null", "echo x <>/dev/null; echo $?"],
  ["a child sees only what it was given", "for i in 1 2 3; do echo $i >/dev/null; done </dev/null; ls /proc/self/fd 2>/dev/null </dev/null | wc -l"],
  // here-documents in memory
  ["read from a here-document", `read a b ${HD("x y z")}echo "$a|$b"`],
  ["while read over a here-document", `while read l; do echo "<$l>"; done ${HD("one\ntwo\nthree")}`],
  ["read then cat share the offset", `{ read a; cat; echo "[$a]"; } ${HD("first\nsecond\nthird")}`],
  ["exec 3<< shares the offset between read and cat", `exec 3${HD("l1\nl2\nl3")}read x <&3; read y <&3; cat <&3; echo "$x $y"`],
  ["a here-document dup'ed to another fd", `read -u 5 v 5<&0 ${HD("five")}echo $v`],
  ["a here-string", "read -r a <<< 'here string'; echo $a; read -t 0 <<< x; echo $?"],
  ["a function reading its here-document", `f() { read x; echo "f:$x"; cat; }; f ${HD("A\nB")}`],
  ["read -n and -d from memory", "read -n 3 a <<< abcdef; echo $a; read -d , a b <<< 'p q,r'; echo \"$a/$b\""],
  ["a here-document read by an in-process pipeline stage", "{ read a; echo \"[$a]\"; cat; } <<EOF | cat\np1\np2\nEOF"],
  ["a here-document in a subshell and the parent", `{ (read a; echo "sub $a"); read b; echo "parent $b"; } ${HD("s1\ns2\ns3")}`],
  ["an empty here-document", "read x <<EOF\nEOF\necho $? \"[$x]\""],
  ["non-ASCII text", `read -r a ${HD("héllo wörld €")}echo "$a" \${#a}`],
  ["a here-document with no final newline via <<<''", "read x <<< ''; echo $? \"[$x]\""],
  ["mapfile from a here-document", `mapfile -t arr ${HD("m1\nm2\nm3")}echo \${#arr[@]} "\${arr[2]}"`],
  ["an external command after read consumed a line", `{ read a; /bin/cat; } ${HD("r1\nr2\nr3")}`],
  ["wc counts what is left", `{ read a; wc -l; } ${HD("1\n2\n3\n4")}`],
  // the descriptor of a here-document is read-only, as in bash: writing to it fails (EBADF)
  // and leaves the text alone, for builtins and external commands alike
  ["writing to a here-document fails", "exec 3<<<x; echo y >&3 2>/dev/null; echo st=$?; cat <&3"],
  ["an external command cannot write to it either", `{ sh -c 'echo z >&0' 2>/dev/null; echo st=$?; cat; } ${HD("kept")}`],
];

// `read` keeps what it reads past a line on a file the shell opened (fd-table.ts OsFd.ahead);
// every other user of the descriptor must see the offset bash would leave.
const LINES = "f=$(mktemp); i=0; while [ $i -lt 3000 ]; do echo \"line $i\"; i=$((i+1)); done > $f; ";
const READ_AHEAD: [string, string][] = [
  ["a while-read loop over a file", LINES + "c=0; while IFS= read -r l; do c=$((c+1)); done < $f; echo $c \"$l\"; rm $f"],
  ["read, then cat takes the rest", LINES + "{ read a; read b; cat | wc -l; } < $f; rm $f"],
  ["read, head, read", LINES + "{ read a; read b; head -2; read c; echo \"c=$c\"; } < $f; rm $f"],
  ["exec 3< then read -u and cat", LINES + "exec 3< $f; read -u 3 x; read -u 3 y; echo $x $y; cat <&3 | wc -l; exec 3<&-; rm $f"],
  ["a subshell reads on the same offset", LINES + "{ read a; (read b; echo \"sub $b\"); read c; echo \"$a/$c\"; } < $f; rm $f"],
  ["a background child started between reads", LINES + "{ read a; sleep 0.05 & read b; wait; echo $b; wc -l; } < $f; rm $f"],
  ["return from a reading function, then read on", LINES + "f() { while read -r l; do [ \"$l\" = 'line 5' ] && return; done; }; { f; read n; echo \"$n\"; } < $f; rm $f"],
  ["an external command between reads", LINES + "{ read a; sed -n 1p; read b; echo $b; } < $f; rm $f"],
  ["read -t between plain reads", LINES + "while read a; do read -t 1 b; echo \"$a+$b\"; [ \"$a\" = 'line 6' ] && break; done < $f; rm $f"],
  ["mapfile between reads", LINES + "{ read a; mapfile -n 2 arr; echo \"${arr[*]}\"; read z; echo $z; } < $f; rm $f"],
  ["a command substitution reads the rest", LINES + "{ read a; x=$(head -1); echo \"[$x]\"; read y; echo $y; } < $f; rm $f"],
  ["read -n, read, read -d", LINES + "{ read -n 3 a; read b; read -d 5 c; echo \"$a|$b|$c\"; read d; echo $d; } < $f; rm $f"],
  ["a pipeline stage reads the same file", LINES + "{ read a; { read b; echo \"stage $b\"; } | cat; read c; echo $c; } < $f; rm $f"],
  ["the file's end", "printf 'a\\nb' > /tmp/ipsh-ra-$$; { read x; read y; echo $? \"$x$y\"; read z; echo $?; } < /tmp/ipsh-ra-$$; rm /tmp/ipsh-ra-$$"],
];

describe("read-ahead kept between reads behaves like bash", () => {
  sameAsBash(READ_AHEAD, it, expect);
  it("input the shell inherited is left exactly after what it read", () => {
    // a parent (bash) shares ipsh's stdin: after ipsh's two reads it must go on at line 2
    const r = run(["bash", "-c", LINES + `{ ${IPSH} -c 'read a; read b; echo "$b"'; sed -n 1p; } < $f; rm $f`]);
    expect(r.stdout).toBe("line 1\nline 2\n");
  });
});

describe("redirections on the fast paths and in-memory here-documents behave like bash", () => {
  sameAsBash(SAME, it, expect);
});

describe("descriptors", () => {
  it("a here-document read in memory leaves no descriptor behind", () => {
    const script = `for i in 1 2 3; do read x ${HD("v")}done; exec 3${HD("w\nz")}read y <&3; ls /proc/self/fd | wc -l`;
    const r = both(script);
    expect(r.ipsh.status).toBe(0);
    // ls itself has 0,1,2 and its own directory fd, plus the materialised fd 3: as bash
    expect(r.ipsh.stdout).toBe(r.ref.stdout);
  });
});

describe("a here-document that cannot become a descriptor", () => {
  it("is reported, and the command finds its fd closed (no silent empty input)", () => {
    const script =
      "printf 'l1\\n' > f5; ulimit -n 30; while exec {fd}<f5; do :; done 2>/dev/null; " +
      "mapfile -t arr <<EOF\na\nb\nEOF\necho \"n=${#arr[@]} rc=$?\"; read x <<EOF\nd\nEOF\necho \"read $x\"";
    const r = run([IPSH, "-c", script]);
    expect(r.stdout).toBe("n=0 rc=1\nread d\n");
    expect(r.stderr).toContain("cannot create temp file for here-document: Too many open files");
  });
});
