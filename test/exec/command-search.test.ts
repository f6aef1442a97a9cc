// Command search with a PATH given as a prefix assignment (`PATH=dir cmd`): the command is
// searched in that PATH and the hash table is neither used nor filled (bash 5.2). Directories
// and files without execute permission on the way are skipped.
import { describe, expect, it } from "vitest";
import { sameAsBash } from "../helpers/shells.ts";

const setup =
  "mkdir -p bin notbin dir/hello; printf '#!/bin/sh\\necho hi\\n' > bin/hello; cp bin/hello notbin/hello; chmod +x bin/hello; ";

describe("PATH=... cmd", () => {
  sameAsBash(
    [
      ["searched in the prefix PATH", setup + 'PATH="$PWD/bin:$PATH" hello; echo $?; hash'],
      ["a directory of that name is skipped", setup + 'PATH="$PWD/dir:$PWD/bin:$PATH" hello; echo $?'],
      ["a file without x permission is skipped", setup + 'PATH="$PWD/notbin:$PWD/bin:$PATH" hello; echo $?'],
      ["not found there", setup + "PATH=/nonexistent hello; echo $?; PATH=/nonexistent cat </dev/null; echo $?"],
      ["the hash table is not used either", setup + 'PATH="$PWD/bin:$PATH"; hello; PATH=/nonexistent hello; echo $?'],
    ],
    it,
    expect,
  );
});
