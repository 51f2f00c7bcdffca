/* policy-reader: glossary tooltips that open on hover, keyboard focus and tap; notes folded on phones. */
(function () {
  "use strict";
  // Notes stand open beside their paragraph on wide screens; on a phone they are one tap away.
  function foldNotes() {
    if (!window.matchMedia("(max-width: 59.9375em)").matches) return;
    var target = decodeURIComponent(location.hash.slice(1));
    // A link to a highlighted quote (quote-X, quote-X-r1) keeps its note (note-X, note-X-r1) open.
    var keep = target.indexOf("quote-") === 0 ? "note-" + target.slice(6) : target;
    document.querySelectorAll("details.pr-note").forEach(function (note) {
      if (note.id !== keep && !note.querySelector('[id="' + target + '"]')) note.open = false;
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", foldNotes);
  else foldNotes();
})();

(function () {
  "use strict";
  var open = null; // {mark, tip, pinned}
  var hideTimer = null;

  function tipFor(mark) {
    var tip = document.getElementById(mark.getAttribute("aria-describedby"));
    // Tooltips float over the page from <body>, so no ancestor clips them and nothing shifts.
    if (tip && tip.parentNode !== document.body) document.body.appendChild(tip);
    return tip;
  }

  function place(tip, mark) {
    var rect = mark.getBoundingClientRect();
    var margin = 8;
    tip.style.left = "0px";
    tip.style.top = "0px";
    var width = tip.offsetWidth, height = tip.offsetHeight;
    var left = Math.min(Math.max(margin, rect.left), document.documentElement.clientWidth - width - margin);
    var below = rect.bottom + margin;
    var top = below + height > window.innerHeight && rect.top - height - margin > 0 ? rect.top - height - margin : below;
    tip.style.left = left + window.scrollX + "px";
    tip.style.top = top + window.scrollY + "px";
  }

  function show(mark, pinned) {
    clearTimeout(hideTimer);
    if (open && open.mark === mark) {
      open.pinned = open.pinned || pinned;
      return;
    }
    hide();
    var tip = tipFor(mark);
    if (!tip) return;
    tip.hidden = false;
    place(tip, mark);
    mark.classList.add("pr-term--open");
    open = { mark: mark, tip: tip, pinned: pinned };
  }

  function hide() {
    clearTimeout(hideTimer);
    if (!open) return;
    open.tip.hidden = true;
    open.mark.classList.remove("pr-term--open");
    open = null;
  }

  function hideSoon() {
    clearTimeout(hideTimer);
    if (open && !open.pinned) hideTimer = setTimeout(hide, 250);
  }

  function markOf(target) {
    return target && target.closest ? target.closest(".pr-term") : null;
  }

  document.addEventListener("mouseover", function (event) {
    var mark = markOf(event.target);
    if (mark) show(mark, false);
    else if (open && open.tip.contains(event.target)) clearTimeout(hideTimer);
  });
  document.addEventListener("mouseout", function (event) {
    var from = markOf(event.target) || (open && open.tip.contains(event.target) ? open.tip : null);
    if (from && !(event.relatedTarget && (from.contains(event.relatedTarget)))) hideSoon();
  });
  document.addEventListener("focusin", function (event) {
    var mark = markOf(event.target);
    if (mark) show(mark, false);
    else if (open && !open.tip.contains(event.target)) hide();
  });
  document.addEventListener("focusout", function (event) {
    if (markOf(event.target) && !(open && open.tip.contains(event.relatedTarget))) hideSoon();
  });
  // A tap (or click) pins the tooltip open; a second tap, a tap elsewhere or Escape closes it.
  document.addEventListener("click", function (event) {
    var mark = markOf(event.target);
    if (mark) {
      if (open && open.mark === mark && open.pinned) hide();
      else show(mark, true);
    } else if (open && !open.tip.contains(event.target)) {
      hide();
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && open) {
      // Focus returns to the mark only from inside the tooltip, and before hiding: focusing
      // the mark after would fire focusin and open the tooltip again.
      if (open.tip.contains(document.activeElement)) open.mark.focus();
      hide();
    } else if ((event.key === "Enter" || event.key === " ") && markOf(event.target)) {
      event.preventDefault();
      show(markOf(event.target), true);
    }
  });
  window.addEventListener("resize", function () {
    if (open) place(open.tip, open.mark);
  });
})();

/* Following a search result: highlight what the reader searched for on the page it opens. */
(function () {
  "use strict";
  var words = (new URLSearchParams(location.search).get("h") || "").trim().split(/\s+/).filter(Boolean);
  if (!words.length) return;
  var SKIP = "script, style, .pr-tooltips, .pr-para__link, .headerlink, .md-search";
  var LATIN = /^[A-Za-z0-9][A-Za-z0-9.+#-]*$/;

  function ranges(text) {
    var lower = text.toLowerCase(), found = [];
    words.forEach(function (word) {
      var w = word.toLowerCase(), at = lower.indexOf(w);
      while (at >= 0) {
        var edge = !LATIN.test(word) || (!/[a-z0-9]/.test(lower[at - 1] || "") && !/[a-z0-9]/.test(lower[at + w.length] || ""));
        if (edge) found.push([at, at + w.length]);
        at = lower.indexOf(w, at + 1);
      }
    });
    return found.sort(function (a, b) { return a[0] - b[0]; });
  }

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
    ranges(text).forEach(function (range) {
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

(function () {
  "use strict";
  // The search engine's last row while its index is still loading is a notice, not a link.
  document.addEventListener("click", function (event) {
    var link = event.target instanceof Element && event.target.closest(".md-search-result__link");
    if (link && link.querySelector(".pr-search-loading")) {
      event.preventDefault();
      event.stopPropagation();
    }
  }, true);
})();
