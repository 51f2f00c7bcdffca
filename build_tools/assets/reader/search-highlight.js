/* Following a search result: highlight what the reader searched for on the page it opens. */
(function () {
  "use strict";
  // A Latin word (5G, IPv6, C++) is matched in any case, at word edges; anything else as it is, anywhere.
  var LATIN_WORD = /^[A-Za-z0-9][A-Za-z0-9.+#-]*$/;
  // The search engine adds the words to a result's address in this parameter (search/index.py's HIGHLIGHT_PARAM).
  var PARAM = "h";

  // The words searched for, from a page address's query (`location.search`).
  function wordsOf(search) {
    return (new URLSearchParams(search).get(PARAM) || "").trim().split(/\s+/).filter(Boolean);
  }

  // Where the `words` occur in `text`, as [start, end] pairs in order of start (they may overlap).
  function ranges(text, words) {
    var lower = text.toLowerCase(), found = [];
    words.forEach(function (word) {
      var w = word.toLowerCase(), at = lower.indexOf(w);
      while (at >= 0) {
        var edge = !LATIN_WORD.test(word) || (!/[a-z0-9]/.test(lower[at - 1] || "") && !/[a-z0-9]/.test(lower[at + w.length] || ""));
        if (edge) found.push([at, at + w.length]);
        at = lower.indexOf(w, at + 1);
      }
    });
    return found.sort(function (a, b) { return a[0] - b[0]; });
  }

  // Pure functions, reachable to test them against the search engine's and Python's rules.
  (window.policyReader = window.policyReader || {}).searchHighlight = {
    LATIN_WORD: LATIN_WORD, PARAM: PARAM, wordsOf: wordsOf, ranges: ranges
  };

  var words = wordsOf(location.search);
  if (!words.length) return;
  var SKIP = "script, style, .pr-tooltips, .pr-para__link, .headerlink, .md-search";

  // Text is matched per block (a paragraph, a heading, a list item), across the elements inside it.
  function highlightBlock(block) {
    var walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        return node.parentElement && node.parentElement.closest(SKIP) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
    });
    var nodes = [], text = "", node;
    while ((node = walker.nextNode())) { nodes.push([node, text.length]); text += node.data; }
    var last = -1, marks = [];
    ranges(text, words).forEach(function (range) {
      if (range[0] < last) return;
      last = range[1];
      nodes.forEach(function (entry) {
        var start = Math.max(range[0], entry[1]), end = Math.min(range[1], entry[1] + entry[0].data.length);
        if (start < end) marks.push([entry[0], start - entry[1], end - entry[1]]);
      });
    });
    // Wrap from the end, so earlier offsets stay valid.
    for (var i = marks.length - 1; i >= 0; i--) {
      var r = document.createRange();
      r.setStart(marks[i][0], marks[i][1]);
      r.setEnd(marks[i][0], marks[i][2]);
      var mark = document.createElement("mark");
      mark.className = "pr-hit";
      r.surroundContents(mark);
    }
    return marks.length;
  }

  function run() {
    var content = document.querySelector("article.md-content__inner") || document.body;
    var blocks = content.querySelectorAll("p, li, h1, h2, h3, h4, h5, h6, td, th, dd, dt");
    Array.prototype.forEach.call(blocks, function (block) {
      if (!block.closest(SKIP) && !block.querySelector("p, li")) highlightBlock(block);
    });
    var target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    var first = null, hits = content.querySelectorAll("mark.pr-hit");
    for (var i = 0; i < hits.length && !first; i++) {
      // The hit in the essay's text (what search found), not one in a note beside it (maybe folded).
      if (hits[i].closest(".pr-note")) continue;
      if (!target || target.compareDocumentPosition(hits[i]) & Node.DOCUMENT_POSITION_FOLLOWING || target.contains(hits[i])) first = hits[i];
    }
    if (!first) return;
    var reveal = function () { first.scrollIntoView({ block: "center" }); };
    reveal();
    // When the page has loaded, the browser scrolls to the #fragment again: reveal the hit after that.
    if (document.readyState !== "complete") window.addEventListener("load", function () { setTimeout(reveal, 0); });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
  else run();
})();
