/* policy-reader: one switch that hides and shows every note, remembered across pages and visits. */
(function () {
  "use strict";
  var layout = window.policyReader.layout;  // the key, and the choice read before the first paint
  var root = document.documentElement;
  // In the row the finish step left for the page's tools (before the byline, or the first paragraph).
  var tools = document.querySelector(".md-typeset .pr-tools");
  if (!document.querySelector(".pr-notes") || !tools) return;

  var remembered = layout.notesHidden;
  function remember(hidden) {
    try { window.localStorage.setItem(layout.notesKey, hidden ? "hidden" : "shown"); } catch (error) { /* not kept */ }
  }

  var count = document.querySelectorAll(".pr-notes .pr-note").length;
  var bar = document.createElement("div");
  bar.className = "pr-notes-switch";
  var button = document.createElement("button");
  button.type = "button";
  bar.appendChild(button);
  tools.insertBefore(bar, tools.firstChild);

  function apply(hidden) {
    root.classList.toggle("pr-notes-off", hidden);
    button.textContent = hidden ? "显示注释(" + count + " 条)" : "隐藏注释";
    document.dispatchEvent(new CustomEvent("pr-notes-switched"));
  }

  button.addEventListener("click", function () {
    var hidden = !root.classList.contains("pr-notes-off");
    remember(hidden);
    apply(hidden);
  });
  // Another tab or page switched the notes: follow it.
  window.addEventListener("storage", function (event) {
    if (event.key === layout.notesKey) apply(remembered());
  });
  apply(remembered());
})();
