// npm allure's own `awesome` command (Allure 3), run for the harness's CLI (harness/report/html.py).
//
// Why not `allure awesome ...` itself: the allure CLI imports all of its ~25 commands before it runs one (~0.3 s
// of its ~1.1 s here), and it can start only once the results are written. This imports just the awesome
// command and its argument parser, and the CLI starts it before the suite runs, so the loading overlaps the
// suite: it then waits for one line on stdin, "go" to generate the report with the arguments it was started with,
// anything else (or the end of input) to exit without doing anything. Same command, same arguments, same report.
//
// Usage: node allure_awesome.mjs ALLURE_PACKAGE_DIR [awesome arguments...]
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve as resolvePath } from "node:path";
import { pathToFileURL } from "node:url";

const [allureDir, ...args] = process.argv.slice(2);

// clipanion as allure's own modules import it (its ESM entry), resolved from the allure package.
const fromAllure = createRequire(join(allureDir, "package.json"));
const clipanionDir = dirname(fromAllure.resolve("clipanion/package.json"));
const clipanionExports = JSON.parse(readFileSync(join(clipanionDir, "package.json"), "utf8")).exports ?? {};
const clipanionEntry = clipanionExports["."]?.import ?? fromAllure.resolve("clipanion");
const { Cli } = await import(pathToFileURL(resolvePath(clipanionDir, clipanionEntry)).href);
const { AwesomeCommand } = await import(pathToFileURL(join(allureDir, "dist", "commands", "awesome.js")).href);

const signal = await new Promise((resolve) => {
  let text = "";
  process.stdin.setEncoding("utf8");
  process.stdin.on("data", (chunk) => {
    text += chunk;
    if (text.includes("\n")) {
      process.stdin.destroy();
      resolve(text.split("\n")[0].trim());
    }
  });
  process.stdin.on("end", () => resolve(text.trim()));
});
if (signal === "go") {
  const cli = new Cli({ binaryName: "allure" });
  cli.register(AwesomeCommand);
  process.exitCode = await cli.run(["awesome", ...args]);
}
