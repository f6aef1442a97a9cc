// bash's coproc (src/exec/coproc.ts), compared with bash 5.2. Scripts avoid races that bash has
// too (a coprocess that has ended is disposed of at the next command: its unread output is lost),
// so they read what they need before the coprocess can end, or dup the read end first.
import { describe, expect, it } from "vitest";
import { both, IPSH, normErr, run, sameAsBash } from "../helpers/shells.ts";

describe("coproc: same as bash", () => {
  sameAsBash(
    [
      [
        "NAME=(read-fd write-fd), NAME_PID is $!, talking to it, closing its input",
        'coproc cat; echo "${COPROC[@]} ${#COPROC[@]}"; [[ $COPROC_PID == "$!" ]] && echo same-pid; declare -p COPROC\n' +
          'echo hello >&"${COPROC[1]}"; read -u ${COPROC[0]} line; echo "got $line"\n' +
          'exec {COPROC[1]}>&-; echo "${COPROC[@]}"; wait $COPROC_PID; echo "wait=$?"; declare -p COPROC COPROC_PID',
      ],
      [
        "a named compound command; moving its ends; -1 for a closed end; end-of-file reaches it",
        'coproc UP { while read -r l; do echo "${l^^}"; done; echo bye; }\n' +
          'echo "${UP[@]}"; echo foo >&${UP[1]}; read <&${UP[0]}; echo $REPLY\n' +
          'exec 4<&${UP[0]}- 5>&${UP[1]}-; echo "${UP[@]}"\n' +
          'echo bar >&5; read foo <&4; echo $foo; exec 5>&-; read foo <&4; echo "$foo"; read foo <&4; echo "eof=$?"\n' +
          'wait $UP_PID; echo "up=$?"; echo "[${UP[@]}] [${UP_PID-unset}]"',
      ],
      [
        "exec >&${NAME[1]} sends the shell's own output to it",
        "coproc U { tr a-z A-Z; }; exec 4<&${U[0]} 3>&1 >&${U[1]}; echo abc; echo def; exec >&3 3>&- {U[1]}>&-; cat <&4",
      ],
      [
        "once it has ended and the shell noticed, NAME and NAME_PID are unset and the ends closed",
        'coproc { echo x; }; sleep 0.5; echo "[${COPROC[@]}] [${COPROC_PID-unset}]"; ls /proc/self/fd | tr "\\n" " "',
      ],
      [
        "the commands the shell starts, and the coprocess itself, do not get the shell's ends",
        'coproc { ls /proc/self/fd | tr "\\n" " "; }; read -r l <&${COPROC[0]}; echo "$l"; ls /proc/self/fd | tr "\\n" " "; echo; bash -c "ls /proc/self/fd" | tr "\\n" " "',
      ],
      [
        "a dup of an end above 2 is close-on-exec too; as stdout it is inherited",
        'coproc cat; exec 4<&${COPROC[0]} 7>&${COPROC[1]}; ls /proc/self/fd | tr "\\n" " "; echo; ls /proc/self/fd >&${COPROC[1]}; exec {COPROC[1]}>&- 7>&-; tr "\\n" " " <&4',
      ],
      [
        "the NAME is expanded; it must be an identifier",
        'x=N; coproc $x { cat; }; echo "rc=$? ${N[@]}"; exec {N[1]}>&- {N[0]}<&-; wait\ncoproc 1a { cat; }; echo "rc=$?"',
      ],
      [
        "a readonly NAME: reported, nothing set, status 0",
        'readonly R; coproc R { cat; }; echo "rc=$? [${R[@]}] [${R_PID-unset}]"; kill $!; wait $!; echo "w=$?"',
      ],
      [
        "coproc NAME args runs the command NAME; a missing command is the coprocess's error",
        "coproc nosuchcmd-xyz args; wait $COPROC_PID; echo \"status=$?\"\ncoproc cat -n; echo hi >&${COPROC[1]}; read -r l <&${COPROC[0]}; echo \"$l\"; exec {COPROC[1]}>&-; wait",
      ],
      [
        "it is a job: jobs lists it, kill %1, wait reports the status",
        'coproc sleep 5; jobs; kill %1; wait $COPROC_PID; echo "st=$?"; jobs',
      ],
      [
        "in a pipeline it is started by the shell itself and its pipes are closed",
        'echo hi | coproc P { cat; }; echo "rc=$? ${#P[@]}"; exec 4<&${P[0]} {P[1]}>&-; echo "[$(cat <&4)]"; wait\n' +
          'coproc cat | sleep 0.1; echo "${PIPESTATUS[@]}"; jobs',
      ],
      ["! and time apply to it", "! coproc cat; echo \"bang=$?\"; exec {COPROC[1]}>&-; wait"],
      [
        "declare -f prints it as bash does",
        "f() { coproc cat; coproc N { cat; } 2>/dev/null; coproc N2 cat >/dev/null </dev/null; coproc ( cat ); coproc $x { cat; }; coproc N3 while :; do :; done; }; declare -f f",
      ],
      ["coproc is a reserved word", "type coproc; echo coproc; x=coproc; $x 2>/dev/null; echo $?"],
      [
        "the redirections after it belong to its command",
        'coproc { echo out; echo err >&2; } 2>&1; exec 4<&${COPROC[0]}; read -r a <&4; read -r b <&4; echo "$a $b"',
      ],
    ],
    it,
    expect,
  );
});

describe("coproc: what cannot be compared byte for byte", () => {
  const pids = (s: string) => s.replace(/\[\d+:/g, "[PID:");

  it("a second coproc while the first has an open end warns `still exists'; with both ends closed it does not", () => {
    const script =
      "coproc sleep 1; p1=$!; exec {COPROC[0]}<&- {COPROC[1]}>&-; echo \"${COPROC[@]}\"; coproc cat; echo \"${COPROC[@]}\"\n" +
      'exec {COPROC[1]}>&-; coproc cat; echo "${COPROC[@]}"; exec {COPROC[1]}>&-; kill $p1; wait';
    const r = both(script);
    expect(r.ipsh.stdout).toBe(r.ref.stdout);
    expect(pids(normErr(r.ipsh.stderr))).toBe(pids(normErr(r.ref.stderr)));
    expect(r.ipsh.stderr).toMatch(/warning: execute_coproc: coproc \[\d+:COPROC\] still exists/);
  });

  it("nothing leaks: no descriptor, no zombie, no hang", () => {
    const script =
      'nfds() { local a=(/proc/$$/fd/*); echo ${#a[@]}; }; n0=$(nfds)\n' +
      'for i in 1 2 3; do coproc C { cat; }; echo $i >&${C[1]}; read -r l <&${C[0]}; exec {C[1]}>&-; wait $C_PID; echo "$l:$?"; done\n' +
      'coproc sleep 0.2; wait\n' +
      ':\n' +
      'n1=$(nfds); echo "fds $((n1 - n0))"\n' +
      'echo "zombies $(ps -o stat= --ppid $$ | grep -c Z)"';
    const r = run([IPSH, "-c", script], { timeout: 8000 });
    expect(r.stdout).toBe("1:0\n2:0\n3:0\nfds 0\nzombies 0\n");
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });

  it("a background command that is not found is reported once, by the job (as bash's child does)", () => {
    const r = run([IPSH, "-c", "nosuchcmd-xyz & wait $!; echo $?; coproc nosuchcmd-xyz; wait $!; echo $?"]);
    expect(r.stdout).toBe("127\n127\n");
    expect(r.stderr.match(/nosuchcmd-xyz: command not found/g)?.length).toBe(2);
  });

  it("the shell's ends are close-on-exec in the shell itself (exec hands them to nobody)", () => {
    const r = run([IPSH, "-c", 'coproc cat; exec ls /proc/self/fd']);
    expect(r.stdout.split("\n").filter(Boolean)).toEqual(["0", "1", "2", "3"]);
  });
});
