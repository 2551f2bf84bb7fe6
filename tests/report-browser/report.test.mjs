// Opens `surveylint report` pages in headless Chromium from file:// URLs with
// the network blocked, as a reader opening an e-mail attachment would, and
// keeps screenshots (screen and print) and A4 PDFs in artifacts/report/.
//
//   node --test tests/report-browser/
//
// Needs the debug build (`cargo build -p surveylint-cli`, or SURVEYLINT=path),
// Debian's chromium at /usr/bin/chromium (or CHROMIUM=path) and `npm ci` here.
// .ci/report.sh does all three.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const ARTIFACTS = path.join(ROOT, "artifacts/report");
const SURVEYLINT = process.env.SURVEYLINT ?? path.join(ROOT, "target/debug/surveylint");
const WORK = mkdtempSync(path.join(tmpdir(), "surveylint-report-"));

/** Runs surveylint in the repository root; returns stdout (exit codes 0 and 1 are both fine). */
function surveylint(...args) {
  try {
    return execFileSync(SURVEYLINT, args, { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (error) {
    if (error.status === 1) return error.stdout;
    throw error;
  }
}

/** Writes a report of `inputs` and returns its path. */
function report(name, ...inputs) {
  const output = path.join(WORK, `${name}.html`);
  surveylint("report", ...inputs, "--output", output);
  return output;
}

/** Findings per severity as `surveylint check --format json` counts them. */
function expectedCounts(...inputs) {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const diagnostic of JSON.parse(surveylint("check", "--format", "json", ...inputs)).diagnostics) {
    counts[diagnostic.severity] += 1;
  }
  return counts;
}

let browser;
const pages = [];

before(() => {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium
    .launch({
      executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
    })
    .then((launched) => {
      browser = launched;
    });
});

after(async () => {
  await browser?.close();
  rmSync(WORK, { recursive: true, force: true });
});

/**
 * Opens a report offline. Every request is recorded; anything but the file
 * itself is aborted, so a page that tried to load a font or script would
 * both fail to render it and fail the test.
 */
async function open(file, { javaScript = true, viewport = { width: 1280, height: 900 } } = {}) {
  const context = await browser.newContext({ offline: true, javaScriptEnabled: javaScript, viewport });
  const page = await context.newPage();
  const url = pathToFileURL(file).href;
  const requests = [];
  const problems = [];
  await context.route("**/*", (route) => {
    const requested = route.request().url();
    requests.push(requested);
    return requested === url ? route.continue() : route.abort();
  });
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(String(error)));
  await page.goto(url);
  pages.push(context);
  return { page, requests, problems, url, context };
}

/** The contrast ratio of two CSS colours (rgb() strings), per WCAG 2. */
function contrast(foreground, background) {
  const luminance = (color) => {
    const [r, g, b] = color.match(/[\d.]+/g).slice(0, 3).map((value) => {
      const channel = Number(value) / 255;
      return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [light, dark] = [luminance(foreground), luminance(background)].sort((a, b) => b - a);
  return (light + 0.05) / (dark + 0.05);
}

async function screenshots(page, name) {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}-screen.png`), fullPage: true });
  await page.emulateMedia({ media: "print" });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}-print.png`), fullPage: true });
  await page.pdf({ path: path.join(ARTIFACTS, `${name}.pdf`), format: "A4", printBackground: true });
  await page.emulateMedia({ media: "screen" });
}

test("the Dutch report marks, explains and rewrites score begging, offline", async () => {
  const input = "tests/fixtures/report/fietsenwinkel-nl.json";
  const { page, requests, problems, url } = await open(report("fietsenwinkel-nl", input));
  assert.equal(await page.getAttribute("html", "lang"), "nl");
  // The highlighted phrase, in the question as respondents see it.
  const marks = await page.$$eval(".question mark.sev-error", (elements) => elements.map((e) => e.textContent));
  assert.deepEqual(marks, ["verdienen we een 9 of 10"]);
  // Its explanation and rewrite, next to it.
  const card = page.locator("article.finding[data-rule=score-begging]");
  await assert.doesNotReject(card.waitFor());
  assert.match(await card.locator(".why").textContent(), /vraagt om een topscore/);
  assert.equal(await card.locator("ins").textContent(), "Welk cijfer van 0 tot 10 geeft u ons, en waarom?");
  assert.match(await card.locator(".where code").textContent(), /fietsenwinkel-nl\.json:\d+:\d+/);
  // The chart: one bar per rule, with its count.
  const bars = await page.$$eval("svg.bars .row", (rows) => rows.map((row) => [row.dataset.rule, row.querySelector(".count").textContent]));
  assert.ok(bars.some(([rule, count]) => rule === "score-begging" && count === "1"), JSON.stringify(bars));
  // The summary counts agree with `surveylint check`.
  const expected = expectedCounts(input);
  for (const [severity, count] of Object.entries(expected)) {
    const shown = await page.textContent(`.totals .sev-${severity} .number`);
    assert.equal(Number(shown), count, `${severity}: the summary shows ${shown}, check finds ${count}`);
  }
  assert.match(await page.textContent(".verdict .opening"), /Verstuur deze vragenlijst nog niet/);
  assert.match(await page.textContent(".verdict"), /1 vraag vraagt om een topscore/);
  assert.match(await page.textContent(".blind-spot"), /Ex-klanten/);
  // The scale and matrix are drawn as respondents see them.
  assert.equal(await page.locator(".scale-points li").count(), 11);
  assert.equal(await page.locator("table.matrix tbody tr").count(), 3);
  // The filter script ran under the page's own Content-Security-Policy (its hash matched).
  await page.waitForSelector("body[data-filter=ready]");
  assert.deepEqual(problems, []);
  assert.deepEqual(requests, [url], "no request may leave the page");
  await screenshots(page, "fietsenwinkel-nl");
});

test("the English report is in English and its filter hides a severity", async () => {
  const input = "tests/fixtures/report/webshop-en.md";
  const { page, requests, url } = await open(report("webshop-en", input));
  assert.equal(await page.getAttribute("html", "lang"), "en");
  assert.match(await page.textContent("h1"), /Survey review/);
  const leading = page.locator("article.finding[data-rule=leading-question]");
  assert.match(await leading.locator(".why").textContent(), /steers towards a particular answer/);
  // Overlapping findings split the words into several marks: read them together.
  const marked = await page.$$eval(".question:has(mark) .stem", (stems) => stems.map((stem) => [...stem.querySelectorAll("mark")].map((m) => m.textContent).join("")));
  assert.ok(marked.some((words) => words.startsWith("Don't you agree")), JSON.stringify(marked));
  await page.waitForSelector("body[data-filter=ready]");
  const warnings = () => page.locator("article.finding.sev-warning:visible").count();
  assert.ok((await warnings()) > 0);
  await page.getByRole("checkbox", { name: /Warning/ }).uncheck();
  assert.equal(await warnings(), 0);
  await page.getByRole("checkbox", { name: /Warning/ }).check();
  await page.getByRole("checkbox", { name: /only questions with a finding/ }).check();
  assert.equal(await page.locator(".survey .block:not(.flagged):visible").count(), 0);
  await page.getByRole("checkbox", { name: /only questions with a finding/ }).uncheck();
  assert.deepEqual(requests, [url]);
  await screenshots(page, "webshop-en");
});

test("without JavaScript everything is readable and the filter stays hidden", async () => {
  const { page } = await open(report("no-script", "tests/fixtures/report/webshop-en.md"), { javaScript: false });
  assert.equal(await page.locator("#filter").isVisible(), false);
  assert.ok((await page.locator("article.finding:visible").count()) > 5);
});

test("keyboard: the skip link comes first and a finding number leads to its explanation", async () => {
  const { page } = await open(report("keyboard", "tests/fixtures/report/fietsenwinkel-nl.json"));
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.className), "skip");
  const reference = page.locator("a.ref.sev-error").first();
  await reference.focus();
  await page.keyboard.press("Enter");
  // The fragment navigation that Enter starts completes after `press` returns;
  // wait for it (and for the focus it moves) instead of racing it.
  await page.waitForFunction(() => /#f\d+$/.test(location.href) && document.activeElement.tagName === "ARTICLE", null, { timeout: 5000 });
  assert.match(page.url(), /#f\d+$/);
  const target = page.url().split("#")[1];
  assert.equal(await page.evaluate(() => document.activeElement.tagName), "ARTICLE");
  assert.equal(await page.evaluate(() => document.activeElement.id), target);
});

test("severities are told apart without colour and every text colour has enough contrast", async () => {
  const { page } = await open(report("contrast", "tests/fixtures/report/fietsenwinkel-nl.json"));
  // A word and a symbol in each badge.
  for (const badge of await page.$$eval(".finding .badge", (badges) => badges.map((b) => b.textContent.trim()))) {
    assert.match(badge, /^[✖▲●○] \S+/u);
  }
  const pairs = await page.$$eval(".badge, .ref, .total, .count, mark, .where, .limit, .note, .question-head, .why", (elements) =>
    elements.map((element) => {
      let background = "rgba(0, 0, 0, 0)";
      for (let node = element; node && /rgba\(0, 0, 0, 0\)|transparent/.test(background); node = node.parentElement) {
        background = getComputedStyle(node).backgroundColor;
      }
      if (/rgba\(0, 0, 0, 0\)/.test(background)) background = "rgb(255, 255, 255)";
      return [element.className || element.tagName, getComputedStyle(element).color, background];
    }),
  );
  assert.ok(pairs.length > 10);
  for (const [what, color, background] of pairs) {
    assert.ok(contrast(color, background) >= 4.5, `${what}: ${color} on ${background} is ${contrast(color, background).toFixed(2)}:1`);
  }
});

test("the examples print on A4 without running off the page", async () => {
  // 180 mm of printable width at 96 dpi: A4 less the page margins.
  const { page, requests, url } = await open(report("examples", "examples/"), { viewport: { width: 680, height: 1000 } });
  await page.emulateMedia({ media: "print" });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the printed page is ${overflow}px too wide`);
  const pdf = await page.pdf({ format: "A4", printBackground: true });
  const pageCount = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  assert.ok(pageCount >= 2, `expected several A4 pages, got ${pageCount}`);
  await page.emulateMedia({ media: "screen" });
  await page.setViewportSize({ width: 1280, height: 900 });
  assert.equal(await page.locator("section.file").count(), 5);
  assert.deepEqual(requests, [url]);
  await screenshots(page, "examples");
  // The two pictures in the README (docs/images/): the top of the summary,
  // and a question with its findings. Clipped from the whole page, so the
  // sticky filter bar stays where it belongs.
  const box = async (selector) => page.locator(selector).first().boundingBox();
  const header = await box(".page-header");
  const chart = await box("#summary .chart");
  await page.screenshot({
    path: path.join(ARTIFACTS, "readme-summary.png"),
    fullPage: true,
    clip: { x: header.x - 16, y: 0, width: header.width + 32, height: chart.y + chart.height + 16 },
  });
  const block = await box("#file-4 .block.flagged:has(.rewrite)");
  await page.screenshot({
    path: path.join(ARTIFACTS, "readme-question.png"),
    fullPage: true,
    clip: { x: block.x - 16, y: block.y - 8, width: block.width + 32, height: block.height + 16 },
  });
  assert.ok(readFileSync(path.join(ARTIFACTS, "examples-screen.png")).length > 10000);
});

test("the real questionnaires in SURVEYLINT_CORPUS give one page that opens offline", { skip: !process.env.SURVEYLINT_CORPUS && "SURVEYLINT_CORPUS is not set" }, async () => {
  const corpus = process.env.SURVEYLINT_CORPUS;
  const output = path.join(WORK, "corpus.html");
  let status = 0;
  try {
    execFileSync(SURVEYLINT, ["report", corpus, "--output", output], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  } catch (error) {
    status = error.status;
  }
  // 2 names the files surveylint cannot read yet; the page covers the others.
  assert.ok(status === 0 || status === 2, `surveylint report exited with ${status}`);
  const { page, requests, problems, url } = await open(output);
  const read = await page.locator("section.file").count();
  const unread = await page.locator("tr.unreadable").count();
  assert.ok(read >= 8, `only ${read} real questionnaires in the page`);
  assert.equal(status === 2, unread > 0);
  assert.ok((await page.locator("article.finding").count()) > 10);
  await page.waitForSelector("body[data-filter=ready]");
  assert.deepEqual(problems, []);
  assert.deepEqual(requests, [url]);
  await page.screenshot({ path: path.join(ARTIFACTS, "corpus-screen.png") });
});
