// The browser's real scripts (build_tools/assets), run under Node in a vm context with a minimal fake
// window and document: never a copy of their code. Every test reaches the scripts' functions through
// `rules` below, the one place to change when where the scripts put them changes.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import vm from "node:vm";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** The cases of tests/vectors/<rule>.json: [{input, output}]. */
export function vectors(rule) {
  return JSON.parse(readFileSync(join(ROOT, "tests", "vectors", rule + ".json"), "utf8")).cases;
}

/** What Python sends the browser (tests/vectors/browser.json): the select-to-note marker, `rules`. */
export const browser = vectors("browser")[0].output;

/** Run `files` (paths below the repository) in one fresh context whose window is itself; `globals` added. */
export function runScripts(files, globals = {}) {
  const context = {
    URL,
    URLSearchParams,
    console,
    location: { search: "", hash: "", href: "http://localhost/" },
    addEventListener: () => {},
    document: {
      readyState: "complete",
      getElementById: () => null,
      querySelector: () => null,
      querySelectorAll: () => [],
      addEventListener: () => {},
    },
    ...globals,
  };
  context.window = context;
  context.self = context;
  vm.createContext(context);
  for (const file of files) {
    vm.runInContext(readFileSync(join(ROOT, file), "utf8"), context, { filename: file });
  }
  return context;
}

/** The search engine with a head of no text: only Python's `rules`, `files` and the case table `cases` (as the
 * index's head carries them: a vector's `case_folds`, Python's table for an index of its text). */
function searchEngine(cases) {
  const engine = runScripts(["build_tools/assets/search/search-worker.js"]).policyReader.search;
  const head = { rules: browser.rules, files: browser.files, cases, folds: "", grams: 16, pages: [], docs: [] };
  // The head's address as the shim and the worker find it: `files.head` from the engine's own address.
  engine.start(new URL(browser.files.head, SITE + browser.paths.worker).href, () => {}, () => 1);
  engine.load(0, 1, JSON.stringify(head));
  return engine;
}

/** Where the vectors' site lives: the engine's files are checked below it. */
export const SITE = "http://localhost/site/";

/** `functions` with each result copied into this realm (a vm context's arrays are not this realm's Arrays). */
function ours(functions) {
  const copied = {};
  for (const [name, f] of Object.entries(functions)) {
    copied[name] = (...args) => {
      const result = f(...args);
      return result === undefined ? result : JSON.parse(JSON.stringify(result));
    };
  }
  return copied;
}

/** The shared rules, as each script has them. */
export function rules() {
  // The reader's bundle opens by setting `policyReader.rules` (search/browser_rules.py's rules_script).
  const page = runScripts(
    [
      "build_tools/assets/reader/annotate.js",
      "build_tools/assets/reader/editions.js",
      "build_tools/assets/reader/search-highlight.js",
    ],
    { policyReader: { rules: browser.rules } },
  ).policyReader;
  const marker = browser.annotate_marker;
  return {
    annotate: ours({ ...page.annotate.rules(marker.folds, marker.firstContextWidth), yamlString: page.annotate.yamlString }),
    editions: ours(page.editions),
    highlight: ours(page.searchHighlight),
    engine: ours(searchEngine({}).rules),
    /** The engine's rules with the case table Python sends for a vector's text. */
    engineWith: (cases) => ours(searchEngine(cases).rules),
  };
}
