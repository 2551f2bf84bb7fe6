// Speed of the npm package in Node.js: `node crates/surveylint-wasm/bench.mjs`
// after crates/surveylint-wasm/build.sh. Prints the time of the first call
// (which compiles the rules) and the median of later calls on a large text.
import { createRequire } from "node:module";
import { performance } from "node:perf_hooks";

const require = createRequire(import.meta.url);
const loadStart = performance.now();
const surveylint = require("./pkg/surveylint.js");
const loaded = performance.now() - loadStart;

const paragraph = [
  "Bedankt voor uw bezoek aan Café Noord 🙂! Wij horen graag hoe het was.",
  "Hoe tevreden bent u over onze uitstekende service?",
  "Zou u ons aanraden en verdienen we een 9 of 10?",
  "Thanks for visiting! If you were happy, please rate us 5 stars.",
  "How easy was it to find what you needed?",
  "",
].join("\n");
const text = paragraph.repeat(Math.ceil(100_000 / paragraph.length));

const firstStart = performance.now();
const first = surveylint.lint("Verdienen we een 9 of 10?");
const firstCall = performance.now() - firstStart;

const runs = [];
let findings = 0;
for (let run = 0; run < 15; run += 1) {
  const start = performance.now();
  findings = surveylint.lint(text).length;
  runs.push(performance.now() - start);
}
runs.sort((a, b) => a - b);
const median = runs[Math.floor(runs.length / 2)];
const kb = Buffer.byteLength(text) / 1024;
console.log(`load (instantiate module): ${loaded.toFixed(1)} ms`);
console.log(`first lint (compiles the rules): ${firstCall.toFixed(1)} ms, ${first.length} finding(s)`);
console.log(`lint ${kb.toFixed(0)} KiB (${text.split("\n").length} lines): median ${median.toFixed(1)} ms of 15, ${findings} findings, ${(kb / 1024 / (median / 1000)).toFixed(2)} MiB/s`);
