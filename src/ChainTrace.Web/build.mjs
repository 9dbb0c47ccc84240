// Type-checks (tsc) and bundles the page (esbuild) into dist/: index.html, app.js, app.css. No CDN, nothing fetched at run time.
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync } from "node:fs";

execFileSync(process.execPath, ["node_modules/typescript/bin/tsc", "--noEmit", "-p", "."], { stdio: "inherit" });
mkdirSync("dist", { recursive: true });
await build({
  entryPoints: ["src/main.ts"],
  bundle: true,
  minify: true,
  format: "iife",
  target: "es2022",
  outfile: "dist/app.js",
  legalComments: "linked",
  logLevel: "warning",
});
copyFileSync("src/app.css", "dist/app.css");
copyFileSync("index.html", "dist/index.html");
console.log("web: bundled dist/app.js, dist/app.css, dist/index.html");
