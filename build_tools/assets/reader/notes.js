/* policy-reader: a paragraph's notes behind one row ("3 条注释") where they follow the paragraph,
   and the note a link points to opened, wherever the notes stand. */
(function () {
  "use strict";
  var groups = document.querySelectorAll(".pr-notes");

  function setFolded(group, folded) {
    group.classList.toggle("pr-notes--folded", folded);
    group.querySelector(".pr-notes__toggle").setAttribute("aria-expanded", String(!folded));
  }

  groups.forEach(function (group) {
    var list = group.querySelector(".pr-notes__list");
    var row = document.createElement("button");
    row.type = "button";
    row.className = "pr-notes__toggle";
    row.setAttribute("aria-controls", list.id);
    row.textContent = list.querySelectorAll(".pr-note").length + " 条注释";
    row.addEventListener("click", function () {
      setFolded(group, !group.classList.contains("pr-notes--folded"));
    });
    group.insertBefore(row, list);
    setFolded(group, true);
  });

  // A link to a note (note-X) or to its quote (quote-X, quote-X-r1 → note-X-r1) opens that note.
  function openTarget() {
    var target = decodeURIComponent(location.hash.slice(1));
    if (!target) return;
    var id = target.indexOf("quote-") === 0 ? "note-" + target.slice(6) : target;
    var element = document.getElementById(id);
    var note = element && element.closest(".pr-note");
    if (!note) return;
    note.open = true;
    setFolded(note.closest(".pr-notes"), false);
  }

  window.addEventListener("hashchange", openTarget);
  openTarget();

  // A note the reader opens at the bottom of the screen (a phone's long list of notes) would open out
  // of sight: its text is brought into view, the page moving no more than it must. A note opened for a
  // link (above) stays where the link's target put the page: that target is what the reader asked for.
  var openedByReader = null;
  document.addEventListener("click", function (event) {
    var summary = event.target.closest && event.target.closest(".pr-note > summary");
    openedByReader = summary ? summary.parentElement : null;
  }, true);
  document.addEventListener("toggle", function (event) {
    var note = event.target;
    if (!note.open || note !== openedByReader) return;
    openedByReader = null;
    var body = note.querySelector(".pr-note__body");
    if (body && body.getBoundingClientRect().bottom > window.innerHeight) body.scrollIntoView({block: "nearest"});
  }, true);
})();
