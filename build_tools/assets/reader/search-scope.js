/* policy-reader: narrow search to a kind, a status and a range of years.
 *
 * A row of choices at the head of Material's search results (shown whenever the search box is open):
 * 仅现行有效 (one press), the kind (法律法规, 文件, 文章, as the results' labels name them), the status and
 * the years, each offered only where some text has it, as the engine says from its index (the kinds,
 * statuses and years come from each text's page marker: build_tools/search/labels.py). A choice is sent to
 * the engine (search-worker.js, through search-shim.js), which answers the query shown again within it
 * and every query typed after; the row says how many pages are listed of how many found, and says so
 * when the scope leaves none. The choice holds for the visit (sessionStorage): a result opened, the
 * next search on that page is narrowed alike, and the row shows it. Native selects and a button: a phone shows its own picker, and the
 * keyboard reaches them with Tab from the search box (Material would close search on Tab: not here).
 * Zensical's search box is a dialog its bundle draws, in a shadow root, once opened: the row goes
 * above its results whenever the dialog has them (put back if the theme draws them anew), with its
 * styles inside that root, which the reader's stylesheet does not reach.
 */
(function () {
  "use strict";
  var link = window.policyReader && window.policyReader.searchScope;
  var output = document.querySelector(".md-search__output");
  var zensical = !output && document.querySelector(".md-search > .md-search__button");
  if (!link || !(output || zensical)) return;
  var SCOPES = 102, RESULT = 3, CURRENT = 0;
  var KEPT = "policy-reader:search-scope";
  var chosen = kept() || { kind: "", status: -1, from: 0, to: 0 };
  var bar = null, note = null, current = null, clear = null, selects = {};

  function kept() {
    try {
      var value = JSON.parse(window.sessionStorage.getItem(KEPT) || "null");
      return value && typeof value.kind === "string" && typeof value.status === "number" ? value : null;
    } catch (unavailable) {
      return null;
    }
  }

  function keep() {
    try {
      window.sessionStorage.setItem(KEPT, JSON.stringify(chosen));
    } catch (unavailable) {
      // Storage refused (a private window's quota): the choice holds on this page only.
    }
  }

  function active() {
    return Boolean(chosen.kind || chosen.status >= 0 || chosen.from || chosen.to);
  }

  function option(select, value, text) {
    var item = document.createElement("option");
    item.value = String(value);
    item.textContent = text;
    select.appendChild(item);
  }

  function select(name, label, any, values) {
    var element = document.createElement("select");
    element.className = "pr-search-scope__select";
    element.setAttribute("aria-label", label);
    element.setAttribute("data-scope", name);
    option(element, name === "kind" ? "" : name === "status" ? -1 : 0, any);
    values.forEach(function (v) { option(element, v.value, v.text); });
    element.addEventListener("change", function () {
      chosen[name] = name === "kind" ? element.value : Number(element.value);
      // A range given backwards is read forwards.
      if (chosen.from && chosen.to && chosen.from > chosen.to) {
        var to = chosen.to;
        chosen.to = chosen.from;
        chosen.from = to;
      }
      choose();
    });
    selects[name] = element;
    return element;
  }

  function button(className, text, onPress) {
    var element = document.createElement("button");
    element.type = "button";
    element.className = className;
    element.textContent = text;
    element.addEventListener("click", onPress);
    return element;
  }

  function build(facets) {
    if (bar || !facets.kinds.length) return;
    bar = document.createElement("div");
    bar.className = "pr-search-scope";
    bar.setAttribute("role", "group");
    bar.setAttribute("aria-label", "搜索范围");
    if (facets.statuses.some(function (s) { return s.value === CURRENT; })) {
      current = button("pr-search-scope__current", "仅现行有效", function () {
        chosen.status = chosen.status === CURRENT ? -1 : CURRENT;
        choose();
      });
      bar.appendChild(current);
    }
    bar.appendChild(select("kind", "类型", "全部类型", facets.kinds.map(function (k) { return { value: k, text: k }; })));
    if (facets.statuses.length) {
      bar.appendChild(select("status", "效力状态", "全部状态", facets.statuses.map(function (s) {
        return { value: s.value, text: s.name };
      })));
    }
    if (facets.years.length) {
      var years = facets.years.map(function (y) { return { value: y, text: y + "年" }; });
      var range = document.createElement("span");
      range.className = "pr-search-scope__years";
      range.appendChild(select("from", "起始年份", "年份不限", years));
      range.appendChild(document.createTextNode("至"));
      range.appendChild(select("to", "截止年份", "不限", years));
      bar.appendChild(range);
    }
    clear = button("pr-search-scope__clear", "清除范围", function () {
      chosen = { kind: "", status: -1, from: 0, to: 0 };
      choose();
    });
    bar.appendChild(clear);
    note = document.createElement("span");
    note.className = "pr-search-scope__note";
    note.setAttribute("aria-live", "polite");  // not role=status: Zensical's dialog has its own count line so named
    bar.appendChild(note);
    if (output) output.insertBefore(bar, output.firstChild);
    else inDialog();
    shown();
  }

  /* The row as the scope now is. */
  function shown() {
    Object.keys(selects).forEach(function (name) { selects[name].value = String(chosen[name]); });
    if (current) current.setAttribute("aria-pressed", String(chosen.status === CURRENT));
    clear.hidden = !active();
    bar.classList.toggle("pr-search-scope--active", active());
    if (!active()) note.textContent = "";
  }

  function choose() {
    shown();
    keep();
    link.set(chosen);
  }

  function counted(found) {
    if (!note || !found) return;
    if (!active() || !found.all) note.textContent = "";
    else if (!found.listed) note.textContent = "所选范围内没有结果(不限范围共 " + found.all + " 篇)";
    else note.textContent = "范围内 " + found.listed + " 篇,共 " + found.all + " 篇";
  }

  /* Zensical: the row above the dialog's results, in the dialog's shadow root, kept there. */
  var ZENSICAL_STYLE = ".pr-search-scope{display:flex;flex-wrap:wrap;align-items:center;gap:.3rem .4rem;" +
    "padding:.4rem .8rem;font-size:.75rem;color:rgb(var(--color-foreground));" +
    "border-bottom:1px solid rgb(var(--color-foreground)/.15)}" +
    ".pr-search-scope select,.pr-search-scope button{font:inherit;color:inherit;background:transparent;" +
    "min-height:2rem;border:1px solid rgb(var(--color-foreground)/.4);border-radius:.2rem;padding:0 .3rem;cursor:pointer}" +
    ".pr-search-scope option{color:initial;background:initial}" +
    ".pr-search-scope__current[aria-pressed=true]{color:#fff;background:#c62828;border-color:#c62828}" +
    ".pr-search-scope__years{display:inline-flex;align-items:center;gap:.2rem}" +
    ".pr-search-scope__note{flex-basis:100%;color:rgb(var(--color-foreground)/.75)}" +
    ".pr-search-scope__note:empty,.pr-search-scope [hidden]{display:none}";
  var watched = null;
  function resultsRegion(root) {
    var results = root.querySelector("dialog [role=listbox]");
    return results && results.parentElement;
  }

  function inDialog() {
    var host = Array.prototype.find.call(document.body.children, function (e) {
      return e.shadowRoot && e.shadowRoot.querySelector("dialog");
    });
    if (!host || !bar) return;
    var root = host.shadowRoot;
    var place = function () {
      var region = resultsRegion(root);
      if (region && region.parentElement && bar.nextSibling !== region) region.parentElement.insertBefore(bar, region);
    };
    place();
    if (watched === root) return;
    watched = root;
    var style = document.createElement("style");
    style.textContent = ZENSICAL_STYLE;
    root.appendChild(style);
    new MutationObserver(place).observe(root, { subtree: true, childList: true });
  }

  link.listen(function (message) {
    if (!message) return;
    if (message.type === SCOPES) build(message.data);
    else if (message.type === RESULT && message.data) {
      counted(message.data.found);
      if (zensical) setTimeout(inDialog, 0);
    }
  });
  link.set(chosen);

  // Material closes search on Tab and sends every other key to the search box: within the row, and on
  // Tab from the search box into it, keys are the row's (Escape still closes search).
  window.addEventListener("keydown", function (event) {
    if (!bar || event.key === "Escape" || !(event.target instanceof Element)) return;
    var fromBox = event.key === "Tab" && !event.shiftKey && event.target.closest(".md-search__form");
    // In Zensical's dialog the target seen out here is the shadow root's host.
    var inRow = event.composedPath().indexOf(bar) >= 0;
    if (inRow || fromBox) event.stopPropagation();
  }, true);
})();
