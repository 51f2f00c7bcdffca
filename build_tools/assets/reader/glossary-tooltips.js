/* policy-reader: glossary tooltips that open on hover, keyboard focus and tap. */
(function () {
  "use strict";
  var open = null; // {mark, tip, pinned}
  var hideTimer = null;
  var FOCUSABLE = "a[href], button, input, select, textarea, summary, [tabindex]";

  function tipFor(mark) {
    var tip = document.getElementById(mark.getAttribute("aria-describedby"));
    // Tooltips float over the page from <body>, so no ancestor clips them and nothing shifts.
    if (tip && tip.parentNode !== document.body) document.body.appendChild(tip);
    return tip;
  }

  // The tooltip stands in the page (position: absolute), so it scrolls with its term.
  function place(tip, mark) {
    var at = window.policyReader.floating.beside(tip, mark);
    tip.style.left = at.left + window.scrollX + "px";
    tip.style.top = at.top + window.scrollY + "px";
  }

  function show(mark, pinned) {
    clearTimeout(hideTimer);
    if (open && open.mark === mark) {
      open.pinned = open.pinned || pinned;
      return;
    }
    hide();
    var tip = tipFor(mark);
    if (!tip) return;
    tip.hidden = false;
    place(tip, mark);
    mark.classList.add("pr-term--open");
    open = { mark: mark, tip: tip, pinned: pinned };
  }

  function hide() {
    clearTimeout(hideTimer);
    if (!open) return;
    open.tip.hidden = true;
    open.mark.classList.remove("pr-term--open");
    open = null;
  }

  // Hover ending closes the tooltip, unless the keyboard is on its mark or inside it (WCAG 1.4.13).
  function hideSoon() {
    clearTimeout(hideTimer);
    if (open && !open.pinned && !holdsFocus(open)) hideTimer = setTimeout(hide, 250);
  }

  function holdsFocus(tooltip) {
    return document.activeElement === tooltip.mark || tooltip.tip.contains(document.activeElement);
  }

  function tabbable(root) {
    return Array.prototype.filter.call(root.querySelectorAll(FOCUSABLE), function (element) {
      return element.tabIndex >= 0 && !element.disabled && element.getClientRects().length > 0;
    });
  }

  // What Tab reaches after the mark in the page; tooltips, which sit at the end of <body>, left out.
  function nextAfter(mark) {
    return tabbable(document).find(function (element) {
      return !element.closest(".pr-tooltip") && !mark.contains(element) &&
        mark.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING;
    });
  }

  // The tooltip joins the tab order right after its mark: Tab enters it, Tab from its last link
  // goes on to what follows the mark, Shift+Tab from its first link returns to the mark.
  function tabThrough(event) {
    var inside = tabbable(open.tip);
    if (!inside.length) return;
    var active = document.activeElement;
    var target = null;
    if (!event.shiftKey && active === open.mark) target = inside[0];
    else if (event.shiftKey && active === inside[0]) target = open.mark;
    else if (!event.shiftKey && active === inside[inside.length - 1]) target = nextAfter(open.mark);
    if (!target) return;
    event.preventDefault();
    target.focus();
  }

  function markOf(target) {
    return target && target.closest ? target.closest(".pr-term") : null;
  }

  document.addEventListener("mouseover", function (event) {
    var mark = markOf(event.target);
    if (mark) show(mark, false);
    else if (open && open.tip.contains(event.target)) clearTimeout(hideTimer);
  });
  document.addEventListener("mouseout", function (event) {
    var from = markOf(event.target) || (open && open.tip.contains(event.target) ? open.tip : null);
    if (from && !(event.relatedTarget && (from.contains(event.relatedTarget)))) hideSoon();
  });
  document.addEventListener("focusin", function (event) {
    var mark = markOf(event.target);
    if (mark) show(mark, false);
    else if (open && !open.tip.contains(event.target)) hide();
  });
  document.addEventListener("focusout", function (event) {
    if (markOf(event.target) && !(open && open.tip.contains(event.relatedTarget))) hideSoon();
  });
  // A tap (or click) pins the tooltip open; a second tap, a tap elsewhere or Escape closes it.
  document.addEventListener("click", function (event) {
    var mark = markOf(event.target);
    if (mark) {
      if (open && open.mark === mark && open.pinned) hide();
      else show(mark, true);
    } else if (open && !open.tip.contains(event.target)) {
      hide();
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && open) {
      // Focus returns to the mark only from inside the tooltip, and before hiding: focusing
      // the mark after would fire focusin and open the tooltip again.
      if (open.tip.contains(document.activeElement)) open.mark.focus();
      hide();
    } else if (event.key === "Tab" && open) {
      tabThrough(event);
    } else if ((event.key === "Enter" || event.key === " ") && markOf(event.target)) {
      event.preventDefault();
      show(markOf(event.target), true);
    }
  });
  window.addEventListener("resize", function () {
    if (open) place(open.tip, open.mark);
  });
})();
