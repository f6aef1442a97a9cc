// Access checks with effective ids (root sees r/w everywhere but x only with an x bit), FIFOs.
import { chmodSync, lstatSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EACCES, EEXIST, ENOENT } from "../../src/sys/errno.ts";
import { checkAccess, F_OK, makeFifo, makeNode, R_OK, W_OK, X_OK } from "../../src/sys/fs.ts";

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), "ipsh-fs-")); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("checkAccess", () => {
  it("reports ENOENT for a missing file and honours x bits", () => {
    const f = join(dir, "f");
    writeFileSync(f, "x");
    chmodSync(f, 0o644);
    expect(checkAccess(join(dir, "nope"), F_OK)).toBe(-ENOENT);
    expect(checkAccess(f, F_OK)).toBe(0);
    expect(checkAccess(f, R_OK)).toBe(0);
    expect(checkAccess(f, X_OK)).toBe(-EACCES); // even for root: no x bit at all
    chmodSync(f, 0o744);
    expect(checkAccess(f, X_OK)).toBe(0);
  });

  it("for root, read/write are allowed regardless of mode bits", () => {
    if (process.geteuid!() !== 0) return; // the point of this test is root's special case
    const f = join(dir, "locked");
    writeFileSync(f, "x");
    chmodSync(f, 0o000);
    expect(checkAccess(f, R_OK | W_OK)).toBe(0);
  });
});

describe("FIFOs", () => {
  it("makeFifo creates a FIFO and reports EEXIST the second time", () => {
    const p = join(dir, "fifo");
    expect(makeFifo(p)).toBe(0);
    expect(lstatSync(p).isFIFO()).toBe(true);
    expect(makeFifo(p)).toBe(-EEXIST);
    const q = join(dir, "fifo2");
    expect(makeNode(q, 0o010000 | 0o600)).toBe(0); // S_IFIFO
    expect(lstatSync(q).isFIFO()).toBe(true);
  });
});

describe("fileMode", () => {
  it("gives the type and permission bits, or -errno", async () => {
    const { fileMode, S_IFDIR, S_IFMT, S_IFREG } = await import("../../src/sys/fs.ts");
    const { ENOTDIR } = await import("../../src/sys/errno.ts");
    const f = join(dir, "m");
    writeFileSync(f, "x");
    chmodSync(f, 0o751);
    expect(fileMode(f) & S_IFMT).toBe(S_IFREG);
    expect(fileMode(f) & 0o7777).toBe(0o751);
    expect(fileMode(dir) & S_IFMT).toBe(S_IFDIR);
    expect(fileMode(join(dir, "none"))).toBe(-ENOENT);
    expect(fileMode(join(f, "sub"))).toBe(-ENOTDIR);
  });
});
