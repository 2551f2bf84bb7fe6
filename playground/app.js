// The playground: lints the text area on every edit with the WebAssembly
// build of surveylint and draws the findings in a layer behind it.
//
// The text area itself is transparent; the layer behind it (the backdrop)
// holds the same text with <mark> elements around flagged words. Both use the
// same font, padding, wrapping and scroll position, so the marks sit exactly
// under the words. Offsets from surveylint are UTF-16 code units, the same
// units JavaScript strings use, so they slice the text directly.
import init, { lint, rules, version } from "./wasm/surveylint.js";

const EXAMPLES = {
  text: [
    "Beste klant,",
    "",
    "Bedankt voor uw bezoek aan Autobedrijf De Vries 🚗. Binnenkort ontvangt u een korte enquête over uw onderhoudsbeurt.",
    "",
    "Zou u ons aanraden en verdienen we een 9 of 10?",
    "",
    "Let op: alles onder een 9 telt bij ons als onvoldoende. Alvast bedankt!",
    "",
  ].join("\n"),
  markdown: [
    "# Klanttevredenheid 2026",
    "",
    "Fijn dat u even de tijd neemt. Het invullen duurt ongeveer 3 minuten.",
    "",
    "1. Hoe tevreden bent u over onze uitstekende service?",
    "   - Tevreden",
    "   - Zeer tevreden",
    "   - Uiterst tevreden",
    "",
    "2. Verdienen we een 9 of 10 voor dit gesprek?",
    "",
  ].join("\n"),
  surveyjs: JSON.stringify(
    {
      title: "Customer survey",
      pages: [
        {
          elements: [
            {
              type: "rating",
              name: "nps",
              title: "How likely are you to recommend us? Anything less than a 10 is a fail for our team!",
              rateMin: 0,
              rateMax: 10,
            },
            {
              type: "comment",
              name: "reason",
              title: "Please rate us 5 stars and tell us what you loved.",
            },
          ],
        },
      ],
    },
    null,
    2,
  ),
};

const SEVERITY_LABELS = { hint: "Hint", info: "Info", warning: "Warning", error: "Error" };

const elements = {
  source: document.getElementById("source"),
  backdrop: document.getElementById("backdrop"),
  editor: document.getElementById("editor"),
  format: document.getElementById("format"),
  controls: document.getElementById("controls"),
  findings: document.getElementById("findings"),
  empty: document.getElementById("empty"),
  count: document.getElementById("count"),
  status: document.getElementById("status"),
  version: document.getElementById("version"),
  template: document.getElementById("finding-template"),
};

/** The rule catalogue by slug, for each finding's rationale and advice. */
let catalogue = new Map();
/** The findings currently shown, so buttons can act on them. */
let current = [];

function options() {
  const language = new FormData(elements.controls).get("language") ?? "auto";
  return { format: elements.format.value, language };
}

/** Lints the text area and redraws the underlines and the list. */
function refresh() {
  const text = elements.source.value;
  try {
    current = lint(text, options());
    elements.status.textContent = "";
    elements.status.classList.remove("error");
  } catch (error) {
    current = [];
    elements.status.textContent = String(error.message ?? error).replace(/^surveylint: /, "");
    elements.status.classList.add("error");
  }
  drawMarks(text, current);
  drawList(text, current);
}

/**
 * Rebuilds the backdrop: the text cut at every finding boundary, each piece
 * inside a <mark> when a finding covers it. Overlapping findings give a
 * piece several rules.
 */
function drawMarks(text, findings) {
  const cuts = new Set([0, text.length]);
  for (const finding of findings) {
    cuts.add(finding.start);
    cuts.add(finding.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const fragment = document.createDocumentFragment();
  for (let index = 0; index + 1 < points.length; index += 1) {
    const [from, to] = [points[index], points[index + 1]];
    const piece = text.slice(from, to);
    const covering = findings.filter((finding) => finding.start <= from && to <= finding.end && finding.start < finding.end);
    if (covering.length === 0) {
      fragment.append(piece);
      continue;
    }
    const mark = document.createElement("mark");
    mark.textContent = piece;
    mark.dataset.rules = covering.map((finding) => finding.rule).join(" ");
    mark.className = `severity-${mostSerious(covering)}`;
    fragment.append(mark);
  }
  // A trailing newline needs a character after it, or the last line of the
  // backdrop collapses and the layers drift apart while scrolling.
  fragment.append("\u200b");
  elements.backdrop.replaceChildren(fragment);
  syncScroll();
}

function mostSerious(findings) {
  const order = ["hint", "info", "warning", "error"];
  return findings.map((finding) => finding.severity).sort((a, b) => order.indexOf(b) - order.indexOf(a))[0];
}

function drawList(text, findings) {
  elements.findings.replaceChildren();
  elements.count.textContent = findings.length ? `(${findings.length})` : "";
  elements.empty.hidden = findings.length > 0 || elements.status.textContent !== "";
  findings.forEach((finding, index) => {
    const item = elements.template.content.firstElementChild.cloneNode(true);
    const rule = catalogue.get(finding.rule);
    const texts = rule?.[finding.language];
    item.dataset.rule = finding.rule;
    item.classList.add(`severity-${finding.severity}`);
    item.lang = finding.language;
    item.querySelector(".severity").textContent = SEVERITY_LABELS[finding.severity];
    item.querySelector(".rule").textContent = finding.rule;
    item.querySelector(".code").textContent = finding.code;
    const locate = item.querySelector(".locate");
    locate.setAttribute(
      "aria-label",
      `${finding.rule}, line ${finding.line}, column ${finding.column}: select “${text.slice(finding.start, finding.end)}”`,
    );
    locate.addEventListener("click", () => select(finding.start, finding.end));
    item.querySelector(".message").textContent = finding.message;
    // The rule's texts are in the finding's language, and so is their label (the core's labels).
    if (texts?.labels) item.querySelector("details > summary").textContent = texts.labels.why;
    item.querySelector(".rationale").textContent = texts?.rationale ?? "";
    item.querySelector(".advice").textContent = texts?.advice ?? "";
    const [suggestion] = finding.suggestions;
    if (suggestion) {
      const rewrite = item.querySelector(".rewrite");
      rewrite.hidden = false;
      rewrite.querySelector(".replacement").textContent = suggestion.replacement;
      const apply = rewrite.querySelector(".apply");
      apply.setAttribute("aria-label", `Apply rewrite for finding ${index + 1}: ${suggestion.replacement}`);
      apply.addEventListener("click", () => applySuggestion(suggestion));
    }
    elements.findings.append(item);
  });
}

function select(start, end) {
  elements.source.focus();
  elements.source.setSelectionRange(start, end);
}

function applySuggestion(suggestion) {
  const text = elements.source.value;
  elements.source.value = text.slice(0, suggestion.start) + suggestion.replacement + text.slice(suggestion.end);
  refresh();
  select(suggestion.start, suggestion.start + suggestion.replacement.length);
  elements.status.textContent = "Rewrite applied.";
}

function syncScroll() {
  elements.backdrop.scrollTop = elements.source.scrollTop;
  elements.backdrop.scrollLeft = elements.source.scrollLeft;
}

/** Switching format swaps in that format's example unless the user has written their own text. */
function changeFormat() {
  const text = elements.source.value;
  const untouched = text.trim() === "" || Object.values(EXAMPLES).includes(text);
  if (untouched) {
    elements.source.value = EXAMPLES[elements.format.value];
  }
  refresh();
}

async function main() {
  elements.source.value = EXAMPLES.text;
  try {
    await init();
  } catch (error) {
    elements.version.textContent = `Could not load the linter: ${error.message ?? error}`;
    elements.version.classList.add("error");
    return;
  }
  catalogue = new Map(rules().map((rule) => [rule.slug, rule]));
  elements.version.textContent = `surveylint ${version()} · ${catalogue.size} rules`;
  elements.source.addEventListener("input", refresh);
  elements.source.addEventListener("scroll", syncScroll);
  elements.format.addEventListener("change", changeFormat);
  elements.controls.addEventListener("change", (event) => {
    if (event.target.name === "language") refresh();
  });
  elements.controls.addEventListener("submit", (event) => event.preventDefault());
  // The editor can be resized; the backdrop follows through CSS, the scroll position through this.
  new ResizeObserver(syncScroll).observe(elements.source);
  document.body.dataset.ready = "true";
  refresh();
}

main();
