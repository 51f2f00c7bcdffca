/* policy-reader: where a floating box (a term's tooltip, a passage's preview card) stands beside what opened it. */
(function () {
  "use strict";
  var MARGIN = 8; // px kept between the box, what opened it, and the viewport's edges

  /* Viewport coordinates for `box` below `anchor`, or above it when there is no room below; always
   * inside the viewport, so on a phone a box is never cut off at an edge. */
  function beside(box, anchor) {
    var rect = anchor.getBoundingClientRect();
    box.style.left = "0px";
    box.style.top = "0px";
    var width = box.offsetWidth, height = box.offsetHeight;
    var left = Math.max(MARGIN, Math.min(rect.left, document.documentElement.clientWidth - width - MARGIN));
    var below = rect.bottom + MARGIN;
    var top = below + height <= window.innerHeight - MARGIN ? below : Math.max(MARGIN, rect.top - height - MARGIN);
    return { left: left, top: top };
  }

  (window.policyReader = window.policyReader || {}).floating = { beside: beside };
})();
