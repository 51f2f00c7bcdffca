/* policy-reader: the layout the reader's script will settle on, taken before the first paint.
 *
 * The reader's script comes after the first paint (after-first-paint.js). Had the page waited for
 * it to choose, the text would move once it came: on a wide screen the notes go into the margin
 * and the column narrows for them; a reader who hid the notes would see them, then see them go.
 * So this part of the inline head script decides both at once, from what the finish step wrote
 * on its element (`data-notes`: the page has notes) and what the reader chose before (the notes
 * switch, kept in localStorage). The reader's scripts read the same choice from `policyReader.layout`:
 * `window.policyReader` is the one object the page's scripts share what they must, made here, the first of them.
 */
(function () {
  "use strict";
  var reader = window.policyReader = window.policyReader || {};
  var here = document.currentScript;
  var root = document.documentElement;
  var layout = {
    // Wide enough for the navigation, a 30-40 character essay column and the margin (Material's
    // widest layout); narrower screens keep the notes after their paragraph (notes.js folds them).
    wide: window.matchMedia("(min-width: 76.25em)"),
    notesKey: "policy-reader.notes",
    notesHidden: function () {
      // localStorage works from file:// too (the offline zip); a browser that refuses it just forgets.
      try { return window.localStorage.getItem(layout.notesKey) === "hidden"; } catch (error) { return false; }
    }
  };
  reader.layout = layout;
  // Scripts will run: rows kept for what they add are kept open (the page's tools, notes.css).
  root.classList.add("pr-js");
  if (!here || !here.hasAttribute("data-notes")) return;
  root.classList.toggle("pr-margin", layout.wide.matches);
  root.classList.toggle("pr-notes-off", layout.notesHidden());
})();
