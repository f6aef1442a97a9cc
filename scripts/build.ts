// Builds ipsh: dist/ipsh.js (one bundled file, what bin/ipsh runs) and, unless --bundle-only,
// dist/ipsh (a standalone executable from `bun build --compile`, usable as a login shell).
// Bundling and bytecode matter for start-up: unbundled, importing chevrotain alone costs ~80 ms.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dir, "..");
const bundleOnly = process.argv.includes("--bundle-only");
mkdirSync(join(root, "dist"), { recursive: true });

// The parser's lookahead table must describe the grammar being built (a unit test checks it too):
// regenerate it when grammar/parser.ts changed without it. Under CI a stale table is an error
// (the commit is incomplete), not something to repair in the checkout.
{
  const { computeLookaheadTable, tableSource, TABLE_FILE } = await import("../grammar/lookahead-gen.ts");
  const text = tableSource(computeLookaheadTable());
  if (readFileSync(TABLE_FILE, "utf8") !== text) {
    if (process.env.CI) {
      console.error(`build: ${TABLE_FILE} does not match the grammar: run 'bun grammar/lookahead-gen.ts' and commit it`);
      process.exit(1);
    }
    writeFileSync(TABLE_FILE, text);
    console.error(`build: regenerated ${TABLE_FILE} (the grammar changed); commit it with the grammar`);
  }
}

const bundle = await Bun.build({
  entrypoints: [join(root, "src/main.ts")],
  target: "bun",
  outdir: join(root, "dist"),
  naming: "ipsh.js",
  minify: { syntax: true, whitespace: true, identifiers: false },
  sourcemap: "none",
  // precompiled JavaScriptCore bytecode next to the bundle (ipsh.js.jsc): parsing and compiling
  // the ~700 KB bundle was most of the start-up time (measured: ~120 ms -> ~45 ms for -c true)
  bytecode: true,
  format: "cjs",
});
if (!bundle.success) {
  for (const log of bundle.logs) console.error(log);
  process.exit(1);
}

if (!bundleOnly) {
  const r = spawnSync(
    process.execPath,
    // A shell must not take settings from the directory it is started in: no .env files merged into
    // its environment, no bunfig.toml (which could preload code).
    ["build", "--compile", "--bytecode", "--no-compile-autoload-dotenv", "--no-compile-autoload-bunfig", join(root, "src/main.ts"), "--outfile", join(root, "dist/ipsh")],
    { stdio: "inherit", cwd: root },
  );
  if (r.status !== 0) process.exit(r.status ?? 1);
}
