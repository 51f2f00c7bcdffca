/* policy-reader: run the search engine in the page when the site is opened from disk.
 *
 * Chromium refuses Web Workers on file:// pages, so Material's search box would never get an
 * answer. Material's offline plugin loads the iframe-worker shim from a CDN, which an offline
 * reader cannot reach. Our engine is small and also runs in the page: this stands in for the
 * Worker constructor for our engine only, passing the same messages, asynchronously, and loads
 * the engine's index with script tags (a page on disk cannot read files) once the page has loaded.
 */
(function () {
  "use strict";
  if (location.protocol !== "file:" || typeof window.Worker === "undefined") return;
  var NativeWorker = window.Worker;
  var loadScript = function (url, done) {
    var script = document.createElement("script");
    script.src = url;
    script.onload = done;
    document.head.appendChild(script);
  };
  window.Worker = function (url, options) {
    if (String(url).indexOf("search-worker") < 0) return new NativeWorker(url, options);
    var address = new URL(String(url), location.href);
    var port = document.createElement("span");
    var pending = [];
    var engine = null;
    var deliver = function (data) {
      setTimeout(function () { port.dispatchEvent(new MessageEvent("message", { data: data })); }, 0);
    };
    var run = function (message) { engine.handle(message, deliver); };
    loadScript(address.href, function () {
      engine = window.PolicyReaderSearch;
      var first = address.searchParams.get("index");
      // The page first, then the index: parsing it would hold up the page's first paint and load.
      var start = function () { if (first) engine.start(new URL(first, address).href, loadScript); };
      if (document.readyState === "complete") start();
      else window.addEventListener("load", start);
      pending.splice(0).forEach(run);
    });
    port.postMessage = function (message) {
      if (engine) setTimeout(function () { run(message); }, 0);
      else pending.push(message);
    };
    port.terminate = function () {};
    return port;
  };
})();
