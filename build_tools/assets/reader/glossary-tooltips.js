/* policy-reader: glossary tooltips that open on hover, keyboard focus and tap. */
(function () {
  "use strict";
  var open = null; // {mark, tip, pinned}
  var hideTimer = null;

  function tipFor(mark) {
    var tip = document.getElementById(mark.getAttribute("aria-describedby"));
    // Tooltips float over the page from <body>, so no ancestor clips them and nothing shifts.
    if (tip && tip.parentNode !== document.body) document.body.appendChild(tip);
    return tip;
  }

  function place(tip, mark) {
    var rect = mark.getBoundingClientRect();
    var margin = 8;
    tip.style.left = "0px";
    tip.style.top = "0px";
    var width = tip.offsetWidth, height = tip.offsetHeight;
    var left = Math.min(Math.max(margin, rect.left), document.documentElement.clientWidth - width - margin);
    var below = rect.bottom + margin;
    var top = below + height > window.innerHeight && rect.top - height - margin > 0 ? rect.top - height - margin : below;
    tip.style.left = left + window.scrollX + "px";
    tip.style.top = top + window.scrollY + "px";
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

  function hideSoon() {
    clearTimeout(hideTimer);
    if (open && !open.pinned) hideTimer = setTimeout(hide, 250);
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
    } else if ((event.key === "Enter" || event.key === " ") && markOf(event.target)) {
      event.preventDefault();
      show(markOf(event.target), true);
    }
  });
  window.addEventListener("resize", function () {
    if (open) place(open.tip, open.mark);
  });
})();
