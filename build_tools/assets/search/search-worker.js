/* policy-reader search engine: exact substring search for Chinese, speaking Material's worker protocol.
 *
 * Material puts a result's title and text into the page as HTML: both are escaped here.
 *
 * Material's search box sends SETUP and QUERY (the typed text) and expects READY and RESULT. The
 * engine finds its index by ?index= in its address (search/part-0.js, the head). In a worker on a
 * server it loads the head (a small site's head, which says `eager`, holds its whole text, searched
 * as from disk), then per query the shards of the bigram index its characters fall
 * in (search/grams/N.js, see build_tools/search/grams.py) and the parts holding the sections of
 * the first results (answering first with the text already in hand, titles for the rest), so what a
 * query costs does not grow with the archive. From disk, where only
 * the page can load a script, it reads every part (search/part-N.js) and answers as soon as the
 * first text part is in (again as further parts come in). A query lists every section that contains
 * each of its space-separated words verbatim (substrings included; Latin words case-insensitively, at word edges), title and heading hits
 * first, then by number of occurrences. When nothing holds a word whole, the word is cut into the
 * longest pieces that do occur in the essays, and sections holding all pieces are listed as partial
 * matches. A query that is a glossary term shows its definition first. Traditional and simplified
 * characters are read alike: query and text both with each traditional character as its simplified
 * form (OpenCC's table, restricted to this corpus, comes with the index), one character for one.
 * Each text listed says what it is and whether it is in force (文章; 文件 · 现行有效; 法律法规 · 已被修正(…)
 * on an earlier edition), as its page marker says (build_tools/search/labels.py): a label after its title.
 * A reader may narrow search to a kind, a status and a range of years (SCOPE, sent by the search box's
 * row of choices, search-scope.js): the words are matched as ever, then only the texts in scope are
 * listed; each answer says how many pages were found in all, and the engine answers the query shown
 * again whenever the scope changes.
 */
(function engine(root) {
  "use strict";
  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
  // Not Material's: a part of the index handed on by a page on disk; the scope the reader chose, and
  // what may be chosen (the kinds, statuses and years of the texts in the index), the engine's answer to it.
  var PART = 100, SCOPE = 101, SCOPES = 102;
  var scope = { kind: "", status: -1, from: 0, to: 0 };
  // Python's (build_tools/search/browser_rules.py), from the index's head: Latin words, word characters;
  // the names of the index's files (build_tools/search/files.py: a part's and a shard's, `{}` its number).
  var LATIN_WORD = null, WORD_CHARACTER = "", FILES = null;
  var state = null;
  var fold = folding({}, "");

  function escapeHTML(text) {
    return text.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }
  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  /* The index arrives in parts, newest pages first: scripts calling policyReader.search.load(n, count,
   * json). A query is answered from the parts in so far, and answered again as each further part
   * comes in: on a slow connection results show early. */
  var parts = [], expected = 0, inUse = 0, waiting = [], refresh = null, firstURL = "";

  function load(n, count, json) {
    expected = count;
    if (loader && n > 0) {
      // On a server a part is loaded for the results it holds: its sections, by number.
      var data = typeof json === "string" ? JSON.parse(json) : json;
      data.docs.forEach(function (doc, i) { sectionDocs[state.starts[n - 1] + i] = entryOf(doc, state.starts[n - 1] + i); });
      return;
    }
    parts[n] = typeof json === "string" ? JSON.parse(json) : json;
    var grew = false;
    while (parts[inUse] && parts[inUse] !== true) {
      add(parts[inUse], inUse === 0);
      parts[inUse] = true;  // taken in: its data need not be kept twice
      inUse += 1;
      grew = true;
    }
    if (!grew) return;
    // A small site (the head says `eager`): its whole text is in, searched as from disk.
    if (loader && n === 0 && state.eager) loader = null;
    // A query answered just now, for the first time, is not answered twice.
    var again = refresh !== null;
    waiting.splice(0).forEach(function (resume) { resume(); });
    if (again) refreshSoon();
  }

  /* Answer the query shown again with the parts in now: at once when the last is in, else at most
   * every REFRESH_MS (from disk hundreds of small parts come in within seconds, and each answer
   * scans every part in so far). */
  var REFRESH_MS = 250, refreshTimer = null;
  function refreshSoon() {
    if (complete() || refreshTimer === null) {
      clearTimeout(refreshTimer);
      refreshTimer = complete() ? null : setTimeout(function () {
        refreshTimer = null;
        if (refresh) refresh();
      }, REFRESH_MS);
      if (complete() && refresh) refresh();
    }
  }

  function complete() {
    // On a server every query is looked up in the bigram index: nothing more to wait for.
    return loader !== null || (expected > 0 && inUse >= expected);
  }

  function whenReady(resume) {
    if (state) resume();
    else waiting.push(resume);
  }

  /* A script of the index read as text and run while the worker goes on answering (importScripts
   * would hold every message until it is in: on a slow link, queries waited for files they did not need). */
  function runScript(url, done) {
    fetch(url).then(function (response) {
      return response.ok ? response.text() : Promise.reject(new Error(url + ": " + response.status));
    }).then(function (script) {
      new Function("policyReader", script)(shared);
      done();
    }, function () {
      // Where fetch is refused, the script as it is.
      root.importScripts(url);
      done();
    });
  }

  /* Load the parts of the index, the first at `first`, with `loadScript(url, done)`: the head, then
   * the others, a few at a time (each part is small, and one after the other from disk the waits
   * between them added up); each runs as a task of its own, so between two the page (or worker) is
   * free to handle a key press or a query, and `load` takes them in order whatever order they come
   * in. `count()` says how many there are, once the first is in; `files`, the names of the index's
   * files (the head script's policyReader.searchFiles), where more than the head is loaded. */
  var AT_ONCE = 8;
  function start(first, loadScript, count, files) {
    firstURL = first;
    if (files) FILES = files;
    count = count || function () { return expected; };
    var next = 1, running = 0;
    var more = function () {
      while (running < AT_ONCE && next < count()) {
        running += 1;
        loadScript(indexURL("part", next++), function () {
          running -= 1;
          setTimeout(more, 0);
        });
      }
    };
    loadScript(first, function () { setTimeout(more, 0); });
  }

  /* The text as search reads it: each letter in Python's lower case (`cases`: never the browser's own
   * toLowerCase, whose Unicode may be older or newer than Python's; see build_tools/search/case_folds.py),
   * then each traditional character as its simplified form (`pairs`). */
  function folding(cases, pairs) {
    var map = {};
    for (var i = 0; i + 1 < (pairs || "").length; i += 2) map[pairs[i]] = pairs[i + 1];
    var pattern = new RegExp("[" + Object.keys(map).join("") + "]", "g");
    var letters = Object.keys(cases).map(function (c) { return c.replace(/[\\\]^-]/g, "\\$&"); });
    var cased = new RegExp("[" + letters.join("") + "]", "gu");
    return function (text) {
      return text.replace(cased, function (c) { return cases[c]; }).replace(pattern, function (c) { return map[c]; });
    };
  }

  function add(part, first) {
    if (first) {
      fold = folding(part.cases, part.folds);
      FILES = part.files;
      LATIN_WORD = new RegExp("^(?:" + part.rules.latinWord + ")$");
      WORD_CHARACTER = part.rules.wordCharacter;
      state = {
        docs: [],
        pages: {},
        essays: 0,
        allEssays: part.essays || 0,
        glossary: {},
        highlightParam: part.rules.highlightParam,
        joined: null,
        grams: part.grams,
        eager: Boolean(part.eager),
        starts: part.starts || [],
        labels: part.labels || [],
        kinds: part.kinds || [],
        statuses: part.statuses || [],
        labelOf: {},
        pageList: (part.pages || []).map(function (p) { return { location: p[0], title: p[1], first: p[2], essay: p[3], label: p[4] }; })
      };
      // Reading every part, a page is known by its first section: its label comes from the head's list.
      state.pageList.forEach(function (p) { state.labelOf[p.location] = p.label; });
    }
    // Terms are looked up as words are matched: Latin ones (5G, IPv6, MPC) in any case, either script.
    (part.glossary || []).forEach(function (entry) {
      entry.forms.forEach(function (form) { state.glossary[fold(form)] = entry; });
    });
    part.docs.forEach(function (doc) {
      var entry = entryOf(doc, state.docs.length);
      state.docs.push(entry);
      if (entry.location === entry.page) {
        state.pages[entry.page] = {
          location: entry.location, title: entry.title, first: entry.order, essay: entry.essay ? 1 : 0, label: state.labelOf[entry.page]
        };
        if (entry.essay) state.essays += 1;
      }
    });
    state.joined = null;
  }

  /* A section of the index as search reads it: its text as printed and as folded, its page. */
  function entryOf(doc, order) {
    var hash = doc.location.indexOf("#");
    return {
      location: doc.location,
      page: hash < 0 ? doc.location : doc.location.slice(0, hash),
      title: doc.title,
      text: doc.text,
      lowerTitle: fold(doc.title),
      lowerText: fold(doc.text),
      essay: !!doc.essay,
      order: order
    };
  }

  /* Only a word found nowhere needs the whole text in one string: joined at the first such word. */
  function corpus() {
    if (state.joined === null) state.joined = state.docs.map(function (doc) { return doc.lowerText; }).join("\u0000");
    return state.joined;
  }

  /* A matcher per word: Latin words at word edges, anything else as a plain substring. */
  function matcher(word) {
    var lower = fold(word);
    if (LATIN_WORD.test(word)) {
      var edge = "(?!" + WORD_CHARACTER + ")";
      var pattern = new RegExp("(^|" + edge + "[\\s\\S])(" + escapeRegExp(lower) + ")" + edge, "g");
      return {
        word: word,
        find: function (text, from) {
          pattern.lastIndex = from || 0;
          var m = pattern.exec(text);
          return m ? m.index + m[1].length : -1;
        },
        length: lower.length
      };
    }
    return {
      word: word,
      find: function (text, from) { return text.indexOf(lower, from || 0); },
      length: lower.length
    };
  }

  /* Where `m`'s word is in `text`, left to right, none overlapping (common/latin_words.py's found_at). */
  function foundAt(m, text) {
    var found = [], at = m.find(text, 0);
    while (at >= 0) {
      found.push(at);
      at = m.find(text, at + Math.max(1, m.length));
    }
    return found;
  }

  function count(m, text) {
    return foundAt(m, text).length;
  }

  /* Cut a word that occurs nowhere into the longest pieces (of two characters or more) that do. */
  function pieces(word, occurs) {
    var lower = fold(word), out = [], start = 0;
    while (start < lower.length) {
      var end = lower.length;
      while (end - start > 1 && !occurs(lower.slice(start, end))) end -= 1;
      if (end - start > 1) out.push(word.slice(start, end));
      start = end > start + 1 ? end : start + 1;
    }
    return out;
  }

  function snippet(doc, matchers) {
    var text = doc.text, lower = doc.lowerText, first = -1;
    matchers.forEach(function (m) {
      var at = m.find(lower, 0);
      if (at >= 0 && (first < 0 || at < first)) first = at;
    });
    var start = Math.max(0, first - 30), end = Math.min(text.length, Math.max(first, 0) + 90);
    var cut = text.slice(start, end), lowerCut = lower.slice(start, end);
    var spans = [];
    matchers.forEach(function (m) {
      var at = m.find(lowerCut, 0);
      while (at >= 0) {
        spans.push([at, at + m.length]);
        at = m.find(lowerCut, at + Math.max(1, m.length));
      }
    });
    spans.sort(function (a, b) { return a[0] - b[0]; });
    var html = "", last = 0;
    spans.forEach(function (s) {
      if (s[0] < last) return;
      html += escapeHTML(cut.slice(last, s[0])) + "<mark>" + escapeHTML(cut.slice(s[0], s[1])) + "</mark>";
      last = s[1];
    });
    html += escapeHTML(cut.slice(last));
    return (start > 0 ? "…" : "") + html.replace(/\n/g, " ") + (end < text.length ? "…" : "");
  }

  /* The words to highlight on the page a result opens, which matches them in any case but in the script
   * given: as `doc` prints them (a traditional query opens a simplified page highlighted), in lower case;
   * without its text (a page listed alone), as search reads them, which is how a simplified page prints them. */
  function printed(doc, matchers) {
    return matchers.map(function (m) {
      var at = doc ? m.find(doc.lowerText, 0) : -1;
      if (at >= 0) return doc.text.slice(at, at + m.length).toLowerCase();
      at = doc ? m.find(doc.lowerTitle, 0) : -1;
      return at >= 0 ? doc.title.slice(at, at + m.length).toLowerCase() : fold(m.word);
    });
  }

  /* What a text's page is, after its title: kind and status, an earlier edition's marked apart. */
  function labelHTML(page) {
    var label = page.label === undefined ? null : state.labels[page.label];
    if (!label) return "";
    return ' <span class="pr-result-label' + (label[2] ? " pr-result-label--earlier" : "") + '">' +
      escapeHTML(label[0] + (label[1] ? " · " + label[1] : "")) + "</span>";
  }

  /* Whether a page is in the scope chosen: with any choice made, only texts whose label fits it. */
  function inScope(page) {
    if (!scope.kind && scope.status < 0 && !scope.from && !scope.to) return true;
    var label = page.label === undefined ? null : state.labels[page.label];
    if (!label) return false;
    if (scope.kind && label[0] !== scope.kind) return false;
    if (scope.status >= 0 && label[3] !== scope.status) return false;
    if ((scope.from || scope.to) && !label[4]) return false;
    return !(scope.from && label[4] < scope.from) && !(scope.to && label[4] > scope.to);
  }

  function scoped(groups) {
    var kept = groups.filter(function (group) { return inScope(group.page); });
    kept.all = groups.length;
    return kept;
  }

  /* What may be chosen: the kinds and statuses some text has, in the head's order, and the years. */
  function scopes() {
    var kinds = {}, statuses = {}, years = {};
    state.labels.forEach(function (label) {
      kinds[label[0]] = true;
      if (label[3] >= 0) statuses[label[3]] = true;
      if (label[4]) years[label[4]] = true;
    });
    return {
      kinds: state.kinds.filter(function (kind) { return kinds[kind]; }),
      statuses: state.statuses.map(function (name, n) { return { name: name, value: n }; })
        .filter(function (s) { return statuses[s.value]; }),
      years: Object.keys(years).map(Number).sort(function (a, b) { return a - b; }),
      scope: scope
    };
  }

  function earlier(page) {
    var label = page.label === undefined ? null : state.labels[page.label];
    return label && label[2] ? 1 : 0;
  }

  /* A result's address with the words to highlight on the page it opens (search-highlight.js reads them
   * from `param`), before its #fragment. */
  function withHighlight(location, words, param) {
    var hash = location.indexOf("#");
    var path = hash < 0 ? location : location.slice(0, hash);
    var fragment = hash < 0 ? "" : location.slice(hash);
    var join = path.indexOf("?") < 0 ? "?" : "&";
    return path + join + param + "=" + encodeURIComponent(words.join(" ")) + fragment;
  }

  function rank(matchers) {
    var hits = [];
    state.docs.forEach(function (doc) {
      var inTitle = 0, inText = 0;
      for (var i = 0; i < matchers.length; i++) {
        var t = count(matchers[i], doc.lowerTitle), b = count(matchers[i], doc.lowerText);
        if (t + b === 0) return;
        inTitle += t;
        inText += b;
      }
      hits.push({ number: doc.order, score: score(inTitle, inText) });
    });
    return hits;
  }

  function score(inTitle, inText) {
    return (inTitle > 0 ? 1000 : 0) + inTitle * 10 + inText;
  }

  /* The words cut into pieces, when nothing holds them all whole: each word found nowhere is cut into
   * the pieces that do occur (`occurs`), and sections holding them all are listed as a partial match.
   * Null when cutting changes nothing. */
  function cut(words, occurs) {
    var split = [];
    words.forEach(function (w) {
      var found = pieces(w, occurs);
      split = split.concat(found.length ? found : [w]);
    });
    return split.join(" ") === words.join(" ") ? null : split;
  }

  /* Hits grouped by page: texts first (readers search the texts), the texts in force before earlier
   * editions, then other pages; each by its best section. `pageOf(number)` names a section's page: its
   * first section's number, whether it is a text, its label. */
  function grouped(hits, pageOf) {
    var groups = {}, order = [];
    hits.sort(function (a, b) { return a.number - b.number; });
    hits.forEach(function (hit) {
      var page = pageOf(hit.number);
      if (!groups[page.first]) {
        groups[page.first] = { page: page, found: [], best: hit.score, floor: hit.score };
        order.push(groups[page.first]);
      }
      var group = groups[page.first];
      group.found.push(hit);
      group.best = Math.max(group.best, hit.score);
      group.floor = Math.min(group.floor, hit.score);
    });
    order.sort(function (a, b) {
      return b.page.essay - a.page.essay || earlier(a.page) - earlier(b.page) || b.best - a.best ||
        a.found[0].number - b.found[0].number;
    });
    order.forEach(function (group) {
      group.found.sort(function (a, b) { return b.score - a.score || a.number - b.number; });
    });
    return order;
  }

  /* What Material gets: per page, the page and its matching sections (`docOf(number)` their text);
   * past `shown` pages, and a page whose text is not in yet (`docOf` gives nothing), the page alone. */
  function present(query, match, groups, docOf, shown, term) {
    var matchers = match.matchers;
    var terms = {};
    matchers.forEach(function (m) { terms[m.word] = true; });
    var label = match.partial ? '<span class="pr-partial">部分匹配</span> ' : "";
    var items = groups.map(function (group, n) {
      var page = group.page;
      if (n >= shown || !group.found.every(function (hit) { return docOf(hit.number); })) {
        return [{
          location: withHighlight(page.location, printed(null, matchers), state.highlightParam),
          title: escapeHTML(page.title) + labelHTML(page),
          text: "",
          score: group.floor,
          terms: terms
        }];
      }
      var docs = group.found.map(function (hit) {
        var doc = docOf(hit.number);
        return {
          location: withHighlight(doc.location, printed(doc, matchers), state.highlightParam),
          title: escapeHTML(doc.title),
          text: label + snippet(doc, matchers),
          score: hit.score,
          terms: terms
        };
      });
      var hasParent = group.found.some(function (hit) { return hit.number === page.first; });
      if (!hasParent) {
        // Material shows each page once, as the parent of its matching sections.
        var first = docOf(group.found[0].number);
        docs.unshift({ location: withHighlight(page.location, printed(first, matchers), state.highlightParam), title: escapeHTML(page.title), text: "", score: group.floor, terms: terms });
      } else {
        docs.sort(function (a, b) { return (a.location.indexOf("#") >= 0) - (b.location.indexOf("#") >= 0); });
        docs[0].score = group.floor;
      }
      docs[0].title += labelHTML(page);
      return docs;
    });
    if (term) {
      // Material shows a page's own text only when no section is listed: the definition rides
      // as the one section, linking to the term's entry, under a heading naming the term.
      var glossaryPage = term.url.split("#")[0];
      items.unshift([
        { location: glossaryPage, title: escapeHTML("术语 · " + term.term + (term.english ? " (" + term.english + ")" : "")), text: "", score: 1e9, terms: {} },
        { location: term.url, title: "释义", text: '<span class="pr-definition">' + escapeHTML(term.definition) + "</span>", score: 1e9, terms: {} }
      ]);
    }
    if (!complete()) {
      // The rest of the index is still on its way: say so, in the first row, which Material always
      // shows (it draws ten rows, and more only as the reader scrolls; see search-results.js).
      items.unshift([{
        location: "#",
        // In the title: Material shows no text for a result that is a page alone.
        title: '<span class="pr-search-loading">' +
          escapeHTML("正在载入其余文章…(已搜索 " + state.essays + " 篇,共 " + state.allEssays + " 篇)") + "</span>",
        text: "",
        score: 0,
        terms: {}
      }]);
    }
    // Not Material's: how many pages the words were found in, in scope or not (search-scope.js says it).
    return { items: items, total: items.length, found: { listed: groups.length, all: groups.all } };
  }

  function queryWords(query) {
    return query.trim().split(/\s+/).filter(Boolean);
  }

  /* From every part in: the text itself is searched. */
  function search(query) {
    var words = queryWords(query);
    if (!words.length) return { items: [], total: 0 };
    var match = { matchers: words.map(matcher), partial: false };
    match.hits = rank(match.matchers);
    var split = match.hits.length ? null : cut(words, function (piece) { return corpus().indexOf(piece) >= 0; });
    if (split) match = { matchers: split.map(matcher), hits: rank(split.map(matcher)), partial: true };
    var groups = scoped(grouped(match.hits, function (number) { return state.pages[state.docs[number].page]; }));
    var docOf = function (number) { return state.docs[number]; };
    return present(query, match, groups, docOf, Infinity, state.glossary[fold(query.trim())]);
  }

  /* ── On a server: the bigram index, a shard at a time (build_tools/search/grams.py) ───────────── */

  var EDGE = "\u0001";
  // Material draws ten results, and more only as the reader scrolls: their text is what a query loads.
  var SHOWN = 10;
  var loader = null, shards = [], sectionDocs = [], loading = {};

  /* The shard (of `shardCount`) holding `key`: FNV-1a over its UTF-16 units (grams.py's shard_of). */
  function shardOf(key, shardCount) {
    var h = 2166136261;
    for (var i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619) >>> 0;
    return h % shardCount;
  }

  function grams(n, json) {
    shards[n] = { data: typeof json === "string" ? JSON.parse(json) : json, decoded: new Map() };
  }

  /* Load each of `urls` not yet in (their scripts call grams or load), then `done`. */
  function need(urls, done) {
    var left = 1;
    var one = function () { if (--left === 0) done(); };
    urls.forEach(function (url) {
      if (loading[url] === true) return;
      left += 1;
      if (loading[url]) { loading[url].push(one); return; }
      loading[url] = [one];
      loader(url, function () {
        var waiting = loading[url];
        loading[url] = true;
        waiting.forEach(function (resume) { resume(); });
      });
    });
    one();
  }

  /* The address of part or shard (`kind`) number `n` of the index: its name beside the head's. */
  function indexURL(kind, n) {
    return new URL(FILES[kind].replace("{}", n), firstURL).href;
  }

  /* Section number → occurrences: in title and text (a single character), or positions (titles below 0). */
  function postings(key) {
    var shard = shards[shardOf(key, state.grams)];
    if (shard.decoded.has(key)) return shard.decoded.get(key);
    var flat = Object.prototype.hasOwnProperty.call(shard.data.g, key) ? shard.data.g[key] : [];
    var out = new Map(), number = 0, i = 0;
    while (i < flat.length) {
      number += flat[i];
      if (key.length === 1) {
        out.set(number, [flat[i + 1], flat[i + 2]]);
        i += 3;
      } else {
        var n = flat[i + 1], at = flat[i + 2], list = [at];
        for (var k = 1; k < n; k++) list.push(at += flat[i + 2 + k]);
        out.set(number, list);
        i += 2 + n;
      }
    }
    shard.decoded.set(key, out);
    return out;
  }

  /* The keys a word is found by, each at its offset from where the word starts (grams.py's query_keys). */
  function keysOf(lower, latin) {
    if (lower.length === 1 && !latin) return [{ key: lower, shift: 0 }];
    var keys = [];
    for (var k = 0; k + 1 < lower.length; k++) keys.push({ key: lower.slice(k, k + 2), shift: k });
    if (latin) {
      keys.push({ key: EDGE + lower[0], shift: 0 });
      keys.push({ key: lower[lower.length - 1] + EDGE, shift: lower.length - 1 });
    }
    return keys;
  }

  function matcherKeys(m) {
    return keysOf(fold(m.word), LATIN_WORD.test(m.word));
  }

  /* Section number → [occurrences in the title, in the text] of `keys`, counted as `count` does. */
  function located(keys, length) {
    var out = new Map();
    if (keys.length === 1 && keys[0].key.length === 1) return postings(keys[0].key);
    var lists = keys.map(function (k) { return { map: postings(k.key), shift: k.shift }; });
    var rarest = lists.reduce(function (a, b) { return b.map.size < a.map.size ? b : a; });
    rarest.map.forEach(function (_, number) {
      var at = [];
      for (var i = 0; i < lists.length; i++) {
        var list = lists[i].map.get(number);
        if (!list) return;
        at.push(i === 0 ? list : new Set(list));
      }
      var inTitle = 0, inText = 0, next = -Infinity;
      at[0].forEach(function (p) {
        if (p < next) return;
        for (var j = 1; j < lists.length; j++) if (!at[j].has(p + lists[j].shift)) return;
        if (p < 0) inTitle += 1; else inText += 1;
        next = p + Math.max(1, length);
      });
      if (inTitle + inText) out.set(number, [inTitle, inText]);
    });
    return out;
  }

  function rankGrams(matchers) {
    var found = matchers.map(function (m) { return located(matcherKeys(m), m.length); });
    var hits = [];
    found[0].forEach(function (_, number) {
      var inTitle = 0, inText = 0;
      for (var i = 0; i < found.length; i++) {
        var c = found[i].get(number);
        if (!c) return;
        inTitle += c[0];
        inText += c[1];
      }
      hits.push({ number: number, score: score(inTitle, inText) });
    });
    return hits;
  }

  function occursInText(piece) {
    var any = false;
    located(keysOf(piece, false), piece.length).forEach(function (c) { if (c[1]) any = true; });
    return any;
  }

  /* Binary search of the head's pages: the page a section belongs to. */
  function pageOf(number) {
    var pages = state.pageList, lo = 0, hi = pages.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (pages[mid].first <= number) lo = mid; else hi = mid - 1;
    }
    return pages[lo];
  }

  function partOf(number) {
    var starts = state.starts, lo = 0, hi = starts.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= number) lo = mid; else hi = mid - 1;
    }
    return lo + 1;
  }

  /* The shard holding the glossary entry a query may be: its first word's first key's, which the query
   * loads anyway (grams.py files each term there). */
  function termShard(words) {
    return shardOf(termKey(words[0]), state.grams);
  }

  /* The key a glossary term is filed by: its first word's first (grams.py's term_key). */
  function termKey(word) {
    return matcherKeys(matcher(word))[0].key;
  }

  /* Every key a query can be looked up by: its words' (and their pieces'). */
  function shardURLs(words) {
    var urls = {};
    words.forEach(function (w) {
      matcherKeys(matcher(w)).forEach(function (k) { urls[indexURL("shard", shardOf(k.key, state.grams))] = true; });
    });
    return Object.keys(urls);
  }

  /* On a server: load the shards the query needs, rank from postings, answer with the text in hand
   * (a page whose text is not, by its title alone), then load the parts holding the sections of the
   * first pages listed and answer in full. The first answer comes a round trip earlier: on a slow
   * link some 200 ms, and a further query often finds most of its text loaded by earlier ones. */
  function searchGrams(query, done) {
    var words = queryWords(query);
    if (!words.length) { done({ items: [], total: 0 }); return; }
    var finish = function (match) {
      var key = fold(query.trim());
      var term = shards[termShard(words)].data.t[key];
      var groups = scoped(grouped(match.hits, pageOf));
      var parts = {};
      groups.slice(0, SHOWN).forEach(function (group) {
        parts[indexURL("part", partOf(group.page.first))] = true;
        group.found.forEach(function (hit) { parts[indexURL("part", partOf(hit.number))] = true; });
      });
      var missing = Object.keys(parts).filter(function (url) { return loading[url] !== true; });
      var answer = function (pending) {
        var result = present(query, match, groups, function (number) { return sectionDocs[number]; }, SHOWN, term);
        // Not Material's: says a fuller answer to the same query follows.
        if (pending) result.pending = true;
        done(result);
      };
      if (missing.length) answer(true);
      need(missing, function () { answer(false); });
    };
    need(shardURLs(words), function () {
      var matchers = words.map(matcher);
      var hits = rankGrams(matchers);
      var split = hits.length ? null : cut(words, occursInText);
      if (!split) { finish({ matchers: matchers, hits: hits, partial: false }); return; }
      // A Latin piece is matched at word edges: its edge keys may lie in shards not yet in.
      need(shardURLs(split), function () {
        finish({ matchers: split.map(matcher), hits: rankGrams(split.map(matcher)), partial: true });
      });
    });
  }

  /* Material's messages: SETUP (its own index, which holds no documents: ours loads apart) and QUERY. */
  var asked = 0, shownQuery = null;
  function handle(message, reply) {
    if (message.type === SCOPE) {
      var chosen = message.data || {};
      scope = {
        kind: String(chosen.kind || ""),
        status: typeof chosen.status === "number" ? chosen.status : -1,
        from: Number(chosen.from) || 0,
        to: Number(chosen.to) || 0
      };
      whenReady(function () {
        reply({ type: SCOPES, data: scopes() });
        if (shownQuery !== null) handle({ type: QUERY, data: shownQuery }, reply);
      });
    } else if (message.type === SETUP) {
      whenReady(function () { reply({ type: READY }); });
    } else if (message.type === QUERY) {
      var ticket = ++asked;
      shownQuery = message.data;
      var answer = function () {
        var send = function (data) {
          // A query answered after a later one was typed would replace that one's results.
          if (ticket === asked) reply({ type: RESULT, data: data });
        };
        if (loader) searchGrams(message.data, send);
        else send(search(message.data));
        refresh = complete() ? null : answer;
      };
      whenReady(answer);
    }
  }

  var api = { handle: handle, load: load, grams: grams, start: start, ready: whenReady, search: function (q) { return search(q); } };
  // The rules Python states too (tests/vectors/ holds the cases both must agree on), once the head is in.
  api.rules = {
    fold: function (text) { return fold(text); },
    queryWords: queryWords,
    shardOf: shardOf,
    keysOf: function (word) { return matcherKeys(matcher(word)); },
    termKey: termKey,
    foundAt: function (word, text) { return foundAt(matcher(word), fold(text)); },
    indexURL: indexURL
  };
  // What the index's scripts call (search/files.py's INDEX_CALL): policyReader.search.load, .grams.
  var shared = root.policyReader = root.policyReader || {};
  shared.search = api;
  // The rules the reader's pages share with the engine, reachable to test them (in a page, or in Node).
  shared.searchRules = { withHighlight: withHighlight };
  if (typeof WorkerGlobalScope !== "undefined" && root instanceof WorkerGlobalScope) {
    var post = function (data) { root.postMessage(data); };
    root.addEventListener("message", function (event) {
      var message = event.data;
      if (message && message.type === PART) {
        // A page on disk reads the parts and hands them on (see search-shim.js). It cannot tell
        // when Material will send SETUP, so READY goes out unasked once the first part is in.
        if (message.part === 0) whenReady(function () { post({ type: READY }); });
        load(message.part, message.parts, message.json);
      } else {
        handle(message, post);
      }
    });
    // Load the index now, not at Material's SETUP: the page is still drawing, the reader not yet typing.
    var first = new URLSearchParams(root.location.search).get("index");
    if (first) {
      // The head alone; the rest as queries need it (a small site's head holds it all).
      loader = runScript;
      start(new URL(first, root.location.href).href, runScript, function () { return 1; });
    }
  } else {
    // search-shim.js runs this engine in a worker of its own making from a page on disk.
    shared.searchEngine = engine;
  }
})(typeof self !== "undefined" ? self : this);
