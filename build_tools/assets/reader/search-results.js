/* policy-reader: the search results' loading row. */
(function () {
  "use strict";
  // The search engine's last row while its index is still loading is a notice, not a link.
  document.addEventListener("click", function (event) {
    var link = event.target instanceof Element && event.target.closest(".md-search-result__link");
    if (link && link.querySelector(".pr-search-loading")) {
      event.preventDefault();
      event.stopPropagation();
    }
  }, true);
})();
