#!/usr/bin/env node
// Browser tests for a site built by `telemachy build`.
//
// Serves the built site on 127.0.0.1, opens every HTML page in headless
// Chromium and fails on console errors, script errors and failed or 4xx/5xx
// requests; checks that internal links and anchors resolve, that no page
// scrolls sideways at 360 px and that keyboard focus is visible; runs axe-core
// on the main page kinds in light and dark colour schemes, at desktop and
// phone widths. Ends with one line `N passed, M failed`.
//
//   node run.mjs --site DIR [--staff DIR] [--screenshots DIR] [--serve BIN --program DIR] [--language TAG]
//
// --staff DIR      also test a site built with `--audience staff`
// --screenshots D  write PNG screenshots (and a print PDF of a module) to D
// --serve BIN      also run `BIN serve` on a copy of the program at
//   --program DIR  DIR, keep a module page open, and edit a module, a
//                  template and a data file under it: the page reloads by
//                  itself, shows the overlay on a broken edit and clears it
// --language TAG   the sites are the demo built in TAG: every page is still
//                  loaded and checked, but axe audits each page kind once
//                  (light at 1280 px, dark at 360 px) rather than every
//                  page; a right-to-left site is also checked to mirror
//
// Chromium is Debian's (/usr/bin/chromium) or the one named by $CHROMIUM.
// Without it the run is SKIPPED (exit 0), except under CI (or with
// TELEMACHY_REQUIRE_EXTERNAL=1), where it fails.

import fs from "node:fs";
import { spawn, spawnSync } from "node:child_process";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

const CHROMIUM_FLAGS = [
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 360, height: 780 };
const STEP_TIMEOUT_MS = 20_000;
const WHOLE_RUN_TIMEOUT_MS = Number(process.env.BROWSER_TEST_TIMEOUT_S || 600) * 1000;

const CONTENT_TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".ics": "text/calendar; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".pdf": "application/pdf",
};

// ---------------------------------------------------------------- results

const results = { passed: 0, failed: 0 };

function record(name, problems) {
  if (problems.length === 0) {
    results.passed += 1;
    console.log(`ok    ${name}`);
  } else {
    results.failed += 1;
    console.log(`FAIL  ${name}`);
    for (const problem of problems) {
      console.log(`        - ${String(problem).replace(/\n/g, "\n          ")}`);
    }
  }
}

function finish() {
  console.log(`${results.passed} passed, ${results.failed} failed`);
  return results.failed === 0 ? 0 : 1;
}

// ---------------------------------------------------------------- options

function parseArgs(argv) {
  const options = { site: null, staff: null, screenshots: null, serve: null, program: null, language: null };
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (!["--site", "--staff", "--screenshots", "--serve", "--program", "--language"].includes(flag) || value === undefined) {
      throw new Error(`unknown or incomplete argument \`${flag}\`; usage: node run.mjs --site DIR [--staff DIR] [--screenshots DIR] [--serve BIN --program DIR] [--language TAG]`);
    }
    options[flag.slice(2)] = flag === "--language" ? value : path.resolve(value);
    i += 1;
  }
  if (!options.site) {
    throw new Error("missing --site DIR (a directory written by `telemachy build`)");
  }
  if (Boolean(options.serve) !== Boolean(options.program)) {
    throw new Error("--serve BIN and --program DIR go together");
  }
  for (const dir of [options.site, options.staff].filter(Boolean)) {
    if (!fs.existsSync(path.join(dir, "index.html"))) {
      throw new Error(`${dir} has no index.html: build the site first`);
    }
  }
  return options;
}

/** $CHROMIUM when set (and then only it), else Debian's Chromium. */
function findChromium() {
  const candidates = process.env.CHROMIUM ? [process.env.CHROMIUM] : ["/usr/bin/chromium", "/usr/bin/chromium-browser"];
  return candidates.find((candidate) => fs.existsSync(candidate)) || null;
}

// ---------------------------------------------------------------- the site

/** Every HTML file under `root`, as the URL path a visitor would use. */
function htmlPages(root) {
  const pages = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(full);
      } else if (entry.name.endsWith(".html")) {
        const rel = path.relative(root, full).split(path.sep).join("/");
        pages.push(rel === "index.html" ? "/" : rel.endsWith("/index.html") ? `/${rel.slice(0, -"index.html".length)}` : `/${rel}`);
      }
    }
  };
  walk(root);
  return pages.sort();
}

/**
 * What a static host does with a URL path: `{file}` to serve, `{redirect}`
 * for a directory asked for without its slash, or null for a 404.
 */
function resolvePath(root, urlPath) {
  if (urlPath.includes("\0")) {
    return null;
  }
  const full = path.join(root, path.posix.normalize(urlPath));
  if (full !== root && !full.startsWith(root + path.sep)) {
    return null;
  }
  const isFile = (p) => {
    try {
      return fs.statSync(p).isFile();
    } catch {
      return false;
    }
  };
  if (urlPath.endsWith("/")) {
    const index = path.join(full, "index.html");
    return isFile(index) ? { file: index } : null;
  }
  if (isFile(full)) {
    return { file: full };
  }
  if (isFile(path.join(full, "index.html"))) {
    return { redirect: `${urlPath}/` };
  }
  return null;
}

function startServer(root) {
  const server = http.createServer((req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { Allow: "GET, HEAD" }).end();
      return;
    }
    let urlPath;
    let search;
    try {
      const url = new URL(req.url, "http://127.0.0.1");
      urlPath = decodeURIComponent(url.pathname);
      search = url.search;
    } catch {
      res.writeHead(400).end();
      return;
    }
    const found = resolvePath(root, urlPath);
    if (found && found.redirect) {
      res.writeHead(301, { Location: found.redirect + search }).end();
      return;
    }
    const file = found ? found.file : path.join(root, "404.html");
    const status = found ? 200 : 404;
    fs.readFile(file, (error, body) => {
      if (error) {
        res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end("not found\n");
        return;
      }
      const type = CONTENT_TYPES[path.extname(file).toLowerCase()] || "application/octet-stream";
      res.writeHead(status, { "Content-Type": type, "Content-Length": body.length, "Cache-Control": "no-store" });
      res.end(req.method === "HEAD" ? undefined : body);
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve(server));
  });
}

function stopServer(server) {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

// ---------------------------------------------------------------- a page

/**
 * One browser tab, reused from page to page (opening tabs is slow on a
 * two-core machine), that records every console error, script error and
 * failed request since the last `take()`. Requests to any other host are
 * refused and reported: the theme promises no external resources.
 */
class Tab {
  static async open(context, origin) {
    const tab = new Tab(await context.newPage(), origin);
    await tab.watch();
    return tab;
  }

  constructor(page, origin) {
    this.page = page;
    this.origin = origin;
    this.problems = [];
    this.failedUrls = new Set();
    this.allowStatus = [];
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    page.setDefaultNavigationTimeout(STEP_TIMEOUT_MS);
  }

  async watch() {
    const { page, origin } = this;
    await page.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith(`${origin}/`) || url.startsWith("data:")) {
        return route.continue();
      }
      this.problems.push(`request to another host: ${url}`);
      return route.abort("blockedbyclient");
    });
    page.on("console", (message) => {
      if (message.type() !== "error") {
        return;
      }
      const text = message.text();
      // Chromium logs every failed load too; the network events below
      // already report each one, with its URL.
      if (!text.startsWith("Failed to load resource")) {
        const where = message.location().url;
        this.problems.push(`console error: ${text}${where ? ` (${where})` : ""}`);
      }
    });
    page.on("pageerror", (error) => this.problems.push(`script error: ${error.message}`));
    page.on("requestfailed", (request) => {
      const failure = request.failure();
      const reported = this.failedUrls.has(request.url());
      if (!reported && !(failure && failure.errorText.includes("BLOCKED_BY_CLIENT"))) {
        this.problems.push(`request failed: ${request.url()} (${failure ? failure.errorText : "unknown"})`);
      }
    });
    page.on("response", (response) => {
      const status = response.status();
      if (status >= 400 && !this.allowStatus.includes(status)) {
        this.failedUrls.add(response.url());
        this.problems.push(`HTTP ${status} for ${response.url()}`);
      }
    });
  }

  /** Navigates to a site path; `allowStatus` lists statuses expected there. */
  async go(urlPath, { allowStatus = [] } = {}) {
    this.allowStatus = allowStatus;
    return this.page.goto(this.origin + urlPath, { waitUntil: "load" });
  }

  /** The problems recorded since the last call. */
  take() {
    const problems = [...new Set(this.problems)];
    this.problems = [];
    this.failedUrls.clear();
    return problems;
  }

  close() {
    return this.page.close();
  }
}

/** Elements wider than the viewport, for a readable overflow report. */
function overflowReport() {
  const limit = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth <= limit) {
    return [];
  }
  const culprits = [];
  for (const element of document.body.querySelectorAll("*")) {
    const box = element.getBoundingClientRect();
    if (box.right > limit + 1 && box.width > 0) {
      const parentBox = element.parentElement.getBoundingClientRect();
      if (parentBox.right <= limit + 1) {
        const id = element.id ? `#${element.id}` : "";
        const classes = element.classList.length ? `.${[...element.classList].join(".")}` : "";
        culprits.push(`${element.tagName.toLowerCase()}${id}${classes} reaches ${Math.round(box.right)}px`);
      }
    }
  }
  return [`the page scrolls sideways (${document.documentElement.scrollWidth}px wide in ${limit}px): ${culprits.slice(0, 5).join("; ") || "no single culprit"}`];
}

/** Loads one page and checks what every page must satisfy. */
async function loadPage(tab, urlPath, pages) {
  const problems = [];
  try {
    await tab.page.setViewportSize(DESKTOP);
    const response = await tab.go(urlPath);
    if (!response) {
      problems.push("no response");
    } else if (response.status() !== 200) {
      problems.push(`HTTP ${response.status()}`);
    }
    const facts = await tab.page.evaluate(() => ({
      title: document.title.trim(),
      h1: document.querySelectorAll("h1").length,
      ids: [...document.querySelectorAll("[id]")].map((element) => element.id),
      links: [...document.querySelectorAll("a[href]")].map((a) => {
        const raw = a.getAttribute("href");
        return { href: new URL(raw, document.baseURI).href, raw };
      }),
      stylesheets: document.styleSheets.length,
      dir: document.documentElement.dir,
    }));
    if (!facts.title) {
      problems.push("the page has no <title>");
    }
    if (facts.h1 !== 1) {
      problems.push(`the page has ${facts.h1} <h1> headings, not one`);
    }
    if (facts.stylesheets === 0) {
      problems.push("no stylesheet was applied");
    }
    await tab.page.setViewportSize(PHONE);
    problems.push(...(await tab.page.evaluate(overflowReport)));
    pages.set(urlPath, facts);
  } catch (error) {
    problems.push(`could not load: ${error.message.split("\n")[0]}`);
  }
  return [...tab.take(), ...problems];
}

/** Internal links point at a page that exists, and at an anchor on it. */
function checkLinks(root, origin, pages) {
  const problems = [];
  for (const [from, facts] of pages) {
    for (const link of facts.links) {
      if (!link.href.startsWith(`${origin}/`)) {
        continue;
      }
      const url = new URL(link.href);
      let target = decodeURIComponent(url.pathname);
      const found = resolvePath(root, target);
      if (!found) {
        problems.push(`${from}: link \`${link.raw}\` leads to a missing page`);
        continue;
      }
      if (found.redirect) {
        target = found.redirect;
      }
      const fragment = decodeURIComponent(url.hash.slice(1));
      if (fragment && pages.has(target) && !pages.get(target).ids.includes(fragment)) {
        problems.push(`${from}: link \`${link.raw}\` names an anchor that is not on ${target}`);
      }
    }
  }
  return problems;
}

/** An unknown address gets status 404 and the site's own 404 page. */
async function notFoundPage(tab, root) {
  const problems = [];
  const response = await tab.go("/no-such-page/", { allowStatus: [404] });
  if (!response || response.status() !== 404) {
    problems.push(`expected HTTP 404, got ${response ? response.status() : "nothing"}`);
  }
  // The site's own 404 page, in whatever language it was built in.
  const own = /<h1[^>]*>([^<]*)<\/h1>/.exec(fs.readFileSync(path.join(root, "404.html"), "utf8"));
  const heading = await tab.page.textContent("h1");
  if (!/not found/i.test(heading || "") && !(own && own[1].trim() === (heading || "").trim())) {
    problems.push(`the 404 page's heading is "${heading}"`);
  }
  const styled = await tab.page.evaluate(() => document.styleSheets.length > 0);
  if (!styled) {
    problems.push("the 404 page has no stylesheet");
  }
  return [...tab.take(), ...problems];
}

// ---------------------------------------------------------------- axe

const AXE_VARIANTS = [
  { scheme: "light", viewport: DESKTOP },
  { scheme: "dark", viewport: DESKTOP },
  { scheme: "light", viewport: PHONE },
  { scheme: "dark", viewport: PHONE },
];

/** Runs axe on the current document; each violation as readable lines. */
async function axeViolations(page) {
  const violations = await page.evaluate(async (tags) => {
    const result = await window.axe.run(document, {
      runOnly: { type: "tag", values: tags },
      resultTypes: ["violations"],
    });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(" ")),
      summary: violation.nodes[0] ? violation.nodes[0].failureSummary : "",
    }));
  }, AXE_TAGS);
  return violations.map((v) => {
    const shown = v.targets.slice(0, 6).join(", ");
    const more = v.targets.length > 6 ? `, and ${v.targets.length - 6} more` : "";
    return `${v.id} (${v.impact}): ${v.help}\n  at ${shown}${more}\n  ${v.summary.replace(/\n\s*/g, " ")}`;
  });
}

/**
 * Audits one page in every colour scheme and width. The page is loaded and
 * axe injected once; the scheme and viewport then change under it, which
 * re-applies the media queries exactly as a reload would.
 */
async function auditPage(tab, urlPath, axeFile, label, variants) {
  let loaded = [];
  try {
    await tab.page.emulateMedia({ colorScheme: "light" });
    await tab.page.setViewportSize(DESKTOP);
    await tab.go(urlPath);
    if (urlPath.startsWith("/search/?")) {
      // Results are written by script: audit them too.
      await tab.page.waitForSelector("#results ol li a");
    }
    await tab.page.addScriptTag({ path: axeFile });
  } catch (error) {
    loaded = [`could not load: ${error.message.split("\n")[0]}`];
  }
  for (const variant of variants) {
    const problems = [...tab.take(), ...loaded];
    if (loaded.length === 0) {
      try {
        await tab.page.emulateMedia({ colorScheme: variant.scheme });
        await tab.page.setViewportSize(variant.viewport);
        problems.push(...(await axeViolations(tab.page)));
      } catch (error) {
        problems.push(`could not audit: ${error.message.split("\n")[0]}`);
      }
    }
    record(`${label} axe ${urlPath} (${variant.scheme}, ${variant.viewport.width}px)`, problems);
  }
}

// ---------------------------------------------------------------- search

/** Typing a word into the search form and pressing Enter lists a module
 *  that contains it (search.js, fetching the search index). */
async function searchWorks(tab) {
  const problems = [];
  try {
    await tab.page.setViewportSize(DESKTOP);
    await tab.go("/search/");
    await tab.page.fill("#q", "joins");
    await tab.page.press("#q", "Enter");
    await tab.page.waitForSelector("#results ol li a");
    const hrefs = await tab.page.$$eval("#results ol li a", (links) => links.map((a) => a.getAttribute("href")));
    if (!hrefs.some((href) => href.endsWith("/sql-joins/"))) {
      problems.push(`searching for "joins" did not list the SQL joins module: ${hrefs.join(", ")}`);
    }
  } catch (error) {
    problems.push(`search failed: ${error.message.split("\n")[0]}`);
  }
  return [...tab.take(), ...problems];
}

// ---------------------------------------------------------------- focus

/** Tabs through the start of a page: the skip link comes first and shows,
 *  and every focused element draws a visible outline. */
async function focusTour(tab, urlPath, steps) {
  const problems = [];
  await tab.page.setViewportSize(DESKTOP);
  await tab.go(urlPath);
  for (let i = 0; i < steps; i += 1) {
    await tab.page.keyboard.press("Tab");
    const focused = await tab.page.evaluate(() => {
      const element = document.activeElement;
      if (!element || element === document.body) {
        return null;
      }
      const style = getComputedStyle(element);
      const box = element.getBoundingClientRect();
      return {
        what: `${element.tagName.toLowerCase()} "${(element.textContent || "").trim().slice(0, 40)}"`,
        skip: element.classList.contains("skip"),
        outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
        onScreen: box.width > 0 && box.height > 0 && box.left >= 0 && box.top >= -1,
      };
    });
    if (!focused) {
      break;
    }
    if (i === 0 && !focused.skip) {
      problems.push(`the first Tab focuses ${focused.what}, not the skip link`);
    }
    if (i === 0 && !focused.onScreen) {
      problems.push("the skip link stays off screen when focused");
    }
    if (!focused.outline) {
      problems.push(`${focused.what} has no visible focus outline`);
    }
  }
  return [...tab.take(), ...problems];
}

// ---------------------------------------------------------------- main

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const executablePath = findChromium();
  if (!executablePath) {
    if (process.env.CI || process.env.TELEMACHY_REQUIRE_EXTERNAL === "1") {
      console.log(`error: Chromium was not found (${process.env.CHROMIUM || "/usr/bin/chromium"}); the browser tests cannot run without it`);
      results.failed += 1;
      return finish();
    }
    console.log("");
    console.log("**************************************************************");
    console.log("*  BROWSER TESTS SKIPPED: Chromium is not installed.          *");
    console.log("*  Install it (apt-get install chromium) or set $CHROMIUM.    *");
    console.log("*  Under CI this is a failure.                                *");
    console.log("**************************************************************");
    console.log("");
    return 0;
  }
  const { chromium } = require("playwright-core");
  const axeFile = require.resolve("axe-core/axe.min.js");

  const servers = [];
  let browser = null;
  const watchdog = setTimeout(() => {
    console.log(`error: the browser tests did not finish within ${WHOLE_RUN_TIMEOUT_MS / 1000} s`);
    results.failed += 1;
    finish();
    process.exit(1);
  }, WHOLE_RUN_TIMEOUT_MS);
  watchdog.unref();
  const started = Date.now();
  try {
    browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_FLAGS, timeout: 60_000 });
    console.log(`Chromium ${browser.version()} from ${executablePath}`);
    const sites = [{ kind: "public", root: options.site, audit: publicAudit(), auditEveryPage: true }];
    if (options.staff) {
      sites.push({ kind: "staff", root: options.staff, audit: staffAudit(options.staff), auditEveryPage: false });
    }
    for (const site of sites) {
      site.label = options.language ? `${options.language} ${site.kind}` : site.kind;
      site.variants = AXE_VARIANTS;
      site.rtl = /<html[^>]*\sdir="rtl"/.test(fs.readFileSync(path.join(site.root, "index.html"), "utf8"));
      if (options.language) {
        // Another language changes the words, not the templates: each
        // page kind once, in both schemes and at both widths between them.
        site.audit = site.kind === "staff" ? [...site.audit, ...firstCharter(site.root)] : site.audit;
        site.auditEveryPage = false;
        site.variants = [AXE_VARIANTS[0], AXE_VARIANTS[3]];
      }
    }
    for (const site of sites) {
      const server = await startServer(site.root);
      servers.push(server);
      const origin = `http://127.0.0.1:${server.address().port}`;
      await testSite(browser, site, origin, axeFile);
      if (site.kind === "public" && options.screenshots) {
        await screenshots(browser, origin, options.screenshots);
      }
    }
    if (options.serve) {
      await liveReload(browser, options.serve, options.program);
    }
  } catch (error) {
    record("the browser test run", [error.stack || String(error)]);
  } finally {
    clearTimeout(watchdog);
    if (browser) {
      await browser.close().catch(() => {});
    }
    await Promise.all(servers.map(stopServer));
  }
  console.log(`browser tests took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return finish();
}

// ---------------------------------------------------------------- serve

/** A copy of the program's sources (content/, data/, themes/) to edit. */
function copyProgram(root) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "telemachy-serve-"));
  for (const sub of ["content", "data", "themes"]) {
    if (fs.existsSync(path.join(root, sub))) {
      fs.cpSync(path.join(root, sub), path.join(dir, sub), { recursive: true });
    }
  }
  return dir;
}

/** `binary serve` on a free loopback port: its process and address. */
function startServe(binary, root) {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, ["serve", "--root", root, "--port", "0", "--today", "2026-04-15"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let said = "";
    const fail = (why) => {
      clearTimeout(timer);
      child.kill();
      reject(new Error(`${why}; serve said:\n${said}`));
    };
    const timer = setTimeout(() => fail("serve printed no address within 60 s"), 60_000);
    child.stdout.on("data", (chunk) => {
      said += chunk;
      const match = /serving (http:\/\/[^\s/]+)/.exec(said);
      if (match) {
        clearTimeout(timer);
        resolve({ child, origin: match[1], said: () => said });
      }
    });
    child.stderr.on("data", (chunk) => {
      said += chunk;
    });
    child.on("error", (error) => fail(String(error)));
    child.on("exit", (code) => fail(`serve exited with ${code}`));
  });
}

/**
 * Keeps a module page open under `serve` and edits what it is made of:
 * the page must reload by itself with each edit, show the overlay for a
 * broken data file while still showing the last good page, and clear it
 * once the file is fixed.
 */
async function liveReload(browser, binary, program) {
  const name = "serve: an open page follows edits, shows and clears the overlay";
  const problems = [];
  const root = copyProgram(program);
  let serve = null;
  let context = null;
  try {
    serve = await startServe(binary, root);
    context = await browser.newContext({ viewport: DESKTOP });
    const watched = await Tab.open(context, serve.origin);
    const tab = watched.page;
    const listening = tab.waitForResponse((r) => r.url().includes("/__telemachy/events"), { timeout: STEP_TIMEOUT_MS });
    await tab.goto(`${serve.origin}/paths/data-analysis/sql-joins/`, { waitUntil: "load", timeout: STEP_TIMEOUT_MS });
    await listening;
    // The stream sends the state it starts from right after its headers.
    await tab.waitForTimeout(300);

    const reloadAfter = async (what, edit) => {
      const loaded = tab.waitForEvent("load", { timeout: STEP_TIMEOUT_MS });
      edit();
      try {
        await loaded;
      } catch {
        problems.push(`the open page did not reload after ${what}`);
        return false;
      }
      return true;
    };

    const module = path.join(root, "content/paths/data-analysis/sql-joins.md");
    const marker = `Livereloadmarker${Date.now()}`;
    if (await reloadAfter("a module edit", () => fs.appendFileSync(module, `\nA paragraph that names ${marker}.\n`))) {
      if (!(await tab.textContent("main")).includes(marker)) {
        problems.push("after the module edit the page does not show the new paragraph");
      }
    }

    const template = path.join(root, "themes/default/templates/module.html");
    const layout = fs.readFileSync(template, "utf8");
    if (await reloadAfter("a template edit", () => fs.writeFileSync(template, layout.replace("<article", "<article data-live-edited")))) {
      if (!(await tab.$("article[data-live-edited]"))) {
        problems.push("after the template edit the page is not the new template's");
      }
    }

    const mentors = path.join(root, "data/mentors.yaml");
    const good = fs.readFileSync(mentors, "utf8");
    fs.writeFileSync(mentors, `${good}\n- [unclosed\n`);
    try {
      await tab.waitForSelector("#telemachy-overlay", { state: "visible", timeout: STEP_TIMEOUT_MS });
      const overlay = await tab.textContent("#telemachy-overlay");
      if (!overlay.includes("data/mentors.yaml")) {
        problems.push(`the overlay does not name the broken file: ${overlay}`);
      }
      if (!(await tab.textContent("main")).includes(marker)) {
        problems.push("with the overlay shown the page is no longer the last good one");
      }
    } catch {
      problems.push("a broken data file showed no overlay");
    }
    if (await reloadAfter("the fix", () => fs.writeFileSync(mentors, good))) {
      try {
        await tab.waitForSelector("#telemachy-overlay", { state: "detached", timeout: STEP_TIMEOUT_MS });
      } catch {
        problems.push("the overlay stayed after the fix");
      }
    }
    // A reload ends the page's event stream, which Chromium reports as an
    // aborted request.
    const aborted = /^request failed: \S+\/__telemachy\/events\?\S* \(net::ERR_ABORTED\)$/;
    problems.push(...watched.take().filter((problem) => !aborted.test(problem)));
  } catch (error) {
    problems.push(error.stack || String(error));
  } finally {
    if (context) {
      await context.close().catch(() => {});
    }
    if (serve) {
      serve.child.removeAllListeners("exit");
      serve.child.kill();
    }
    fs.rmSync(root, { recursive: true, force: true });
  }
  if (problems.length && serve) {
    problems.push(`serve said:\n${serve.said()}`);
  }
  record(name, problems);
}

/** Pages audited with axe in the public site (a search with results shown). */
function publicAudit() {
  return [
    "/",
    "/paths/data-analysis/",
    "/paths/data-analysis/sql-joins/",
    "/paths/digital-teaching/accessible-materials/",
    "/cohorts/2026-spring-data/",
    "/privacy/",
    "/mentors/",
    "/calendar/",
    "/search/?q=sql",
    "/pages/faq/",
    "/404.html",
  ];
}

/** The first charter of a staff site, as a list of zero or one paths. */
function firstCharter(root) {
  const dir = path.join(root, "charters");
  const pairs = fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
  return pairs.length ? [`/charters/${pairs[0]}/`] : [];
}

/**
 * A right-to-left site: every page says `dir="rtl"`, and what the layout
 * puts side by side stands the other way round (1280 px): the site's name
 * at the right of the header, each breadcrumb right of the next one, the
 * previous module right of the next with arrows pointing outwards, a
 * table's first column on the right, a list's markers on the right, a
 * charter's terms right of their values and the learner's signature right
 * of the mentor's.
 */
async function mirrored(tab, site, pages) {
  const problems = [];
  const ltr = [...pages].filter(([, facts]) => facts.dir !== "rtl").map(([urlPath]) => urlPath);
  if (ltr.length) {
    problems.push(`pages without dir="rtl": ${ltr.slice(0, 5).join(", ")}${ltr.length > 5 ? ", …" : ""}`);
  }
  const checks =
    site.kind === "public"
      ? [
          ["/", [["the site's name", ".brand", "the middle of the header", ".site-header .wrap", "within"]]],
          ["/paths/data-analysis/", [["the first module", ".modules > li:first-child", "its list marker", null]]],
          [
            "/paths/data-analysis/sql-joins/",
            [
              ["the breadcrumb's first link", ".crumbs > a:nth-of-type(1)", "its second", ".crumbs > a:nth-of-type(2)"],
              ["the breadcrumb's second link", ".crumbs > a:nth-of-type(2)", "the current page", ".crumbs > span"],
              ["the previous module", ".pager a[rel=prev]", "the next", ".pager a[rel=next]"],
            ],
          ],
          ["/cohorts/2026-spring-data/", [["a table's first column", "table thead th:first-child", "its last", "table thead th:last-child"]]],
        ]
      : firstCharter(site.root).map((charter) => [
          charter,
          [
            ["a term", ".terms dt", "its value", ".terms dd"],
            ["the first signature", ".sign-grid > :first-child", "the second", ".sign-grid > :last-child"],
          ],
        ]);
  await tab.page.emulateMedia({ colorScheme: "light" });
  await tab.page.setViewportSize(DESKTOP);
  for (const [urlPath, pairs] of checks) {
    await tab.go(urlPath);
    for (const [firstName, first, secondName, second, how] of pairs) {
      const found = await tab.page.evaluate(
        ([a, b, within]) => {
          const one = document.querySelector(a);
          if (!one) {
            return null;
          }
          const box = one.getBoundingClientRect();
          if (!b) {
            // A list item's marker sits in its list's start padding.
            const list = getComputedStyle(one.parentElement);
            return { right: parseFloat(list.paddingRight) > parseFloat(list.paddingLeft) };
          }
          const other = document.querySelector(b);
          if (!other) {
            return null;
          }
          const around = other.getBoundingClientRect();
          // Within a box: in its right half (the menu may wrap below the name).
          return { right: within ? box.left >= around.left + around.width / 2 : box.left >= around.right - 1 };
        },
        [first, second, how === "within"],
      );
      if (!found) {
        problems.push(`${urlPath}: ${first}${second ? ` or ${second}` : ""} is missing`);
      } else if (!found.right) {
        problems.push(`${urlPath}: ${firstName} is not right of ${secondName}`);
      }
    }
    if (urlPath.endsWith("/sql-joins/")) {
      const arrows = await tab.page.$$eval(".pager a", (links) => links.map((a) => [a.rel, a.textContent.trim()]));
      for (const [rel, text] of arrows) {
        const outwards = rel === "prev" ? text.startsWith("→") : text.endsWith("←");
        if (!outwards) {
          problems.push(`${urlPath}: the ${rel} link's arrow does not point outwards: "${text}"`);
        }
      }
    }
  }
  return [...tab.take(), ...problems];
}

/** Pages audited with axe in the staff site: the report, the actions, a learner and the suggested matches. */
function staffAudit(root) {
  const learners = fs.existsSync(path.join(root, "learners")) ? fs.readdirSync(path.join(root, "learners")).sort() : [];
  return [
    "/report/",
    "/actions/",
    ...(learners.length ? [`/learners/${learners[0]}/`] : []),
    "/cohorts/2026-spring-data/matches/",
    "/cohorts/2026-winter-teaching/matches/",
  ];
}

async function testSite(browser, site, origin, axeFile) {
  const { label, kind } = site;
  const context = await browser.newContext({ viewport: DESKTOP, colorScheme: "light", reducedMotion: "reduce" });
  try {
    const tab = await Tab.open(context, origin);
    const pages = new Map();
    for (const urlPath of htmlPages(site.root)) {
      record(`${label} ${urlPath} loads cleanly`, await loadPage(tab, urlPath, pages));
    }
    record(`${label}: every internal link and anchor resolves`, checkLinks(site.root, origin, pages));
    record(`${label}: an unknown address shows the styled 404 page`, await notFoundPage(tab, site.root));
    record(`${label}: keyboard focus is visible on /`, await focusTour(tab, "/", 25));
    if (site.rtl) {
      record(`${label}: every page is right-to-left and the layout mirrors`, await mirrored(tab, site, pages));
    }
    if (kind === "public") {
      record(`${label}: keyboard focus is visible on the path map`, await focusTour(tab, "/paths/data-analysis/", 30));
    }
    record(`${label}: search finds a module`, await searchWorks(tab));
    for (const urlPath of site.audit) {
      await auditPage(tab, urlPath, axeFile, label, site.variants);
    }
    if (site.auditEveryPage) {
      // The rest share the templates above; one pass each catches what
      // their own content brings (tables, task lists, code).
      for (const urlPath of [...pages.keys()].filter((p) => !site.audit.includes(p))) {
        await auditPage(tab, urlPath, axeFile, label, AXE_VARIANTS.slice(0, 1));
      }
    }
    await tab.close();
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------- pictures

async function screenshots(browser, origin, dir) {
  fs.mkdirSync(dir, { recursive: true });
  // A path is shown from its map down: its introduction is plain prose.
  const shots = [
    ["home", "/", null],
    ["path", "/paths/data-analysis/", ".path-map"],
    ["module", "/paths/data-analysis/sql-joins/", null],
    ["cohort", "/cohorts/2026-spring-data/", null],
  ];
  // Tall pages are cut off: the top of a page is what shows whether the
  // layout works, and the pictures stay small enough to keep in the repo.
  const sizes = [
    ["desktop", { width: 1200, height: 900 }, 1200],
    ["mobile", { width: 360, height: 780 }, 1560],
  ];
  const problems = [];
  const context = await browser.newContext({ viewport: DESKTOP, reducedMotion: "reduce" });
  try {
    const tab = await Tab.open(context, origin);
    for (const scheme of ["light", "dark"]) {
      await tab.page.emulateMedia({ colorScheme: scheme });
      for (const [sizeName, viewport, maxHeight] of sizes) {
        await tab.page.setViewportSize(viewport);
        for (const [name, urlPath, from] of shots) {
          await tab.go(urlPath);
          const [top, height] = await tab.page.evaluate((selector) => {
            const element = selector && document.querySelector(selector);
            const heading = element && element.previousElementSibling;
            const start = heading ? heading.getBoundingClientRect().top + window.scrollY - 16 : 0;
            return [Math.max(0, Math.floor(start)), document.documentElement.scrollHeight];
          }, from);
          await tab.page.screenshot({
            path: path.join(dir, `${name}-${sizeName}-${scheme}.png`),
            fullPage: true,
            clip: { x: 0, y: top, width: viewport.width, height: Math.min(height - top, maxHeight) },
          });
        }
      }
    }
    await tab.page.emulateMedia({ colorScheme: "light", media: "print" });
    await tab.go("/paths/data-analysis/sql-joins/");
    await tab.page.pdf({
      path: path.join(dir, "module-print.pdf"),
      format: "A4",
      margin: { top: "15mm", bottom: "15mm", left: "15mm", right: "15mm" },
    });
    await chartScreenshots(tab, dir);
    problems.push(...tab.take());
    await tab.close();
  } finally {
    await context.close();
  }
  record(`screenshots written to ${dir}`, problems);
}

// A cohort's progress charts: the key figures and first charts at 1280 px,
// one chart at 360 px and in dark mode, the printed page (A4 PDF turned into
// PNG by poppler's pdftoppm), and the cohorts compared.
async function chartScreenshots(tab, dir) {
  const page = tab.page;
  await page.emulateMedia({ colorScheme: "light", media: "screen" });
  await page.setViewportSize({ width: 1280, height: 900 });
  await tab.go("/cohorts/2026-winter-teaching/");
  const from = await page.locator("#progress-heading").boundingBox();
  const to = await page.locator("#retention").boundingBox();
  await page.screenshot({
    path: path.join(dir, "cohort-charts.png"),
    fullPage: true,
    clip: { x: 0, y: from.y - 16, width: 1280, height: to.y - from.y },
  });
  await page.setViewportSize({ width: 360, height: 780 });
  await page.locator("#sessions").screenshot({ path: path.join(dir, "cohort-charts-360.png") });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.locator("#sessions").screenshot({ path: path.join(dir, "cohort-charts-dark.png") });
  await page.emulateMedia({ colorScheme: "light", media: "print" });
  const pdf = path.join(dir, "cohort-charts-print.pdf");
  await page.pdf({ path: pdf, format: "A4", margin: { top: "15mm", bottom: "15mm", left: "15mm", right: "15mm" } });
  // Page 2 of the print holds the first charts beside their tables.
  const converted = spawnSync("pdftoppm", ["-png", "-r", "70", "-f", "2", "-l", "2", "-singlefile", pdf, path.join(dir, "cohort-charts-print")]);
  if (converted.status === 0) {
    fs.rmSync(pdf);
  }
  await page.emulateMedia({ colorScheme: "light", media: "screen" });
  await tab.go("/cohorts/");
  await page.locator("main").screenshot({ path: path.join(dir, "cohorts-compared.png") });
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.log(`error: ${error.message}`);
    results.failed += 1;
    process.exitCode = finish();
  },
);
