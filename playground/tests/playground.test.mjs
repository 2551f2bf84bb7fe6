// Drives the playground in headless Chromium: `node --test playground/tests/`.
// Needs the WebAssembly build in playground/wasm/ (crates/surveylint-wasm/build.sh),
// Debian's chromium at /usr/bin/chromium (or CHROMIUM=/path) and `npm ci` in playground/.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { startServer } from "../serve.mjs";

const ARTIFACTS = fileURLToPath(new URL("../../artifacts/playground/", import.meta.url));

let server;
let browser;
let page;
let origin;
const foreignRequests = [];

before(async () => {
  server = await startServer(0);
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on("request", (request) => {
    if (!request.url().startsWith(origin)) foreignRequests.push(request.url());
  });
  const errors = [];
  page.on("pageerror", (error) => errors.push(error));
  await page.goto(`${origin}/`);
  await page.waitForSelector("body[data-ready=true]", { timeout: 15000 });
  assert.deepEqual(errors, []);
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
});

/** The text under each mark of `rule`, merged where one finding spans several marks. */
async function markedPhrases(rule) {
  return page.$$eval(
    "#backdrop mark",
    (marks, rule) => {
      const phrases = [];
      let previous = null;
      for (const mark of marks) {
        if (!mark.dataset.rules.split(" ").includes(rule)) {
          previous = null;
          continue;
        }
        if (previous && previous.nextSibling === mark) phrases[phrases.length - 1] += mark.textContent;
        else phrases.push(mark.textContent);
        previous = mark;
      }
      return phrases;
    },
    rule,
  );
}

async function listedRules() {
  return page.$$eval("#findings > li", (items) => items.map((item) => item.dataset.rule));
}

test("the Dutch example invitation is checked on load", async () => {
  const text = await page.inputValue("#source");
  assert.match(text, /verdienen we een 9 of 10\?/);
  assert.deepEqual(await markedPhrases("score-begging"), ["verdienen we een 9 of 10", "alles onder een 9 telt"]);
});

test("a typed score-begging question is underlined exactly and explained", async () => {
  const source = page.getByRole("textbox", { name: "Survey text to check" });
  await source.fill("");
  await source.pressSequentially("Café 🙂 Zou u ons aanraden en verdienen we een 9 of 10?");
  await page.waitForFunction(() => document.querySelectorAll("#backdrop mark").length > 0);
  assert.deepEqual(await markedPhrases("score-begging"), ["verdienen we een 9 of 10"]);

  const item = page.locator('#findings > li[data-rule="score-begging"]');
  assert.equal(await item.count(), 1);
  assert.equal(await item.locator(".rule").textContent(), "score-begging");
  assert.equal(await item.locator(".code").textContent(), "SL001");
  assert.match(await item.locator(".message").textContent(), /^"verdienen we een 9 of 10" vraagt om een topscore/);
  assert.match(await item.locator(".rationale").textContent({ timeout: 1000 }), /Bain/);
  assert.equal(
    await item.locator(".replacement").textContent(),
    "Welk cijfer van 0 tot 10 geeft u ons, en waarom?",
  );
  await item.locator("summary").click();

  await mkdir(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: `${ARTIFACTS}playground.png`, fullPage: true });
});

test("the highlight layer has the text area's exact box and text metrics", async () => {
  const metrics = await page.evaluate(() => {
    const properties = [
      "font-family", "font-size", "font-weight", "line-height", "letter-spacing", "word-spacing", "tab-size",
      "white-space", "overflow-wrap", "word-break", "padding-top", "padding-right", "padding-bottom",
      "padding-left", "border-top-width", "border-right-width", "border-bottom-width", "border-left-width",
      "box-sizing", "width", "height",
    ];
    const read = (element) => {
      const style = getComputedStyle(element);
      return {
        ...Object.fromEntries(properties.map((property) => [property, style.getPropertyValue(property)])),
        clientWidth: element.clientWidth,
        clientHeight: element.clientHeight,
      };
    };
    return { textarea: read(document.getElementById("source")), backdrop: read(document.getElementById("backdrop")) };
  });
  assert.deepEqual(metrics.backdrop, metrics.textarea);

  // A long text scrolls; the backdrop must follow the text area.
  const source = page.locator("#source");
  await source.fill(`${"Hoe was uw bezoek?\n".repeat(60)}Verdienen we een 9 of 10?`);
  await source.evaluate((element) => {
    element.scrollTop = element.scrollHeight;
    element.dispatchEvent(new Event("scroll"));
  });
  const scroll = await page.evaluate(() => [
    document.getElementById("source").scrollTop,
    document.getElementById("backdrop").scrollTop,
  ]);
  assert.ok(scroll[0] > 0, "the text area scrolled");
  assert.equal(scroll[1], scroll[0]);
  const geometry = await page.evaluate(() => {
    const box = document.getElementById("source").getBoundingClientRect();
    const marks = document.querySelectorAll("#backdrop mark");
    const mark = marks[marks.length - 1].getBoundingClientRect();
    return { box: [box.top, box.bottom], mark: [mark.top, mark.bottom] };
  });
  assert.ok(
    geometry.mark[0] >= geometry.box[0] && geometry.mark[1] <= geometry.box[1],
    `the mark of the last line is visible inside the text area: ${JSON.stringify(geometry)}`,
  );
});

test("the language switch forces the language", async () => {
  const source = page.locator("#source");
  await source.fill("Verdienen we een 9 of 10?");
  assert.deepEqual(await listedRules(), ["score-begging"]);
  await page.getByRole("radio", { name: "English" }).check();
  await page.waitForFunction(() => document.querySelectorAll("#findings > li").length === 0);
  assert.deepEqual(await markedPhrases("score-begging"), []);
  assert.equal(await page.locator("#empty").isVisible(), true);
  // Keyboard: arrow keys move through the radio group.
  await page.getByRole("radio", { name: "English" }).focus();
  await page.keyboard.press("ArrowLeft");
  assert.equal(await page.getByRole("radio", { name: "Nederlands" }).isChecked(), true);
  await page.waitForFunction(() => document.querySelectorAll("#findings > li").length === 1);
  assert.deepEqual(await markedPhrases("score-begging"), ["Verdienen we een 9 of 10"]);
  await page.getByRole("radio", { name: "Auto" }).check();
});

test("the rewrite button applies the suggestion", async () => {
  const source = page.locator("#source");
  await source.fill("🚗 Bedankt! Geef ons dan een 10!");
  const item = page.locator('#findings > li[data-rule="score-begging"]');
  await item.getByRole("button", { name: /^Apply rewrite/ }).click();
  assert.equal(await source.inputValue(), "🚗 Bedankt! Welk cijfer van 0 tot 10 geeft u ons, en waarom?");
  assert.equal(await item.count(), 0);
  assert.equal(await page.locator("#status").textContent(), "Rewrite applied.");
});

test("the SurveyJS format loads its example and points into the JSON", async () => {
  await page.locator("#source").fill("");
  await page.getByLabel("Format").selectOption("surveyjs");
  const text = await page.inputValue("#source");
  assert.ok(JSON.parse(text).pages, "the SurveyJS example is loaded");
  // How far the first match reaches is the rule's business; where it starts is the playground's.
  const phrases = await markedPhrases("score-begging");
  assert.equal(phrases.length, 2, JSON.stringify(phrases));
  assert.match(phrases[0], /^Anything less than a 10/);
  assert.equal(phrases[1], "Please rate us 5 stars");
  await page.locator("#source").fill('{"pages": [');
  await page.waitForFunction(() => document.getElementById("status").classList.contains("error"));
  assert.match(await page.locator("#status").textContent(), /^cannot read the text as surveyjs: line 1/);
  assert.equal(await page.locator("#findings > li").count(), 0);
});

test("nothing was fetched from outside the local server", () => {
  assert.deepEqual(foreignRequests, []);
});
