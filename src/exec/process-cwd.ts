// The process's real working directory, as last set by the main shell. Subshell clones keep
// their own logical cwd; a child spawned from a state whose cwd differs gets a chdir action
// (external.ts childActions). One variable, updated wherever the process changes directory.
let processCwd = process.cwd();

export function getProcessCwd(): string {
  return processCwd;
}

export function noteProcessCwd(cwd: string): void {
  processCwd = cwd;
}
