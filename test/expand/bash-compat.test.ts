// Expansion and special-variable behaviour compared with bash on the same snippets (stdout,
// normalised stderr and status). Each entry pins down one behaviour fixed against bash 5.2.
// (bash -c names functions' errors "environment: line N:": such snippets silence stderr.)
import { describe, expect, it } from "vitest";
import { both, normErr } from "../helpers/shells.ts";

/** [what it pins down, snippet]: stdout, stderr (shell name normalised) and status equal bash's. */
const SAME: [string, string][] = [
  // NUL bytes: shell strings are C strings
  // (words with no expansion at all get their value from the parser: grammar/ansi-c.ts must
  // stop at the NUL too for `x=$'a\0b'`; these words hold an expansion)
  ["$'..' ends at a NUL", "e=; x=$'a\\0b'${e}c; echo ${#x} $x; test -n $'\\0'$e; echo $?"],
  ["command substitution drops NUL bytes with a warning", "s=$(printf 'a\\0b'); echo ${#s}; s=$(printf '\\0'); echo ${#s}"],
  ["NUL dropped before trailing newlines", "s=\"$(printf 'x\\n\\0\\n')\"; echo ${#s}"],
  // $_
  ["$_ is the last argument of the previous simple command", "name=world; echo \"hi $name\"; echo \"$_\""],
  ["$_ after word splitting", "x='with spaces'; : $x; echo $_"],
  ["$_ across && and ||", "echo hi && echo last=$_; echo and=$_; echo hi || echo last=$_; echo or=$_"],
  ["(( )) and [[ ]] leave $_ alone", "echo simple; (( 1 )); echo \"(( $_\"; [[ -n x ]]; echo \"[[ $_\""],
  ["assignments and declarations", ": foo; echo \"c [$_]\"; s=bar; echo \"b [$_]\"; declare s=bar; echo \"d [$_]\"; declare a=(1 2); echo \"da [$_]\"; _=x; echo \"[$_]\""],
  ["$_ after a function call is its last argument", "f() { echo \"in [$_]\"; }; : q; f a b; echo \"[$_]\""],
  // subscripts given as text get one round of expansion
  ["unset 'A[$k]' / 'A[\"K\"]' / 'A[$(cmd)]' on an associative array", "declare -A A=([K]=v [x]=1 [y]=2); k=K; unset -v 'A[$k]'; unset 'A[\"x\"]'; unset 'A[$(echo y)]'; echo ${#A[@]}"],
  ["unset 'a[$i]' on an indexed array", "a=(p q r); i=1; unset 'a[$i]'; declare -p a"],
  ["${!ref} with an expanded subscript", "declare -A A=([K]=val); ref='A[\"K\"]'; echo ${!ref}; key=K; ref='A[$key]'; echo ${!ref}; b=(x y); ref='b[$(( 3 - 2 ))]'; echo ${!ref}; c=; ref='b[${c:-1}]'; echo ${!ref}"],
  ["${x@a} of a declared variable without a value", "declare -a x; declare -A y; declare -i z; echo \"[${x@a}] [${y@a}] [${z@a}] [${nope@a}]\"; a1=(); r=a1; echo \"[${!r@a}]\""],
  // set -u and empty arrays
  ["an assigned empty array is not unbound", "set -u; declare -A E=(); a=(); echo ${#E[@]} ${#a[@]} \"${a[@]}\"x"],
  ["a declared array without a value is unbound", "set -u; declare -a d; echo ${#d[@]}"],
  // ${#a[@]} is counted without listing the elements
  ["${#a[@]} of indexed, sparse, associative, scalar, unset and empty arrays", "a=(1 2 3); echo ${#a[@]} ${#a[*]} \"${#a[@]}\"; unset 'a[1]'; echo ${#a[@]}; a[10]=x; a+=([20]=y z); echo ${#a[@]}; declare -A m=([x]=1 [y]=2); echo ${#m[@]}; s=abc; echo ${#s[@]}; echo ${#nope[@]}; b=(); echo ${#b[@]}; declare -n nr=a; echo ${#nr[@]}"],
  // an unset parameter ends `bash -c` with 127 (its jump to top level), a script with 1
  ["${x?} ends a -c shell with 127", "echo ${x?not here}; echo after"],
  ["set -u ends a -c shell with 127, its EXIT trap sees it", "trap 'echo trap $?' EXIT; set -u; echo ${#nope}; echo after"],
  ["${x:?} in a subshell: the subshell's status is 1", "(echo ${x:?sub}); echo \"after $?\""],
  // associative compound assignment (bash 5.2)
  ["A=(k v k v) takes key/value pairs, unsplit and unglobbed", "declare -A C; C=(x y z); declare -p C; C+=(p q); declare -p C; x='a b'; C=($x c '*' *); declare -p C"],
  ["plain words after [k]=v are skipped with an error", "declare -A A=([a]=1 b c); declare -p A; A=([a]=2 d); declare -p A"],
  ["[k]=v after a plain first word is a word", "declare -A B=(b c [a]=1); declare -p B"],
  // ${x+w} of an empty list
  ["\"${e[@]+x}\" of an empty array is no field", "argv() { echo $#; }; set --; argv \"${@+x}\" \"${*+x}\"; e=(); argv \"${e[*]+x}\"; argv \"${e[@]+x}\" \"${e[@]:+x}\"; argv \"a${e[@]+x}b\"; a=(''); argv \"${a[@]:+x}\""],
  // namerefs
  ["declare -n on a value that is not a name fails", "ref='#'; typeset -n ref; echo \"$? $ref\"; declare -p ref; r=1; declare -n r; echo $?; r6='a[1]'; declare -n r6; declare -p r6"],
  ["an exported nameref exports the name it holds", "x=foo; typeset -n -x ref=x; env | grep -E '^(x|ref)=' | sort; export x; env | grep -E '^(x|ref)=' | sort"],
  ["${x::n} has an empty offset; ${x:} is a bad substitution", "s=abc; echo \"[${s::1}] [${s::}] [${s: :1}]\"; echo ${s:}; echo end"],
  ["${#x} takes no operator", "x=abc; a=(123); echo ${#x@Q}; echo $?; echo ${#x:1}; echo \"${#a[0]/1/xxx}\"; echo end"],
  // unset of elements
  ["unset of an element of a scalar", "declare u; unset -v 'u[1]'; echo $?; unset -v 'u[\"k\"]'; echo $?; s=x; unset 's[1]'; echo $? $s; unset 's[0]'; echo $? ${s-unset}; unset 'nope[0]'; echo $?"],
  ["unset of an out-of-range negative index", "a=(1); unset -v 'a[-2]'; echo $?"],
  // listings
  ["local -p lists the function's locals sorted; names not local are not found", "g=1; f() { local b=1 a=1 c=1 zz=1 d=1; local -a arr=(1 2); local -p; local -p g a; echo st=$?; }; f 2>/dev/null"],
  // assignment errors
  ["a readonly assignment error ends eval, which returns 1", "f() { local x=l; readonly x; eval 'x=bar; echo not here'; echo status=$?; }; x=global; f 2>/dev/null; echo $x"],
  ["quoted 'x=(a b)' to declare is compound only for arrays", "declare +a 'x=(2 3)'; declare 'y=(2 3)'; declare -a 'z=(4 5)'; a=(1); declare 'a=(2 3)'; declare -p x y z a"],
  ["${x@E}: \\x byte escapes that form UTF-8 are that text", "x='\\xce\\xbc \\303\\251 a\\x41\\u03bc\\xzz'; printf '%s' \"${x@E}\" | od -An -tx1"],
  // [[ =~ ]]: a tilde in the regex expands to a literal directory name
  ["=~ with a tilde", "HOME='^a$'; [[ ~ =~ $HOME ]]; echo $?; [[ $HOME =~ ~ ]]; echo $?; [[ x^a$/b =~ x~/b ]]; echo $?; HOME=/h.x; [[ /h.x/y =~ ^~/y$ ]]; echo $?; [[ /hzx/y =~ ^~/y$ ]]; echo $?"],
  // [[ =~ ]]: a { that does not start an interval is a regcomp error (status 2)
  ["=~ intervals and stray braces", "for r in '{' 'a{' 'a{1' 'a{1}' 'a{,2}' '{1}' 'a{x}' '^{' 'a{1,2}{' 'a{}' 'a{,}' 'a}' 'a{2,1}' '[{]' 'a\\{'; do [[ 'a{' =~ $r ]]; echo -n \"$? \"; done"],
  // compound assignment order
  ["indexed compound assignment: words first, then element by element", "hello=100; a=([hello]=1 [hello]+=2); declare -p a; a+=([hello]+=:34 [hello]+=:56); declare -p a; a=([0]=1+2+3 [a[0]]=10 [a[6]]=hello); declare -p a; b=(1 2); b=([0]=${b[1]} [1]=x z); declare -p b; i=0; c=([i++]=x [i++]=y w); declare -p c; echo $i; declare -i n; n=([0]=1+1 [1]=2*3); declare -p n"],
  ["associative [k]+=v appends to the value before the assignment", "declare -A A=([k]=1); A=([k]+=2 [k]+=3); declare -p A; A=([j]=1 [k]+=x); declare -p A; A+=([k]+=4); declare -p A"],
  ["a negative subscript out of range skips the element", "e=(1 2 3); e=([-1]=x); declare -p e 2>&1"],
  ["empty subscripts and lists into elements are errors", "a=(1 2)\na[0]=(3 4)\necho status=$?\na[]=42\necho status=$?\necho ${a[]}\necho status=$?\ndeclare -p a"],
  ["the :- test of an unquoted ${a[*]} joins with a space whatever IFS is", "argv() { printf '[%s]' \"$@\"; echo; }; IFS=; a=('' ''); argv \"${a[*]:-empty}\"; argv ${a[*]:-empty}; argv ${a[@]:-empty}; IFS=' '; argv ${a[*]:-empty}; argv \"${a[*]:-empty}\"; b=(''); IFS=; argv ${b[*]:-empty}; set -- '' ''; argv ${*:-empty} \"${*:-e2}\""],
  // prefix assignments of external commands
  ["a prefix binding is visible to the later ones only", "FOO=foo BAR=\"[$FOO][$BAZ]\" BAZ=baz env | grep -E '^(FOO|BAR|BAZ)=' | sort; echo \"[$FOO]\""],
  ["an array prefix binding passes its text", "x=1; A=a B=(b $x 'c d' [2]=e) env | grep -E '^(A|B)=' | sort"],
  ["a readonly prefix binding is refused, the command runs", "readonly R=1; R=2 X=$R env | grep -E '^(R|X)=' | sort; echo $?"],
  ["export and readonly take no subscripts", "export a[7]=8 2>/dev/null; echo $?; readonly b[1]=2 2>/dev/null; echo $?; declare -p a b 2>/dev/null; echo $?"],
  // start-up variables (the helper's environment has no SHELL)
  ["an unset SHELL is the user's login shell, not exported", "echo \"[$SHELL]\"; declare -p SHELL; env | grep -c '^SHELL='"],
  ["a word that brace expansion starts with ~ gets tilde expansion", "HOME=/home/bob; echo {~,~root,x~}/bar {a,~}; echo {~/a,b}; echo ~{a,b}; echo \"{~,x}\"; echo {\\~,x}; a=({foo~,~}/bar); echo \"${a[@]}\"; echo {~,b}$HOME"],
  // arithmetic blanks
  ["only space, tab and newline separate arithmetic tokens", "for c in ' ' $'\\t' $'\\n' $'\\r' $'\\v' $'\\f'; do x=\"1 +${c}2\"; (echo $(( x ))) || echo fail; done; y=$'3\\r'; (echo $((y+1))) || echo fail"],
  ["a stray character is 'operand expected' or 'invalid arithmetic operator' by position", "for e in '1 @ 2' '@' '1 + @' '(@)' '(1 @ 2)' '1 ? 2 @ 3' '1 ? 2 : @' '1 2' 'x @= 2'; do (echo $(( $e ))); done"],
  // prefix assignments and local
  ["local under a prefix assignment declares in the function", "f() { tmp1= local x=x; tmp2= eval 'local y=y'; E=env local v=var; echo \"${E-unset}\" $x $y $v; local -p; }; f; echo \"${x-unset} ${y-unset}\"; g() { local w=1; q=2 unset w; echo \"${w-unset}\"; }; w=glob; g; x=1 declare top=t; echo $top"],
];

describe("expansion matches bash", () => {
  for (const [what, script] of SAME) {
    it(what, () => {
      const r = both(script);
      expect(r.ipsh.stdout).toBe(r.ref.stdout);
      expect(normErr(r.ipsh.stderr)).toBe(normErr(r.ref.stderr));
      expect(r.ipsh.status).toBe(r.ref.status);
    });
  }
});

it("$_ starts as the environment's _ and is not exported", () => {
  const r = both("echo \"[$_]\"; env | grep -c '^_=foo'; (echo \"[$_]\")", "bash", { env: { _: "foo" } });
  expect(r.ipsh.stdout).toBe(r.ref.stdout);
  expect(r.ipsh.stdout).toBe("[foo]\n0\n[[foo]]\n");
});
