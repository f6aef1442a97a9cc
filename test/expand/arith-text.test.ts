// Arithmetic text as bash expands and evaluates it, compared with bash 5.2: the text is expanded
// as if in double quotes (single quotes stay and are errors), and an error fails ((...)), let,
// for ((...)) and [[ -eq ]] without abandoning the command line, unless it is in a subscript.
import { describe, expect, it } from "vitest";
import { IPSH, normErr, run } from "../helpers/shells.ts";

/** Like sameAsBash, but each script is read from standard input, as the conformance suite runs
 *  scripts: under -c, bash ends the whole string at an error in a subscript (a script goes on
 *  with its next line), which ipsh does not copy. */
function sameAsBashStdin(cases: readonly (readonly [string, string])[]): void {
  for (const [name, script] of cases) {
    it(name, () => {
      const ours = run([IPSH], { input: script });
      const ref = run(["bash"], { input: script });
      expect(ours.stdout).toBe(ref.stdout);
      expect(normErr(ours.stderr)).toBe(normErr(ref.stderr));
      expect(ours.status).toBe(ref.status);
    });
  }
}

describe("arithmetic text keeps single quotes", () => {
  sameAsBashStdin([
      ["$((...)) with '1', \\'1\\', $'1' and \"1\"", `echo $(( "1" + 1 )); echo $(( "$((1+1))" * 2 ))\necho $(( '1' + 1 ))\necho $(( \\'1\\' ))\necho $(( $'1' + 1 ))\necho end`],
      ["((...)) and for ((...))", `(( '1' )); echo $?\nfor (( i='0'; i<1; i++ )); do echo $i; done; echo st=$?`],
      ["indexed subscripts: assignment, expansion, unset, nameref", `a=(1 2 3); a["1"]=x; echo \${a["2"]} \${a[@]}\na['1']=y; echo st=$?\necho \${a['1']}\necho \${#a['1']}\nunset "a['1']"; echo st=$?\ntypeset -n r="a['1']"; echo $r\necho end \${a[@]}`],
      ["the oils case: a['2']=3 fails, a[\"1\"]=2 does not", `a["1"]=2\necho status=$? len=\${#a[@]}\na['2']=3\necho status=$? len=\${#a[@]}\na[2 + "3"]=5\necho status=$? len=\${#a[@]}\na[3 + '4']=5\necho status=$? len=\${#a[@]}`],
      ["associative keys are words", `declare -A A; A['k']=v; echo \${A['k']}; (( A['n'] = 3 )); echo $(( A['n'] + 1 )) $(( A["n"] + 1 )); r="A['k']"; echo \${!r}; unset "A['k']"; declare -p A`],
      ["compound assignments remove the quotes", "a=(['1']=x); a+=(['2']=y); declare -p a"],
      [
        "a subscript in a variable's value is expanded when evaluated",
        `x='a[$(echo 42 | tee out)]=1'\necho $(( x ))\ncat out\ndeclare -p a\ny='a[$i]'; i=2; a=(1 2 3); echo $(( y ))\nw='a["1"]'; echo $(( w ))\nv="a['1']"; echo $(( v ))\necho next`,
      ],
  ]);
});

describe("an error in an arithmetic command fails only that command", () => {
  sameAsBashStdin([
      ["((...)): syntax, division, exponent, assignment", "(( 1 + )); echo same $?\n(( 1/0 )); echo same $?\n(( 2 ** -1 )); echo same $?\n(( 3 = 4 )); echo same $?\n(( 1+ )) || echo or"],
      ["a variable's value is reported with the command's name", "x='1+'; (( x )); echo same $?\ny=x; (( y )); echo same $?\nz='(1'; (( z + 1 )); echo same $?"],
      ["let", "let '1+'; echo same $?\nx='1+'; let x; echo same $?\nreadonly r=1; let r=2; echo same $?\n(( r = 3 )); echo same $?"],
      ["for ((...)): each of the three expressions", "for ((i=0; i<1+; i++)); do :; done; echo same $?\nfor ((i=0; i<2; i+)); do echo $i; done; echo same $?\nfor ((1+; i<2; i++)); do echo $i; done; echo same $?"],
      ["[[ -eq ]]: the comparison is false", "[[ 1+ -eq 1 ]]; echo same $?\n[[ 1+ -eq 1 || 1 -eq 1 ]]; echo $?\n[[ ! 1+ -eq 1 ]]; echo $?"],
      // (bash names the function "main" in this message when the script comes from stdin)
      ["in a function the function goes on", "f(){ (( 1+ )) 2>/dev/null; echo in $?; let 1+ 2>/dev/null; echo in $?; }; f; echo out"],
      ["a subscript's error abandons the line", "a=(1); (( a[1+] )); echo same $?\necho next\nlet 'a[1+]=3'; echo same $?\necho next\n[[ a[1+] -eq 1 ]]; echo same\necho next\nx='a[1+]'; (( x )); echo same\necho end"],
      ["$((...)) abandons the line", "echo $(( 1 + )); echo same\nx=$(( 1 + )); echo same\nreadonly r=1; echo $(( r = 2 )); echo same\necho end"],
      ["set -e", "set -e; (( 1 + )); echo same $?"],
      // bash NUL-terminates a constant while converting it: the message cuts the text there
      ["a bad constant is reported up to its end", "(( 08 )); (( x+08 + 1 )); (( 2#12 )); (( 1a#1 )); (( 65#1 + 2 )); (( 1 + 09 + 2 )); echo end"],
  ]);
});
