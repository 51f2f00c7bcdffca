/* policy-reader: editors' notes, folded on phones. */
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
