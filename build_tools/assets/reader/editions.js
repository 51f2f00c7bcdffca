/* policy-reader: read a text as of a date. `…/<id>/?as-of=2015-01-01` opens the edition in force on
   that date: of the 版本 line's links (each carries its edition's date and the date it took effect,
   written at import), the one that took effect last on or before it. Dates are compared as written
   (YYYY, YYYY-MM or YYYY-MM-DD), so 2021-11 counts as in force on 2021-11-05. An edition adopted by
   then but not yet in force is said so (尚未生效), and the status line and banner of the text shown
   are told again as of that date (or, without `as-of`, as of the reader's day: a text built before
   its 施行 date is in force once that day comes). Nothing is fetched: this works from disk too. */
(function () {
  "use strict";
  var asked = new URLSearchParams(window.location.search).get("as-of");
  var asOf = asked && /^\d{4}(-\d{2}(-\d{2})?)?$/.test(asked) ? asked : null;
  var versions = document.querySelector(".pr-versions");
  function before(a, b) {
    // a on or before b, at the precision both have (2021-11 ≤ 2021-11-05).
    var n = Math.min(a.length, b.length);
    return a.slice(0, n) <= b.slice(0, n);
  }
  function inForce(link) {
    return link.getAttribute("data-pr-in-force") || link.getAttribute("data-pr-date");
  }
  function note(text) {
    var p = document.createElement("p");
    p.className = "pr-as-of-note";
    p.setAttribute("role", "status");
    p.textContent = text;
    (versions || document.querySelector(".pr-status")).insertAdjacentElement("afterend", p);
  }
  (window.policyReader = window.policyReader || {}).editions = { statusAsOf: statusAsOf };
  var links = Array.prototype.slice.call(document.querySelectorAll(".pr-versions a[data-pr-date]"));
  if (asOf) {
    var best = null;
    var adopted = [];
    links.forEach(function (link) {
      if (before(inForce(link), asOf)) {
        if (!best || inForce(link) > inForce(best)) best = link;
      } else if (before(link.getAttribute("data-pr-date"), asOf)) {
        adopted.push(link);
      }
    });
    if (!best) {
      // Before the first edition took effect: say so rather than show a later text as if in force then.
      if (adopted.length) {
        var first = adopted[adopted.length - 1];
        note(asOf + " 时尚无生效的文本:" + first.textContent + "已于 " + first.getAttribute("data-pr-date") +
          " 通过,尚未生效(自 " + inForce(first) + " 起施行)。");
      } else if (versions) {
        note("本站所载最早的版本晚于 " + asOf + "。");
      }
      return;
    }
    if (best.getAttribute("aria-current") !== "page") {
      var target = new URL(best.href);
      target.searchParams.set("as-of", asOf);
      window.location.replace(target.href);
      return;
    }
  }
  retell(asOf);

  /* The status line (and an earlier text's banner) as of `day`: 尚未生效 before this text took effect,
     现行有效 until the newer one did, with the newer one's dates while it is adopted but not in force. */
  /* What a text's dates (in-force, successor, until; null where unknown) say of it on `day`, null where they
     say nothing (document_links.py's status_as_of; tests/vectors/status_as_of.json). */
  function statusAsOf(dates, day) {
    var own = dates["in-force"], successor = dates.successor, until = dates.until;
    if (own && !before(own, day)) return { value: "尚未生效", text: "尚未生效(自" + own + "起施行)" };
    if (!until || before(until, day)) return null;
    var adopted = successor && before(successor, day);
    return { value: "现行有效", text: adopted ? "现行有效(新文本已于" + successor + "通过,自" + until + "起施行)" : "现行有效" };
  }

  function retell(day) {
    // The status line, or the card's 时效性 standing in for it.
    var line = document.querySelector("[data-pr-status][data-pr-in-force], [data-pr-status][data-pr-until]");
    if (!line) return;
    var today = day || new Date().toISOString().slice(0, 10);
    var dates = {};
    ["in-force", "successor", "until"].forEach(function (key) { dates[key] = line.getAttribute("data-pr-" + key); });
    var told = statusAsOf(dates, today);
    var value, text;
    if (told) {
      value = told.value;
      text = told.text;
    } else {
      if (!day) return; // as built: the build already says what became of it
      value = line.getAttribute("data-pr-status");
      text = (line.querySelector("strong") || line).textContent;
    }
    var strong = line.querySelector("strong") || line;
    if (day) text = "截至 " + day + ":" + text;
    if (strong.textContent === text) return;
    strong.textContent = text;
    line.setAttribute("data-pr-status", value);
    if (line.classList.contains("pr-status")) {
      line.className = "pr-status pr-status--" + (value === "现行有效" ? "current" : "past");
    }
    var banner = document.querySelector(".pr-edition-banner strong");
    var at = banner ? banner.textContent.search(/,(不是|仍为)现行有效/) : -1;
    if (at >= 0) {
      banner.textContent = banner.textContent.slice(0, at) + ",截至 " + today +
        (value === "现行有效" ? " 仍为现行有效的文本" : " 不是现行有效的文本");
    }
  }
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
