/* Following a search result: highlight what the reader searched for on the page it opens. */
(function () {
  "use strict";
  // Python's (build_tools/search/browser_rules.py), set where the reader's bundle starts.
  var rules = window.policyReader.rules;
  var LATIN = new RegExp("^(?:" + rules.latinWord + ")$");
  var WORD_CHARACTER = new RegExp(rules.wordCharacter);

  // Where `words` are found in `text`, left to right, none overlapping: in any case, a Latin word only
  // whole (common/latin_words.py's found_at; tests/vectors/latin_words.json).
  function hits(text, words) {
    var lower = text.toLowerCase(), found = [];
    words.forEach(function (word) {
      var w = word.toLowerCase(), at = lower.indexOf(w);
      while (at >= 0) {
        var edge = !LATIN.test(word) ||
          (!WORD_CHARACTER.test(lower[at - 1] || "") && !WORD_CHARACTER.test(lower[at + w.length] || ""));
        if (edge) found.push([at, at + w.length]);
        at = lower.indexOf(w, at + 1);
      }
    });
    var last = -1;
    return found.sort(function (a, b) { return a[0] - b[0]; }).filter(function (range) {
      if (range[0] < last) return false;
      last = range[1];
      return true;
    });
  }
  window.policyReader.searchHighlight = { hits: hits };

  var words = (new URLSearchParams(location.search).get(rules.highlightParam) || "").trim().split(/\s+/).filter(Boolean);
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
    var marks = [];
    hits(text, words).forEach(function (range) {
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
