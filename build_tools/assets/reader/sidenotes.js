/* policy-reader: notes in the right margin beside their quotes, on screens wide enough for it. */
(function () {
  "use strict";
  // Chosen before the first paint by the page's head script (assets/head/first-layout.js).
  var WIDE = window.policyReader.layout.wide;
  var GAP = 6; // px between two stacked notes
  var root = document.documentElement;
  var notes = Array.prototype.slice.call(document.querySelectorAll(".pr-notes .pr-note"));
  if (!notes.length) return;
  var pending = false;

  function quoteTop(note, fallback) {
    var quote = document.getElementById(note.getAttribute("data-quote"));
    var rects = quote ? quote.getClientRects() : [];
    return rects.length ? rects[0].top : fallback;
  }

  // Each note goes level with the first line of its quote, or just below the note above it:
  // crowded paragraphs push their notes down the margin, beside the paragraphs that follow.
  function layout() {
    pending = false;
    var margin = WIDE.matches;
    root.classList.toggle("pr-margin", margin);
    if (!margin || root.classList.contains("pr-notes-off")) return;
    // Every position is read before any is written: one layout of the page, not one per note.
    var places = notes.map(function (note) {
      var paraTop = (note.closest(".pr-para") || note.parentNode).getBoundingClientRect().top;
      return { paraTop: paraTop, want: quoteTop(note, paraTop), height: note.offsetHeight };
    });
    var bottom = -Infinity;
    notes.forEach(function (note, n) {
      var place = places[n];
      var top = Math.max(place.want, bottom + GAP);
      note.style.top = top - place.paraTop + "px";
      bottom = top + place.height;
    });
    // Until now the margin was laid out (by the head script) but its notes not yet placed: unseen.
    root.classList.add("pr-margin--placed");
  }

  function relayout() {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(layout);
  }

  // Hovering or focusing a quote lights up its notes, and a note its quote.
  function light(target, on) {
    if (!target || !target.closest) return;
    var quote = target.closest("mark.pr-quote");
    var note = target.closest(".pr-note");
    var ids = quote ? quote.getAttribute("data-annotations").split(" ") : note ? [note.getAttribute("data-note")] : [];
    ids.forEach(function (id) {
      document.querySelectorAll('.pr-note[data-note="' + id + '"]').forEach(function (n) {
        n.classList.toggle("pr-note--lit", on);
      });
      document.querySelectorAll('mark.pr-quote[data-annotations~="' + id + '"]').forEach(function (m) {
        m.classList.toggle("pr-quote--lit", on);
      });
    });
  }

  document.addEventListener("mouseover", function (event) { light(event.target, true); });
  document.addEventListener("mouseout", function (event) { light(event.target, false); });
  document.addEventListener("focusin", function (event) { light(event.target, true); });
  document.addEventListener("focusout", function (event) { light(event.target, false); });
  // An opened note grows down the margin and moves the notes below it, never the text.
  document.addEventListener("toggle", relayout, true);
  document.addEventListener("pr-notes-switched", relayout);
  WIDE.addEventListener("change", relayout);
  window.addEventListener("resize", relayout);
  if (window.ResizeObserver) new ResizeObserver(relayout).observe(document.body);
  if (document.fonts && document.fonts.ready) document.fonts.ready.then(relayout);
  layout();
})();
