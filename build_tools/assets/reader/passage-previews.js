/* policy-reader: a card with the passage a note links to, shown without leaving the page.
   The passage comes from the page itself (a <template> after the link), so it shows from disk too. */
(function () {
  "use strict";
  var open = null; // {link, card}
  var hideTimer = null;
  var touched = false; // the last pointer was a finger: the first tap opens the card, the card's link goes there
  var openBeforeTap = null; // the link whose card was open when the finger came down (focus may open it mid-tap)
  var closedBy = null; // the link that focus returns to after Escape, which must not reopen its card

  function previewOf(link) {
    var next = link && link.nextElementSibling;
    return next && next.matches("template.pr-preview") ? next : null;
  }

  function linkOf(target) {
    var link = target && target.closest ? target.closest("a.pr-link") : null;
    return previewOf(link) ? link : null;
  }

  var count = 0;
  function cardFor(link) {
    var template = previewOf(link);
    var card = document.createElement("div");
    card.className = "pr-preview-card";
    card.id = "pr-preview-" + ++count;
    card.setAttribute("role", "group");
    card.setAttribute("aria-label", "相关段落预览");
    card.appendChild(template.content.cloneNode(true));
    var actions = document.createElement("p");
    actions.className = "pr-preview__actions";
    var go = document.createElement("a");
    go.href = link.getAttribute("href");
    // A whole clause is named by its printed numbers (三、（三）), a passage by its paragraph.
    var clause = template.getAttribute("data-clause");
    go.textContent = clause ? "前往" + clause : "前往第 " + template.getAttribute("data-paragraph") + " 段";
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "关闭";
    close.addEventListener("click", function () { hide(true); });
    actions.appendChild(go);
    actions.appendChild(close);
    card.appendChild(actions);
    // Right after its link in the document, so Tab goes from the link into the card.
    template.parentNode.insertBefore(card, template.nextSibling);
    link.setAttribute("aria-controls", card.id);
    return card;
  }

  // The card stands in the viewport (position: fixed), kept beside its link as the page scrolls.
  function place(card, link) {
    var at = window.policyReader.floating.beside(card, link);
    card.style.left = at.left + "px";
    card.style.top = at.top + "px";
  }

  function show(link) {
    clearTimeout(hideTimer);
    if (open && open.link === link) return;
    hide(false);
    var card = document.getElementById(link.getAttribute("aria-controls") || "") || cardFor(link);
    card.hidden = false;
    link.setAttribute("aria-expanded", "true");
    place(card, link);
    open = { link: link, card: card };
  }

  function hide(returnFocus) {
    clearTimeout(hideTimer);
    if (!open) return;
    var link = open.link;
    open.card.hidden = true;
    link.setAttribute("aria-expanded", "false");
    open = null;
    if (returnFocus) {
      closedBy = link;
      link.focus();
      closedBy = null;
    }
  }

  // Leaving the link for the card (or the card for the link) keeps it: the card can be entered.
  function hideSoon() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(function () { hide(false); }, 300);
  }

  function within(node) {
    return !!open && !!node && (open.link.contains(node) || open.card.contains(node));
  }

  document.querySelectorAll("a.pr-link").forEach(function (link) {
    if (previewOf(link)) link.setAttribute("aria-expanded", "false");
  });

  document.addEventListener("pointerdown", function (event) {
    touched = event.pointerType === "touch";
    openBeforeTap = open && open.link;
  }, true);
  document.addEventListener("mouseover", function (event) {
    if (touched) return;
    var link = linkOf(event.target);
    if (link) show(link);
    else if (within(event.target)) clearTimeout(hideTimer);
  });
  document.addEventListener("mouseout", function (event) {
    if (touched || !within(event.target) || within(event.relatedTarget)) return;
    hideSoon();
  });
  document.addEventListener("focusin", function (event) {
    var link = linkOf(event.target);
    if (link && link === closedBy) return;
    if (link) show(link);
    else if (within(event.target)) clearTimeout(hideTimer);
    else hide(false);
  });
  document.addEventListener("focusout", function (event) {
    if (within(event.target) && !within(event.relatedTarget)) hideSoon();
  });
  // On a touch screen the first tap on a link opens its card; the card's own link goes there.
  document.addEventListener("click", function (event) {
    var link = linkOf(event.target);
    if (link && touched && openBeforeTap !== link) {
      event.preventDefault();
      show(link);
    } else if (open && !within(event.target)) {
      hide(false);
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && open) hide(within(document.activeElement));
  });
  window.addEventListener("scroll", function () { if (open) place(open.card, open.link); }, { passive: true });
  window.addEventListener("resize", function () { if (open) place(open.card, open.link); });
})();
