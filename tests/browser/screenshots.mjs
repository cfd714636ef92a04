// Screenshots of a cohort page's progress charts for docs/screenshots/:
// the screen at 1280 px and 360 px, and the printed page (A4, via
// Chromium's PDF, turned into PNG by pdftoppm from poppler-utils).
//
//   node tests/browser/screenshots.mjs --site /tmp/site [--cohort ID] [--out docs/screenshots]
//
// The site is served from 127.0.0.1 as run.mjs serves it; no other host is
// contacted.

import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { chromium } = require("playwright-core");

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const site = option("--site", null);
const cohort = option("--cohort", "2026-winter-teaching");
const out = option("--out", "docs/screenshots");
if (!site) {
  console.error("usage: node tests/browser/screenshots.mjs --site DIR [--cohort ID] [--out DIR]");
  process.exit(2);
}

const TYPES = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".svg": "image/svg+xml" };
const server = http.createServer((req, res) => {
  const url = new URL(req.url, "http://127.0.0.1");
  let file = path.join(site, decodeURIComponent(url.pathname));
  if (!file.startsWith(path.resolve(site))) {
    res.writeHead(400).end();
    return;
  }
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
  fs.readFile(file, (error, body) => {
    if (error) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "Content-Type": TYPES[path.extname(file)] || "application/octet-stream" }).end(body);
  });
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: ["--no-sandbox"] });
try {
  fs.mkdirSync(out, { recursive: true });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${base}/cohorts/${cohort}/`);
  const progress = page.locator("section[aria-labelledby=progress-heading]");
  await progress.screenshot({ path: path.join(out, "cohort-charts.png") });
  await page.setViewportSize({ width: 360, height: 800 });
  await page.locator("#sessions").screenshot({ path: path.join(out, "cohort-charts-360.png") });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.locator("#sessions").screenshot({ path: path.join(out, "cohort-charts-dark.png") });
  await page.emulateMedia({ colorScheme: "light", media: "print" });
  const pdf = path.join(out, "cohort-charts-print.pdf");
  await page.pdf({ path: pdf, format: "A4", printBackground: true });
  // The page with the first charts: the progress section starts on page 1
  // or 2 depending on the cohort's description.
  execFileSync("pdftoppm", ["-png", "-r", "70", "-f", "2", "-l", "2", "-singlefile", pdf, path.join(out, "cohort-charts-print")]);
  fs.rmSync(pdf);
  await page.goto(`${base}/cohorts/`);
  await page.emulateMedia({ media: "screen" });
  await page.locator("main").screenshot({ path: path.join(out, "cohorts-compared.png") });
} finally {
  await browser.close();
  server.close();
}
console.log(`screenshots written to ${out}`);
