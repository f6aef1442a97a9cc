// errno is read right after a failing call, and its text is glibc's (what bash prints).
import { describe, expect, it } from "vitest";
import { EBADF, ENOENT, ERRNO_TABLE, errno, errnoName, strerror, clearErrno } from "../../src/sys/errno.ts";
import { libc } from "../../src/sys/libc.ts";
import { cstr } from "../../src/sys/cstring.ts";

describe("errno", () => {
  it("reads the errno of the call that just failed", () => {
    expect(libc().close(987)).toBe(-1);
    expect(errno()).toBe(EBADF);
    expect(libc().open(cstr("/nonexistent/x"), 0, 0)).toBe(-1);
    expect(errno()).toBe(ENOENT);
    clearErrno();
    expect(errno()).toBe(0);
  });

  it("gives glibc's messages for the table and for numbers outside it", () => {
    expect(strerror(ENOENT)).toBe("No such file or directory");
    expect(strerror(-13)).toBe("Permission denied");
    expect(strerror(21)).toBe("Is a directory");
    expect(strerror(32)).toBe("Broken pipe");
    expect(strerror(8)).toBe("Exec format error");
    // Not in the table: falls back to glibc's strerror.
    expect(strerror(113)).toBe("No route to host");
    expect(strerror(100000)).toBe("Unknown error 100000");
  });

  it("table messages agree with glibc's strerror", async () => {
    const { CString } = await import("bun:ffi");
    for (const [n, , msg] of ERRNO_TABLE) {
      expect(new CString(libc().strerror(n)!).toString()).toBe(msg);
    }
  });

  it("names errnos", () => {
    expect(errnoName(2)).toBe("ENOENT");
    expect(errnoName(-32)).toBe("EPIPE");
    expect(errnoName(9999)).toBe("E9999");
  });
});
