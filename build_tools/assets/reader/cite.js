/* policy-reader: the 引用 control. Cites the essay, or one paragraph of it, in GB/T 7714 (2025 or 2015):
   one activation copies the citation; a panel shows it, lets the reader choose the edition and the scope,
   and links the CSL-JSON, BibTeX and RIS files. The texts were rendered at build time (pr-cite-data), so
   this works from disk too; only the date of citing (the reader's today) and a paragraph's number are
   filled in here. */
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
  var chosen = null; // the paragraph's number, once one is chosen (its link followed, or its address opened)

  function citation(paragraph) {
    if (printedCopy()) return style.print;
    var text = (paragraph ? style.paragraph : style.essay);
    text = text.split(marks.accessed).join(today).split(marks.accessedYear).join(today.slice(0, 4));
    return paragraph ? text.split(marks.paragraph).join(String(paragraph)) : text;
  }
  function scopeName(paragraph) { return paragraph ? "第 " + paragraph + " 段" : "全文"; }

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
  var scopeInputs = [null, "paragraph"].map(function (kind) {
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
  // Where the manifest names the newspaper: the essay as printed there ([N]) instead of this site's copy ([N/OL]).
  var copies = element("fieldset", "pr-cite__choice");
  copies.appendChild(element("legend", null, "来源"));
  var copyInputs = [["online", "本站网络版"], ["print", "报纸原版"]].map(function (choice, index) {
    var label = element("label");
    var input = element("input");
    input.type = "radio";
    input.name = "pr-cite-copy";
    input.value = choice[0];
    input.checked = index === 0;
    input.addEventListener("change", function () { show(scope()); });
    label.appendChild(input);
    label.appendChild(document.createTextNode(" " + choice[1]));
    copies.appendChild(label);
    return input;
  });
  function printedCopy() { return copyInputs[1].checked && !!style.print; }
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
  [heading, editions, copies, scopes, text, actions, downloads].forEach(function (part) { panel.appendChild(part); });

  // Printed once, at the end of the essay.
  var printed = element("p", "pr-cite-print");
  printed.textContent = "引用本文:" + citation(null);
  article.appendChild(printed);

  function scope() { return scopeInputs[1].checked && chosen && !printedCopy() ? chosen : null; }
  function show(paragraph) {
    scopeInputs[0].checked = !paragraph;
    scopeInputs[1].checked = !!paragraph;
    copies.hidden = !style.print;
    scopes.hidden = printedCopy();
    scopeInputs[1].parentNode.hidden = !chosen;
    scopeInputs[1].nextSibling.textContent = " " + scopeName(chosen);
    scopeInputs[0].nextSibling.textContent = " 全文";
    heading.textContent = paragraph && !printedCopy() ? "引用第 " + paragraph + " 段" : "引用本文";
    text.value = citation(paragraph);
    status.textContent = "";
  }

  // The Clipboard API where the page may use it; a selected text box and execCommand where it is refused
  // (some browsers refuse it to pages opened from disk).
  function copyShown() {
    var value = text.value;
    var said = "已复制" + (scope() ? "第 " + scope() + " 段" : "本文") + (printedCopy() ? "(报纸原版)" : "") +
      "的引文(" + style.label + ")";
    function fallback() {
      text.focus();
      text.select();
      var done = false;
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
    if (paragraph) copyInputs[0].checked = true; // a paragraph is cited in this site's copy, by its address
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
    open(paragraphButton.closest(".pr-para"), chosen, paragraphButton);
  });
  function choose() {
    var match = /^#p(\d+)$/.exec(window.location.hash);
    var target = match && document.getElementById("p" + match[1]);
    var holder = target && target.closest(".pr-para");
    if (!holder) return;
    chosen = Number(match[1]);
    paragraphButton.textContent = "引用第 " + chosen + " 段";
    // After the paragraph's text, never inside its lines: choosing a paragraph must not reflow it.
    holder.insertBefore(paragraphButton, target.nextSibling);
    if (!panel.hidden) show(scope() ? chosen : null);
  }
  window.addEventListener("hashchange", choose);
  choose();
})();
