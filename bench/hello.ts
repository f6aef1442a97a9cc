// The start-up baseline: Bun's own hello world, compiled with `bun build --compile` exactly as a
// shipped ipsh binary would be. `bun -e ''` is not the same thing (it is the bun CLI, not a
// standalone executable). Issue 3: ipsh's `-c true` must start within 4x of this program.
console.log("hello, world");
