/* policy-reader: one switch that hides and shows every note, remembered across pages and visits. */
(function () {
  "use strict";
  var KEY = "policy-reader.notes";
  var root = document.documentElement;
  // Beside the byline, or above the first paragraph of an essay without one.
  var first = document.querySelector(".md-typeset .pr-byline") || document.querySelector(".md-typeset .pr-para");
  if (!document.querySelector(".pr-notes") || !first) return;

  // localStorage works from file:// too (the offline zip); a browser that refuses it just forgets.
  function remembered() {
    try { return window.localStorage.getItem(KEY) === "hidden"; } catch (error) { return false; }
  }
  function remember(hidden) {
    try { window.localStorage.setItem(KEY, hidden ? "hidden" : "shown"); } catch (error) { /* not kept */ }
  }

  var count = document.querySelectorAll(".pr-notes .pr-note").length;
  var bar = document.createElement("div");
  bar.className = "pr-notes-switch";
  var button = document.createElement("button");
  button.type = "button";
  bar.appendChild(button);
  first.parentNode.insertBefore(bar, first);

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
    if (event.key === KEY) apply(remembered());
  });
  apply(remembered());
})();
