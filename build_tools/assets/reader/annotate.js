/* policy-reader: select-to-note. On an essay opened with ?annotate, selected text becomes a note in YAML. */
(function () {
  "use strict";

  // ---- the rule `policy-reader check` applies (build_tools/annotations/resolve.py) ----
  // Pure functions of the text, reachable as `policyReader.annotate` to be checked against Python's
  // (tests/vectors/). `rules(folds, firstWidth)` takes what resolve.py sends in the page's marker: its fold
  // table as pairs (a character, then what it folds into) and FIRST_CONTEXT_WIDTH. `paragraphs` is the
  // essay as [id, text] pairs in its order; a match is {paragraph: id, start, end}.
  function rules(folds, firstWidth) {
    var folded = {};
    for (var i = 0; i + 1 < folds.length; i += 2) folded[folds[i]] = folds[i + 1];
    var foldable = new RegExp("[" + Object.keys(folded).map(function (c) {
      return "\\u" + ("000" + c.charCodeAt(0).toString(16)).slice(-4);
    }).join("") + "]", "g");
    function fold(text) {
      return text.replace(foldable, function (c) { return folded[c]; });
    }

    function textsById(paragraphs) {
      var texts = {};
      paragraphs.forEach(function (pair) { texts[pair[0]] = pair[1]; });
      return texts;
    }
    function occurrences(paragraphs, quote) {
      var wanted = fold(quote);
      var found = [];
      paragraphs.forEach(function (pair) {
        var text = fold(pair[1]);
        for (var at = text.indexOf(wanted); at >= 0 && wanted; at = text.indexOf(wanted, at + 1)) {
          found.push({paragraph: pair[0], start: at, end: at + wanted.length});
        }
      });
      return found;
    }
    function hasPrefix(texts, match, prefix) {
      var text = fold(texts[match.paragraph]).slice(0, match.start);
      return text.slice(text.length - prefix.length) === fold(prefix);
    }
    function hasSuffix(texts, match, suffix) {
      return fold(texts[match.paragraph]).startsWith(fold(suffix), match.end);
    }

    // The shortest prefix, or else suffix, that tells the chosen occurrence from the other matches, up to
    // the paragraph's edges; then both (unique_context). Inside one paragraph that always succeeds.
    // Widths count characters, as Python's do: a character past U+FFFF is never cut in half.
    function uniqueContext(paragraphs, matches, chosen) {
      var texts = textsById(paragraphs);
      var text = texts[chosen.paragraph];
      var others = matches.filter(function (m) {
        return m.paragraph !== chosen.paragraph || m.start !== chosen.start;
      });
      if (!others.length) return {prefix: "", suffix: ""};
      var before = text.slice(0, chosen.start), after = text.slice(chosen.end);
      var beforeChars = Array.from(before), afterChars = Array.from(after);
      for (var width = firstWidth; width <= Math.max(beforeChars.length, afterChars.length); width++) {
        var prefix = beforeChars.slice(beforeChars.length - width).join("");
        if (width <= beforeChars.length && !others.some(function (o) { return hasPrefix(texts, o, prefix); })) {
          return {prefix: prefix, suffix: ""};
        }
        var suffix = afterChars.slice(0, width).join("");
        if (width <= afterChars.length && !others.some(function (o) { return hasSuffix(texts, o, suffix); })) {
          return {prefix: "", suffix: suffix};
        }
      }
      if (!others.some(function (o) { return hasPrefix(texts, o, before) && hasSuffix(texts, o, after); })) {
        return {prefix: before, suffix: after};
      }
      return null;
    }

    return {fold: fold, textsById: textsById, occurrences: occurrences, uniqueContext: uniqueContext};
  }

  // A string as YAML (resolve.py's yaml_string): JSON is YAML, but for what it leaves raw that YAML reads
  // otherwise (U+0085, U+2028, U+2029 are line breaks; DEL, the C1 controls, U+FFFE, U+FFFF are refused):
  // those are written as escapes.
  function yamlString(text) {
    return JSON.stringify(text).replace(/[\u007f-\u009f\u2028\u2029\ufffe\uffff]/g, function (c) {
      return "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0");
    });
  }

  (window.policyReader = window.policyReader || {}).annotate = {rules: rules, yamlString: yamlString};

  // ---- the page: only on an essay opened with ?annotate ----

  var marker = document.getElementById("pr-annotate");
  var MODE_KEY = "policy-reader-annotate";
  var DRAFT_KEY = "policy-reader-annotate-draft";
  // What is not the essay's own text inside a paragraph: term tooltips, paragraph numbers, notes.
  var NOT_ESSAY = ".pr-tooltip, .pr-tooltips, .pr-para__link, .pr-note, [data-note], script, style, template";
  var PARAGRAPHS = '.pr-para p[id^="p"]';

  function stored(storage, key) {
    try {
      return window[storage].getItem(key);
    } catch (error) {
      return null; // storage refused (some browsers from disk): the mode lasts for this page only
    }
  }
  function store(storage, key, value) {
    try {
      if (value === null) window[storage].removeItem(key);
      else window[storage].setItem(key, value);
    } catch (error) {
      /* as above */
    }
  }

  var asked = new URLSearchParams(location.search).has("annotate");
  if (!marker || !(asked || stored("sessionStorage", MODE_KEY))) return;
  store("sessionStorage", MODE_KEY, "1"); // the mode follows the editor to the next essay of this tab

  var essay = {
    ref: marker.dataset.essay,
    article: marker.dataset.article,
    repoUrl: marker.dataset.repoUrl,
    branch: marker.dataset.branch,
    folder: marker.dataset.folder,
    placeholder: marker.dataset.placeholder,
  };
  var check = rules(marker.dataset.folds, Number(marker.dataset.firstContextWidth));

  // ---- the essay's own text, as published (the text `policy-reader check` anchors in) ----

  function essayTextNodes(paragraph) {
    var walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        return node.parentElement.closest(NOT_ESSAY) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      },
    });
    var nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    return nodes;
  }
  function textOf(nodes) {
    return nodes.map(function (node) { return node.data; }).join("");
  }

  // Read before any later script can change a paragraph (this one runs first: READER_SCRIPTS in
  // build_tools/finish/assets.py).
  var paragraphs = Array.prototype.map.call(document.querySelectorAll(PARAGRAPHS), function (paragraph) {
    return [paragraph.id, textOf(essayTextNodes(paragraph))];
  });
  var published = check.textsById(paragraphs);

  // Where a boundary of the selection falls in the paragraph's current text.
  function offsetIn(nodes, container, offset) {
    var point = document.createRange();
    point.setStart(container, offset);
    var count = 0;
    for (var i = 0; i < nodes.length; i++) {
      if (nodes[i] === container) return count + offset;
      if (point.comparePoint(nodes[i], nodes[i].length) > 0) return count; // this node ends past the boundary
      count += nodes[i].length;
    }
    return count;
  }

  // Text a script added since (a search hit's marks split nodes but add nothing) is skipped:
  // the published text is what is left of the current text once additions are passed over.
  function toPublished(current, text, index) {
    if (current === text) return index;
    var j = 0;
    for (var i = 0; i < index && j < text.length; i++) if (current[i] === text[j]) j++;
    return j;
  }

  // ---- the selection, as a passage of one paragraph ----

  // The part of `paragraph` the range covers, in the published text, without surrounding spaces.
  function coveredPart(range, paragraph) {
    var nodes = essayTextNodes(paragraph);
    var current = textOf(nodes);
    var text = published[paragraph.id];
    var start = paragraph.contains(range.startContainer) ? offsetIn(nodes, range.startContainer, range.startOffset) : 0;
    var end = paragraph.contains(range.endContainer) ? offsetIn(nodes, range.endContainer, range.endOffset) : current.length;
    start = toPublished(current, text, start);
    end = toPublished(current, text, end);
    while (start < end && /\s/.test(text[start])) start++;
    while (end > start && /\s/.test(text[end - 1])) end--;
    return {paragraph: paragraph.id, start: start, end: end};
  }

  // {passage} for a selection inside one paragraph, {problem} for one that is not, null for none.
  function selected() {
    var selection = window.getSelection();
    if (!selection.rangeCount || selection.isCollapsed) return null;
    var range = selection.getRangeAt(0);
    var parts = [];
    document.querySelectorAll(PARAGRAPHS).forEach(function (paragraph) {
      if (published[paragraph.id] === undefined || !range.intersectsNode(paragraph)) return;
      var part = coveredPart(range, paragraph);
      if (part.start < part.end) parts.push(part); // a triple click ends at the next paragraph's start
    });
    if (!parts.length) return null;
    if (parts.length > 1) {
      return {range: range, problem: "注释的引文只能在一个段落之内:请只选同一段里的文字。"};
    }
    var chosen = parts[0];
    var quote = published[chosen.paragraph].slice(chosen.start, chosen.end);
    // The note names its paragraph (a lead repeats its body word for word): context is needed only
    // where the phrase repeats inside that paragraph.
    var inParagraph = check.occurrences(paragraphs, quote).filter(function (m) { return m.paragraph === chosen.paragraph; });
    var context = check.uniqueContext(paragraphs, inParagraph, chosen);
    if (!context) {
      return {range: range, problem: "这段文字在本段多次出现,前后的字也一样:请多选几个字。"};
    }
    var passage = {article: essay.ref, paragraph: Number(chosen.paragraph.slice(1)), quote: quote};
    if (context.prefix) passage.prefix = context.prefix;
    if (context.suffix) passage.suffix = context.suffix;
    return {range: range, passage: passage, paragraph: chosen.paragraph, start: chosen.start};
  }

  // ---- the note, as YAML ----

  function selectorLines(passage, indent) {
    return ["article", "paragraph", "quote", "prefix", "suffix"].filter(function (key) {
      return passage[key] !== undefined;
    }).map(function (key) {
      return indent + key + ": " + yamlString(passage[key]);
    });
  }
  function noteYaml(draft) {
    var lines = [
      "# 在文章页选中文字生成的注释草稿:把 body 换成你的注释,保存为 " + fileName(draft) + "。",
      "- id: " + draft.id,
      "  target:",
    ].concat(selectorLines(draft.target, "    "), ["  body: |", "    " + essay.placeholder]);
    if (draft.related.length) {
      lines.push("  related:");
      draft.related.forEach(function (passage) {
        var selector = selectorLines(passage, "      ");
        selector[0] = "    - " + selector[0].trim();
        lines = lines.concat(selector);
      });
    }
    return lines.join("\n") + "\n";
  }
  function fileName(draft) {
    return (essay.folder ? essay.folder + "/" : "") + draft.id + ".yaml";
  }
  function suggestedId(found) {
    var base = (found.passage.article.split("/").pop() + "-" + found.paragraph + "-" + found.start).toLowerCase();
    var id = base;
    for (var n = 2; document.getElementById("note-" + id); n++) id = base + "-" + n;
    return id;
  }
  function newFileLink(draft, yaml) {
    var branch = essay.branch.split("/").map(encodeURIComponent).join("/");
    return essay.repoUrl + "/new/" + branch + "?filename=" + encodeURIComponent(fileName(draft)) +
      "&value=" + encodeURIComponent(yaml);
  }

  // ---- what the editor sees: a button by the selection, a panel with the draft ----

  function element(tag, className, text) {
    var made = document.createElement(tag);
    if (className) made.className = className;
    if (text) made.textContent = text; // editors' and essays' text only ever as text, never as markup
    return made;
  }

  var draft = null;
  try {
    draft = JSON.parse(stored("sessionStorage", DRAFT_KEY) || "null");
  } catch (error) {
    draft = null;
  }
  var offered = null;

  var pop = element("div", "pr-annotate-pop");
  pop.hidden = true;
  var popButton = element("button", "pr-annotate-pop__button");
  popButton.type = "button";
  var popMessage = element("p", "pr-annotate-pop__message");
  popMessage.setAttribute("role", "alert");
  pop.append(popButton, popMessage);
  // Pressing the button must not drop the selection it acts on.
  pop.addEventListener("mousedown", function (event) { event.preventDefault(); });

  var panel = element("section", "pr-annotate-panel");
  panel.setAttribute("aria-labelledby", "pr-annotate-title");
  var title = element("h2", "pr-annotate-panel__title", "注释草稿");
  title.id = "pr-annotate-title";
  var status = element("p", "pr-annotate-panel__status");
  status.setAttribute("role", "status");
  var box = element("textarea", "pr-annotate-panel__yaml");
  box.setAttribute("aria-label", "注释的 YAML");
  box.rows = 12;
  box.spellcheck = false;
  var actions = element("p", "pr-annotate-panel__actions");
  var copy = element("button", "pr-annotate-panel__copy", "复制");
  copy.type = "button";
  var propose = element("a", "pr-annotate-panel__propose", "在 GitHub 上新建这个文件");
  propose.target = "_blank";
  propose.rel = "noopener";
  var discard = element("button", "pr-annotate-panel__discard", "放弃草稿");
  discard.type = "button";
  actions.append(copy, propose, discard);
  var hint = element("p", "pr-annotate-panel__hint",
    "再选一段文字(本文或别的文章,同一个浏览器标签页里)可以加为相关段落。");
  var leave = element("button", "pr-annotate-panel__leave", "退出注释模式");
  leave.type = "button";
  panel.append(title, status, box, actions, hint, leave);

  var idle = element("p", "pr-annotate-idle", "注释模式:选中文章里的文字,点“写注释”(或按回车)。");
  idle.setAttribute("role", "status");

  function showDraft(message) {
    var yaml = noteYaml(draft);
    box.value = yaml;
    propose.hidden = !essay.repoUrl;
    if (essay.repoUrl) propose.href = newFileLink(draft, yaml);
    panel.hidden = false;
    idle.hidden = true;
    status.textContent = message;
    store("sessionStorage", DRAFT_KEY, JSON.stringify(draft));
  }

  function copyDraft(done) {
    var yaml = box.value;
    function fallback() {
      // Copied from a scratch box fixed in the window's corner: selecting the draft's own box would
      // scroll the page to it, taking the noted words out of view. The draft's box is selected only
      // when copying is refused, for the editor to copy by hand.
      var scratch = element("textarea", "pr-annotate-scratch");
      scratch.value = yaml;
      scratch.setAttribute("aria-hidden", "true");
      scratch.tabIndex = -1;
      document.body.append(scratch);
      scratch.focus({preventScroll: true});
      scratch.select();
      var copied;
      try {
        copied = document.execCommand("copy");
      } catch (error) {
        copied = false;
      }
      scratch.remove();
      box.focus({preventScroll: true});
      if (!copied) box.setSelectionRange(0, box.value.length);
      status.textContent = copied ? done + "已复制到剪贴板。" : done + "请按 Ctrl+C(或 ⌘C)复制下面的文字。";
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(yaml).then(function () {
        status.textContent = done + "已复制到剪贴板。";
      }, fallback);
    } else {
      fallback();
    }
  }

  function offer() {
    var found = selected();
    offered = found;
    if (!found) {
      if (!pop.contains(document.activeElement)) pop.hidden = true;
      return;
    }
    popButton.hidden = !found.passage;
    popMessage.hidden = !found.problem;
    popMessage.textContent = found.problem || "";
    if (found.passage) {
      popButton.textContent = draft ? "加入相关段落" : "写注释";
      popButton.setAttribute("aria-label", draft ? "把选中的文字加入注释的相关段落" : "写注释");
    }
    var rect = found.range.getBoundingClientRect();
    pop.style.top = window.scrollY + rect.bottom + 6 + "px";
    pop.style.left = Math.max(8, window.scrollX + rect.left) + "px";
    pop.hidden = false;
  }

  // The draft opens under the words just noted, never over them: placed in the page below the selection
  // (at its paragraph's left), then the page scrolls to show as much of it as it can while the
  // words stay in view below the sticky header. A draft restored on load, with nothing selected, keeps
  // its corner of the window.
  function placeBelow(rect, paragraph) {
    panel.classList.add("pr-annotate-panel--by-text");
    var room = document.documentElement.clientWidth;
    var left = Math.min(paragraph.getBoundingClientRect().left, room - panel.offsetWidth - 8);
    panel.style.left = window.scrollX + Math.max(8, left) + "px";
    panel.style.top = window.scrollY + rect.bottom + 12 + "px";
    var header = document.querySelector(".md-header");
    var clear = (header ? header.getBoundingClientRect().bottom : 0) + 8;
    var hidden = Math.max(0, panel.getBoundingClientRect().bottom + 8 - window.innerHeight);
    // Down as far as the panel needs and the words allow; up if the words are above the window already.
    var shift = rect.top < clear ? rect.top - clear : Math.min(hidden, rect.top - clear);
    if (shift) window.scrollBy(0, shift);
  }

  popButton.addEventListener("click", function () {
    if (!offered || !offered.passage) return;
    var noted = offered.range.getBoundingClientRect();
    var paragraph = document.getElementById(offered.paragraph);
    if (draft) {
      draft.related.push(offered.passage);
      showDraft("");
      copyDraft("已加入相关段落,");
    } else {
      draft = {id: suggestedId(offered), target: offered.passage, related: []};
      showDraft("");
      copyDraft("注释草稿已写好,");
    }
    pop.hidden = true;
    placeBelow(noted, paragraph);
    window.getSelection().removeAllRanges();
  });
  copy.addEventListener("click", function () { copyDraft(""); });
  box.addEventListener("input", function () {
    if (essay.repoUrl) propose.href = newFileLink(draft, box.value);
  });
  discard.addEventListener("click", function () {
    draft = null;
    store("sessionStorage", DRAFT_KEY, null);
    panel.hidden = true;
    idle.hidden = false;
  });
  leave.addEventListener("click", function () {
    store("sessionStorage", MODE_KEY, null);
    store("sessionStorage", DRAFT_KEY, null);
    pop.remove();
    panel.remove();
    idle.remove();
    document.removeEventListener("selectionchange", later);
  });

  var timer = 0;
  function later() {
    clearTimeout(timer);
    timer = setTimeout(offer, 120);
  }
  document.addEventListener("selectionchange", later);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") pop.hidden = true;
    // A selection made with the keyboard (caret browsing) is noted with Enter: the button is far in tab order.
    var inControl = event.target.closest && event.target.closest("a, button, input, textarea, select, summary");
    if (event.key === "Enter" && !inControl && !pop.hidden && !popButton.hidden) {
      event.preventDefault();
      popButton.click();
    }
  });

  panel.hidden = true;
  document.body.append(pop, idle, panel);
  if (draft) showDraft("草稿还在:再选一段文字可以加为相关段落。");
})();
