// The browser's half of tests/vectors/: each script's rule gives the outputs Python gave (see
// tests/vectors/test_shared_rules.py, which runs this file).
import assert from "node:assert/strict";
import test from "node:test";
import { browser, rules, SITE, vectors } from "./load.mjs";

const { annotate, editions, highlight, engine, engineWith } = rules();

test("annotate.js folds a quote as resolve.py does", () => {
  for (const { input, output } of vectors("quote_fold")) {
    assert.equal(annotate.fold(input.text), output.folded, JSON.stringify(input));
  }
});

test("annotate.js writes a YAML string as resolve.py does", () => {
  for (const { input, output } of vectors("yaml_string")) {
    assert.equal(annotate.yamlString(input.text), output.yaml, JSON.stringify(input));
  }
});

test("annotate.js finds a quote and the context that singles it out as resolve.py does", () => {
  for (const { input, output } of vectors("unique_context")) {
    const matches = annotate.occurrences(input.paragraphs, input.quote)
      .filter((m) => input.scope === null || m.paragraph === input.scope);
    assert.deepEqual(matches, output.matches, JSON.stringify(input));
    const context = annotate.uniqueContext(input.paragraphs, matches, matches[input.chosen]);
    assert.deepEqual(context, output.context, JSON.stringify(input));
  }
});

test("the search engine finds a word where latin_words.py does", () => {
  for (const { input, output } of vectors("latin_words")) {
    const engine = engineWith(output.case_folds);
    assert.deepEqual(engine.foundAt(input.word, input.text), output.found, JSON.stringify(input));
  }
});

test("the highlighter marks a word where latin_words.py finds it", () => {
  for (const { input, output } of vectors("latin_words")) {
    const starts = highlight.hits(input.text, [input.word]).map((range) => range[0]);
    assert.deepEqual(starts, output.found, JSON.stringify(input));
  }
});

test("the search engine looks a word up by the keys, term key and shards grams.py files it under", () => {
  for (const { input, output } of vectors("search_keys")) {
    const engine = engineWith(output.case_folds);
    const keys = engine.keysOf(input.word);
    const moduli = [16, 4096, 2 ** 32];
    assert.deepEqual(
      keys.map((k) => [k.key, k.shift, moduli.map((n) => engine.shardOf(k.key, n))]),
      output.keys,
      JSON.stringify(input),
    );
    assert.equal(engine.termKey(input.word), output.term_key, JSON.stringify(input));
  }
});

test("editions.js tells a text's status on a day as document_links.py does", () => {
  for (const { input, output } of vectors("status_as_of")) {
    assert.deepEqual(editions.statusAsOf(input.dates, input.day), output.status, JSON.stringify(input));
  }
});

test("the search engine folds text and reads a query's words as grams.py does", () => {
  for (const { input, output } of vectors("search_text")) {
    if (input.every_space) {
      // Every UTF-16 unit: between two characters, a space cuts a query in two, nothing else does.
      const spaces = [];
      for (let unit = 0; unit <= 0xffff; unit++) {
        if (engine.queryWords("甲" + String.fromCharCode(unit) + "乙").length === 2) spaces.push(unit);
      }
      assert.deepEqual(spaces, output.spaces);
      continue;
    }
    assert.equal(engineWith(output.case_folds).fold(input.text), output.folded, JSON.stringify(input));
    assert.deepEqual(engine.queryWords(input.text), output.words, JSON.stringify(input));
  }
});

test("the search engine folds case by Python's table alone, where the browser's own would differ", () => {
  // Node's Unicode is newer than Python 3.11's (14): it lowers letters of Unicode 16 that Python keeps.
  const newer = vectors("search_text").filter(({ input, output }) => !input.every_space && input.text.toLowerCase() !== output.folded);
  if ("\u1c89".toLowerCase() !== "\u1c89") assert.ok(newer.length > 0, "no vector where toLowerCase differs from Python");
  for (const { input, output } of newer) {
    assert.equal(engineWith(output.case_folds).fold(input.text), output.folded, JSON.stringify(input));
  }
});

test("the search engine and its shim find the index's files where files.py writes them", () => {
  const { files, paths } = browser;
  // The shim asks for the engine beside the reader's bundle, with the head's address relative to it.
  const engineURL = new URL(files.engine, SITE + paths.worker);
  assert.equal(engineURL.href, SITE + paths.worker);
  assert.equal(new URL(files.head, engineURL).href, SITE + paths.part[0]);
  for (const kind of ["part", "shard"]) {
    for (const [n, path] of Object.entries(paths[kind])) {
      assert.equal(engine.indexURL(kind, Number(n)), SITE + path, `${kind} ${n}`);
    }
  }
});
