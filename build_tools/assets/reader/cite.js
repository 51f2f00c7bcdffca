/* policy-reader: the 引用 control. Cites the essay or document, or one paragraph of an essay, or one part of
   a document (第十七条第一款, 三、（三）), in GB/T 7714 (2025 or 2015): one activation copies the citation; a
   panel shows it, lets the reader choose the edition and the scope (and, for a part, the reference or its
   name in running text), and links the CSL-JSON, BibTeX and RIS files. The texts were rendered at build
   time (pr-cite-data), so this works from disk too; only the date of citing (the reader's today), a
   paragraph's number and a part's name and anchor are filled in here. */
(function () {
  "use strict";
  var KEY = "policy-reader.cite-style";
  var source = document.getElementById("pr-cite-data");
  var article = document.querySelector(".md-content__inner");
  if (!source || !article) return;
  var data = JSON.parse(source.textContent);
  var marks = data.placeholders;
  // The control goes into the row the finish step left for the page's tools (before the byline).
  var tools = article.querySelector(".pr-tools");
  if (!tools) return;

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  var now = new Date();
  var today = now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());

  function remembered() {
    try { return window.localStorage.getItem(KEY); } catch (error) { return null; }
  }
  function remember(id) {
    try { window.localStorage.setItem(KEY, id); } catch (error) { /* not kept */ }
  }
  function styleById(id) {
    for (var i = 0; i < data.styles.length; i++) if (data.styles[i].id === id) return data.styles[i];
    return data.styles[0];
  }
  var style = styleById(remembered());
  // What is chosen, once a paragraph's link is followed or its address (or a part's) opened: {n: 3} for a
  // paragraph; {anchor: "article-17-para-1", name: "第十七条第一款"} for a part of a document.
  var chosen = null;
  var clauses = data.clauses || {};

  function fillIn(text, place) {
    text = text.split(marks.accessed).join(today).split(marks.accessedYear).join(today.slice(0, 4));
    if (place && place.anchor) return text.split(marks.clause).join(place.name).split(marks.anchor).join(place.anchor);
    return place ? text.split(marks.paragraph).join(String(place.n)) : text;
  }
  function citation(place) {
    if (printedCopy()) return style.print;
    if (place && place.anchor) return fillIn(inlineForm() ? data.inline : style.clause, place);
    return fillIn(place ? style.paragraph : style.essay, place);
  }
  function scopeName(place) {
    if (!place) return "全文";
    return place.anchor ? place.name : "第 " + place.n + " 段";
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  // The control beside the byline, after the notes switch (notes-switch.js puts that first).
  var bar = element("div", "pr-cite");
  var toggle = element("button", "pr-cite__button", "引用");
  toggle.type = "button";
  toggle.setAttribute("aria-expanded", "false");
  toggle.setAttribute("aria-controls", "pr-cite-panel");
  toggle.title = "复制本文的引文(GB/T 7714)";
  bar.appendChild(toggle);
  tools.appendChild(bar);

  // The panel: moved beside whichever control opened it.
  var panel = element("section", "pr-cite__panel");
  panel.id = "pr-cite-panel";
  panel.hidden = true;
  panel.setAttribute("aria-label", "引用");
  var heading = element("p", "pr-cite__heading");
  var editions = element("fieldset", "pr-cite__choice");
  editions.appendChild(element("legend", null, "标准"));
  data.styles.forEach(function (each) {
    var label = element("label");
    var input = element("input");
    input.type = "radio";
    input.name = "pr-cite-style";
    input.value = each.id;
    input.checked = each === style;
    input.addEventListener("change", function () {
      style = styleById(input.value);
      remember(style.id);
      show(scope());
      printed.textContent = "引用本文:" + citation(null);
    });
    label.appendChild(input);
    label.appendChild(document.createTextNode(" " + each.label));
    editions.appendChild(label);
  });
  var scopes = element("fieldset", "pr-cite__choice");
  scopes.appendChild(element("legend", null, "范围"));
  var scopeInputs = [null, "part"].map(function (kind) {
    var label = element("label");
    var input = element("input");
    input.type = "radio";
    input.name = "pr-cite-scope";
    input.value = kind || "essay";
    input.addEventListener("change", function () { show(scope()); });
    label.appendChild(input);
    label.appendChild(element("span"));
    scopes.appendChild(label);
    return input;
  });
  // A choice between two ways of citing, the first chosen: its fieldset and its two inputs.
  function choice(legend, name, options) {
    var fieldset = element("fieldset", "pr-cite__choice");
    fieldset.appendChild(element("legend", null, legend));
    var inputs = options.map(function (option, index) {
      var label = element("label");
      var input = element("input");
      input.type = "radio";
      input.name = name;
      input.value = option[0];
      input.checked = index === 0;
      input.addEventListener("change", function () { show(scope()); });
      label.appendChild(input);
      label.appendChild(document.createTextNode(" " + option[1]));
      fieldset.appendChild(label);
      return input;
    });
    return {fieldset: fieldset, inputs: inputs};
  }
  // Where the manifest names the newspaper: the essay as printed there ([N]) instead of this site's copy ([N/OL]).
  var copyChoice = choice("来源", "pr-cite-copy", [["online", "本站网络版"], ["print", "报纸原版"]]);
  var copies = copyChoice.fieldset, copyInputs = copyChoice.inputs;
  function printedCopy() { return copyInputs[1].checked && !!style.print; }
  // A part of a document: its reference, or its name in running text (《中华人民共和国反垄断法》第十七条第一款).
  var formChoice = choice("形式", "pr-cite-form", [["reference", "参考文献"], ["inline", "行文引注"]]);
  var forms = formChoice.fieldset, formInputs = formChoice.inputs;
  function inlineForm() { return formInputs[1].checked && !!data.inline; }
  var text = element("textarea", "pr-cite__text");
  text.readOnly = true;
  text.rows = 3;
  text.setAttribute("aria-label", "引文");
  var actions = element("p", "pr-cite__actions");
  var copyButton = element("button", "pr-cite__copy", "复制");
  copyButton.type = "button";
  var status = element("span", "pr-cite__status");
  status.setAttribute("role", "status");
  actions.appendChild(copyButton);
  actions.appendChild(status);
  var downloads = element("p", "pr-cite__downloads", "下载:");
  data.downloads.forEach(function (file, index) {
    if (index) downloads.appendChild(document.createTextNode(" · "));
    var link = element("a", null, file.label);
    link.href = file.href;
    link.setAttribute("download", "");
    downloads.appendChild(link);
  });
  [heading, editions, copies, scopes, forms, text, actions, downloads].forEach(function (part) { panel.appendChild(part); });

  // Printed once, at the end of the essay.
  var printed = element("p", "pr-cite-print");
  printed.textContent = "引用本文:" + citation(null);
  article.appendChild(printed);

  function scope() { return scopeInputs[1].checked && chosen && !printedCopy() ? chosen : null; }
  function show(place) {
    scopeInputs[0].checked = !place;
    scopeInputs[1].checked = !!place;
    copies.hidden = !style.print;
    scopes.hidden = printedCopy();
    forms.hidden = !(place && place.anchor);
    scopeInputs[1].parentNode.hidden = !chosen;
    scopeInputs[1].nextSibling.textContent = " " + scopeName(chosen);
    scopeInputs[0].nextSibling.textContent = " 全文";
    heading.textContent = place && !printedCopy() ? "引用" + scopeName(place) : "引用本文";
    text.value = citation(place);
    status.textContent = "";
  }

  // The Clipboard API where the page may use it; a selected text box and execCommand where it is refused
  // (some browsers refuse it to pages opened from disk).
  function copyShown() {
    var value = text.value;
    var place = scope();
    var said = place && place.anchor && inlineForm() ? "已复制" + place.name + "的行文引注" :
      "已复制" + (place ? scopeName(place) : "本文") + (printedCopy() ? "(报纸原版)" : "") + "的引文(" + style.label + ")";
    function fallback() {
      text.focus();
      text.select();
      var done;
      try { done = document.execCommand("copy"); } catch (error) { done = false; }
      status.textContent = done ? said : "请按 Ctrl+C(⌘C)复制已选中的引文";
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(value).then(function () { status.textContent = said; }, fallback);
    } else {
      fallback();
    }
  }

  function open(place, paragraph, opener) {
    place.parentNode.insertBefore(panel, place.nextSibling);
    panel.hidden = false;
    panel.opener = opener;
    if (paragraph) copyInputs[0].checked = true; // a paragraph or part is cited in this site's copy, by its address
    [toggle, paragraphButton].forEach(function (button) {
      button.setAttribute("aria-expanded", button === opener ? "true" : "false");
    });
    show(paragraph);
    copyShown();
  }
  function close() {
    if (panel.hidden) return;
    panel.hidden = true;
    toggle.setAttribute("aria-expanded", "false");
    paragraphButton.setAttribute("aria-expanded", "false");
    if (panel.opener) panel.opener.focus();
  }

  toggle.addEventListener("click", function () {
    if (!panel.hidden && panel.opener === toggle) return close();
    open(article.querySelector(".pr-byline") || tools, null, toggle);
  });
  copyButton.addEventListener("click", copyShown);
  panel.addEventListener("keydown", function (event) {
    if (event.key === "Escape") close();
  });

  // A paragraph is chosen when its link is followed or its address opened: only it gets a button.
  var paragraphButton = element("button", "pr-cite__button pr-cite__button--paragraph");
  paragraphButton.type = "button";
  paragraphButton.setAttribute("aria-expanded", "false");
  paragraphButton.setAttribute("aria-controls", "pr-cite-panel");
  paragraphButton.addEventListener("click", function () {
    if (!panel.hidden && panel.opener === paragraphButton) return close();
    open(paragraphButton.closest(".pr-para") || paragraphButton, chosen, paragraphButton);
  });
  // A paragraph of a document is cited as the innermost part holding it (data.paragraphs); a part's own
  // address (#article-17-para-1, a heading's #part-3) chooses the part.
  function placeOf(hash) {
    var id = decodeURIComponent(hash.slice(1));
    var match = /^p(\d+)$/.exec(id);
    var anchor = match ? (data.paragraphs || {})[match[1]] : (Object.prototype.hasOwnProperty.call(clauses, id) ? id : null);
    if (anchor) return {anchor: anchor, name: clauses[anchor], target: document.getElementById(id)};
    return match ? {n: Number(match[1]), target: document.getElementById(id)} : null;
  }
  function choose() {
    var place = placeOf(window.location.hash);
    var target = place && place.target;
    var holder = target && target.closest(".pr-para");
    if (!target || !(holder || /^H[2-6]$/.test(target.tagName))) return;
    chosen = place;
    paragraphButton.textContent = "引用" + scopeName(place);
    // After the text chosen, never inside its lines: choosing a paragraph must not reflow it.
    if (!holder) target.parentNode.insertBefore(paragraphButton, target.nextSibling); // after a part's heading
    else if (target === holder) holder.appendChild(paragraphButton);
    else holder.insertBefore(paragraphButton, target.nextSibling);
    if (!panel.hidden) show(scope() ? chosen : null);
  }
  window.addEventListener("hashchange", choose);
  choose();
})();
