// complete, compgen and compopt compared with bash 5.2 (stdout, stderr, status).
import { describe, expect, it } from "vitest";
import { sameAsBash } from "../helpers/shells.ts";

describe("complete: registering, printing, removing", () => {
  sameAsBash(
    [
      [
        "every option, printed in bash's order",
        `complete -o nospace -o default -F _f -W "a b  c'd" -X '!*.c' -P pre -S suf -C 'cmd x' -G '*.txt' -A signal -A hostname -abcdefgjksuv foo bar; complete -p`,
      ],
      ["-D -E -I and names that need quoting", `complete -D -F dd; complete -E -W x; complete -I -A command; complete -W x 'a b' 'c*d' ''; complete -p; complete`],
      ["many names list in bash's hash order", "complete -W x a b c d e f g h i j k l m n o p q r s t aa ab ba; complete -p"],
      ["a replaced spec keeps its place", "complete -W x a b c; complete -F f b; complete -p"],
      ["-p names, missing names", "complete -W x foo; complete -p foo; complete -p nope; echo $?; complete -pD; echo $?"],
      ["-r names, -r all", "complete -W x a b c; complete -r b; complete -p; complete -r nope; echo $?; complete -r; complete -p; echo end"],
      ["errors", "complete -Z; echo $?; complete -o bogus x; echo $?; complete -A bogus x; echo $?; complete -F 'a b' x; echo $?; complete -W x; echo $?"],
      ["one spec shared by its names (compopt)", "complete -W x foo bar; compopt -o nospace foo; complete -p; compopt foo; compopt +o nospace -o filenames bar; complete -p"],
      ["compopt errors", "compopt; echo $?; compopt -o bogus x; echo $?; compopt nope; echo $?; compopt -D; echo $?"],
      ["in a subshell: the parent's specs, changes stay there", "complete -W x a; (complete -W y b; compopt -o nospace a; complete -p); complete -p"],
    ],
    it,
    expect,
  );
});

describe("compgen", () => {
  sameAsBash(
    [
      ["-W: prefix filter and status", `compgen -W "alpha beta alpine" al; echo $?; compgen -W alpha zz; echo $?; compgen; echo $?; compgen x; echo $?`],
      ["-W: quoting and expansions, no globbing", `HOME=/h; compgen -W "a\\ b \\$HOME {x,y}1 ~ *.c \\"q r\\" \\$(echo m n) \\$((1+2))"`],
      ["-W: split at IFS", `IFS=:; compgen -W "p:q r"`],
      ["-X, & and !, -P -S", `compgen -W "a.c b.c a.h" -X "*.c"; compgen -W "a.c b.c a.h" -X "!*.c"; compgen -W "aa ab" -X "&b" a; compgen -W "aa ab" -P "<" -S ">" a`],
      [
        "-F: arguments, COMP_ variables, COMPREPLY unfiltered and unset afterwards",
        `f(){ echo "args:$#:$1:$2:$3"; declare -p COMP_WORDS COMP_CWORD COMP_LINE COMP_POINT; COMPREPLY=(x y "$2z"); }
compgen -F f wo; echo st=$?; declare -p COMP_LINE COMPREPLY; g(){ COMPREPLY=one; }; compgen -F g; compgen -F nof x; echo $?`,
      ],
      ["-C: the command's output lines", `compgen -C "echo hi; echo there" q; echo st=$?`],
      ["files and directories", "mkdir d1 d2; touch a.c b.c a.h .hid; compgen -f | sort; compgen -f a | sort; compgen -d | sort; compgen -f d; compgen -f nothing; echo $?"],
      ["-G", "touch a.c b.h; compgen -G '*.c'; compgen -G '*.x'; echo $?"],
      ["-o dirnames, plusdirs, default", "mkdir dir1; touch dfile; compgen -o dirnames -W '' d; compgen -o plusdirs -W x d; compgen -o default -W '' df"],
      [
        "aliases, functions, variables, arrays",
        "alias zz=x ab=y; f1(){ :; }; zf(){ :; }; declare -a zarr; declare -A zass=([k]=v); zv=1; export zexp=1; compgen -a; compgen -A function; compgen -v z; compgen -A arrayvar z; compgen -e zex",
      ],
      ["keywords, set and shopt options, signals", "compgen -k; compgen -A setopt; compgen -A shopt; compgen -A signal"],
      ["users and groups", "compgen -u ro; compgen -g ro"],
      ["builtins", "compgen -b | head -5; compgen -b ec; enable -n echo; compgen -A disabled; compgen -A enabled ec; echo $?"],
      ["commands from PATH, aliases, functions", "mkdir bin; printf '#!/bin/sh\\n' > bin/qqtool; chmod +x bin/qqtool; PATH=$PWD/bin; alias qqa=x; qqf(){ :; }; compgen -c qq"],
      ["options compgen refuses", "compgen -p; echo $?; compgen -D x; echo $?; compgen -A bogus; echo $?; compgen -o bogus; echo $?"],
    ],
    it,
    expect,
  );
});
