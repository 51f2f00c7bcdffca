/* policy-reader search engine: exact substring search for Chinese, speaking Material's worker protocol.
 *
 * Material puts a result's title and text into the page as HTML: both are escaped here.
 *
 * Material's search box sends SETUP and QUERY (the typed text) and expects READY and RESULT; the
 * engine loads its own index (search/part-N.js, named by ?index= in its address) as soon as it
 * starts, and answers as soon as its first part is in (again as each further part comes in). A query lists every section that contains each of its space-separated words verbatim
 * (substrings included; Latin words case-insensitively, at word edges), title and heading hits
 * first, then by number of occurrences. When nothing holds a word whole, the word is cut into the
 * longest pieces that do occur in the essays, and sections holding all pieces are listed as partial
 * matches. A query that is a glossary term shows its definition first. Traditional and simplified
 * characters are read alike: query and text both with each traditional character as its simplified
 * form (OpenCC's table, restricted to this corpus, comes with the index), one character for one.
 */
(function engine(root) {
  "use strict";
  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
  // Not Material's: a part of the index handed on by a page on disk.
  var PART = 100;
  var CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
  var LATIN_WORD = /^[A-Za-z0-9][A-Za-z0-9.+#-]*$/;
  var state = null;
  var fold = folding("");

  function escapeHTML(text) {
    return text.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }
  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  /* The index arrives in parts, newest pages first: scripts calling PolicyReaderSearch.load(n, count,
   * json). A query is answered from the parts in so far, and answered again as each further part
   * comes in: on a slow connection results show early. */
  var parts = [], expected = 0, inUse = 0, waiting = [], refresh = null;

  function load(n, count, json) {
    parts[n] = typeof json === "string" ? JSON.parse(json) : json;
    expected = count;
    var grew = false;
    while (parts[inUse] && parts[inUse] !== true) {
      add(parts[inUse], inUse === 0);
      parts[inUse] = true;  // taken in: its data need not be kept twice
      inUse += 1;
      grew = true;
    }
    if (!grew) return;
    waiting.splice(0).forEach(function (resume) { resume(); });
    if (refresh) refresh();
  }

  function complete() {
    return expected > 0 && inUse >= expected;
  }

  function whenReady(resume) {
    if (state) resume();
    else waiting.push(resume);
  }

  /* A part read as text while the worker goes on answering (importScripts would hold every message
   * until the part is in: on a slow link, queries waited for parts they did not need). */
  var PART_CALL = /^PolicyReaderSearch\.load\((\d+),(\d+),/;
  function fetchPart(url, done) {
    fetch(url).then(function (response) {
      return response.ok ? response.text() : Promise.reject(new Error(url + ": " + response.status));
    }).then(function (script) {
      var call = PART_CALL.exec(script);
      var literal = script.slice(call[0].length, script.lastIndexOf(")"));
      load(Number(call[1]), Number(call[2]), JSON.parse(literal));
      done();
    }, function () {
      // Where fetch is refused, the part as the script it is.
      root.importScripts(url);
      done();
    });
  }

  /* Load the parts of the index, the first at `first`, with `loadScript(url, done)`, one after the
   * other: between two parts the page (or worker) is free to handle a key press or a query.
   * `count()` says how many there are, once the first is in. */
  function start(first, loadScript, count) {
    count = count || function () { return expected; };
    var next = function (n) {
      if (n > 0 && n >= count()) return;
      loadScript(n === 0 ? first : first.replace(/-0\.js$/, "-" + n + ".js"), function () {
        setTimeout(function () { next(n + 1); }, 0);
      });
    };
    next(0);
  }

  /* The text as search reads it: lower case, each traditional character as its simplified form. */
  function folding(pairs) {
    var map = {};
    for (var i = 0; i + 1 < (pairs || "").length; i += 2) map[pairs[i]] = pairs[i + 1];
    var pattern = new RegExp("[" + Object.keys(map).join("") + "]", "g");
    return function (text) { return text.toLowerCase().replace(pattern, function (c) { return map[c]; }); };
  }

  function add(part, first) {
    if (first) {
      fold = folding(part.folds);
      state = {
        docs: [],
        pages: {},
        essays: 0,
        allEssays: part.essays || 0,
        glossary: {},
        highlightParam: part.highlight_param || "h",
        joined: null
      };
    }
    // Terms are looked up as words are matched: Latin ones (5G, IPv6, MPC) in any case, either script.
    Object.keys(part.glossary || {}).forEach(function (form) { state.glossary[fold(form)] = part.glossary[form]; });
    part.docs.forEach(function (doc) {
      var hash = doc.location.indexOf("#");
      var entry = {
        location: doc.location,
        page: hash < 0 ? doc.location : doc.location.slice(0, hash),
        title: doc.title,
        text: doc.text,
        lowerTitle: fold(doc.title),
        lowerText: fold(doc.text),
        essay: !!doc.essay,
        order: state.docs.length
      };
      state.docs.push(entry);
      if (entry.location === entry.page) {
        state.pages[entry.page] = entry;
        if (entry.essay) state.essays += 1;
      }
    });
    state.joined = null;
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
      var pattern = new RegExp("(^|[^a-z0-9])(" + escapeRegExp(lower) + ")(?![a-z0-9])", "g");
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

  function count(m, text) {
    var n = 0, at = m.find(text, 0);
    while (at >= 0) {
      n += 1;
      at = m.find(text, at + Math.max(1, m.length));
    }
    return n;
  }

  /* Cut a word that occurs nowhere into the longest pieces (of two characters or more) that do. */
  function pieces(word) {
    var lower = fold(word), out = [], start = 0;
    while (start < lower.length) {
      var end = lower.length;
      while (end - start > 1 && corpus().indexOf(lower.slice(start, end)) < 0) end -= 1;
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

  /* The words as `doc` prints them (a traditional query opens a simplified page highlighted). */
  function printed(doc, matchers) {
    return matchers.map(function (m) {
      var at = m.find(doc.lowerText, 0);
      if (at >= 0) return doc.text.slice(at, at + m.length);
      at = m.find(doc.lowerTitle, 0);
      return at >= 0 ? doc.title.slice(at, at + m.length) : m.word;
    });
  }

  function withHighlight(location, words) {
    var hash = location.indexOf("#");
    var path = hash < 0 ? location : location.slice(0, hash);
    var fragment = hash < 0 ? "" : location.slice(hash);
    var join = path.indexOf("?") < 0 ? "?" : "&";
    return path + join + state.highlightParam + "=" + encodeURIComponent(words.join(" ")) + fragment;
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
      hits.push({ doc: doc, score: (inTitle > 0 ? 1000 : 0) + inTitle * 10 + inText });
    });
    return hits;
  }

  function search(query) {
    var words = query.trim().split(/\s+/).filter(Boolean);
    if (!words.length) return { items: [], total: 0 };
    var matchers = words.map(matcher);
    var hits = rank(matchers), partial = false;
    if (!hits.length) {
      var split = [];
      words.forEach(function (w) {
        var found = pieces(w);
        split = split.concat(found.length ? found : [w]);
      });
      if (split.join(" ") !== words.join(" ")) {
        matchers = split.map(matcher);
        hits = rank(matchers);
        partial = true;
      }
    }
    var terms = {};
    matchers.forEach(function (m) { terms[m.word] = true; });
    var groups = {}, order = [];
    hits.forEach(function (hit) {
      var key = hit.doc.page;
      if (!groups[key]) { groups[key] = []; order.push(key); }
      groups[key].push(hit);
    });
    var best = function (key) { return Math.max.apply(null, groups[key].map(function (h) { return h.score; })); };
    var essay = function (key) { return groups[key][0].doc.essay ? 1 : 0; };
    // Essays first (readers search the texts), then other pages; each by its best section.
    order.sort(function (a, b) {
      return essay(b) - essay(a) || best(b) - best(a) || groups[a][0].doc.order - groups[b][0].doc.order;
    });
    var items = order.map(function (key) {
      var found = groups[key].sort(function (a, b) { return b.score - a.score || a.doc.order - b.doc.order; });
      var floor = found[found.length - 1].score;
      var label = partial ? '<span class="pr-partial">部分匹配</span> ' : "";
      var docs = found.map(function (hit) {
        return {
          location: withHighlight(hit.doc.location, printed(hit.doc, matchers)),
          title: escapeHTML(hit.doc.title),
          text: label + snippet(hit.doc, matchers),
          score: hit.score,
          terms: terms
        };
      });
      var pageDoc = state.pages[key];
      var hasParent = found.some(function (hit) { return hit.doc.location === key; });
      if (!hasParent && pageDoc) {
        // Material shows each page once, as the parent of its matching sections.
        docs.unshift({ location: withHighlight(pageDoc.location, printed(found[0].doc, matchers)), title: escapeHTML(pageDoc.title), text: "", score: floor, terms: terms });
      } else {
        docs.sort(function (a, b) { return (a.location.indexOf("#") >= 0) - (b.location.indexOf("#") >= 0); });
        docs[0].score = floor;
      }
      return docs;
    });
    var term = state.glossary[fold(query.trim())];
    if (term) {
      // Material shows a page's own text only when no section is listed: the definition rides
      // as the one section, linking to the term's entry, under a heading naming the term.
      var page = term.url.split("#")[0];
      items.unshift([
        { location: page, title: escapeHTML("术语 · " + term.term + (term.english ? " (" + term.english + ")" : "")), text: "", score: 1e9, terms: {} },
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
    return { items: items, total: items.length };
  }

  /* Material's messages: SETUP (its own index, which holds no documents: ours loads apart) and QUERY. */
  function handle(message, reply) {
    if (message.type === SETUP) {
      whenReady(function () { reply({ type: READY }); });
    } else if (message.type === QUERY) {
      var answer = function () {
        reply({ type: RESULT, data: search(message.data) });
        refresh = complete() ? null : answer;
      };
      whenReady(answer);
    }
  }

  var api = { handle: handle, load: load, start: start, ready: whenReady, search: function (q) { return search(q); } };
  root.PolicyReaderSearch = api;
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
    if (first) start(new URL(first, root.location.href).href, fetchPart);
  } else {
    // search-shim.js runs this engine in a worker of its own making from a page on disk.
    root.PolicyReaderSearchEngine = engine;
  }
})(typeof self !== "undefined" ? self : this);
