/* policy-reader: read a text as of a date. `…/<id>/?as-of=2015-01-01` opens the edition in force on
   that date: of the 版本 line's links (each carries its edition's date, written at import), the newest
   dated on or before it. Dates are compared as written (YYYY, YYYY-MM or YYYY-MM-DD), so 2021-11 counts
   as in force on 2021-11-05. Nothing is fetched: this works from disk too. */
(function () {
  "use strict";
  var asOf = new URLSearchParams(window.location.search).get("as-of");
  if (!asOf || !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(asOf)) return;
  var links = document.querySelectorAll(".pr-versions a[data-pr-date]");
  var best = null;
  for (var i = 0; i < links.length; i++) {
    var date = links[i].getAttribute("data-pr-date");
    if (date <= asOf && (!best || date > best.getAttribute("data-pr-date"))) best = links[i];
  }
  var versions = document.querySelector(".pr-versions");
  if (!best) {
    // Before the first edition: say so rather than show a later text as if it were in force then.
    if (versions) {
      var note = document.createElement("p");
      note.className = "pr-as-of-note";
      note.setAttribute("role", "status");
      note.textContent = "本站所载最早的版本晚于 " + asOf + "。";
      versions.insertAdjacentElement("afterend", note);
    }
    return;
  }
  if (best.getAttribute("aria-current") === "page") return;
  window.location.replace(best.href);
})();
/* A link to an article the comparison folds into a kept run (changes/#article-25) opens that run: not
   every browser opens a <details> for the fragment it holds. */
(function () {
  "use strict";
  function reveal() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && document.getElementById(id);
    var folded = target && target.closest("details.pr-change--same");
    if (folded && !folded.open) {
      folded.open = true;
      target.scrollIntoView();
    }
  }
  reveal();
  window.addEventListener("hashchange", reveal);
})();
