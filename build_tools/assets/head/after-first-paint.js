/* policy-reader: every script of the page, the theme's too, fetched once the text has painted.
 *
 * Nothing but the stylesheets is needed to read the text: without scripts the notes are plain notes
 * after their paragraph, the terms plain text, the theme's menus plain links. Fetched while the page
 * is being read in, as deferred scripts, they shared a phone's slow link with the stylesheets, and a
 * phone's first frame could wait for the theme's bundle to run (Lighthouse counted both against the
 * largest paint). Here they are asked for once the first contentful paint has happened (or the page
 * has loaded, in a tab that never painted) and the page is read in, and run in their order: the
 * reader's script (named in this element's `data-reader`), then the theme's (the finish step turns
 * each into `<script type="policy-reader/after-paint" data-src>`, see build_tools/finish/theme_scripts.py).
 *
 * The theme's bundle starts its parts on DOMContentLoaded, which has fired by then: a listener for
 * DOMContentLoaded, or for the window's load once it has fired, is called at once instead.
 *
 * This is the first part of the one script inline in each page's head (bundle.py); the search shim
 * after it uses `policyReader.afterPaint(run)` to start the search engine at the same moment.
 */
(function () {
  "use strict";
  var here = document.currentScript;
  var reader = here && here.getAttribute("data-reader");
  var AFTER_PAINT = 'script[type="policy-reader/after-paint"]';
  var LATEST_MS = 2000;

  function whenParsed(run) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
    else run();
  }

  function afterPaint(run) {
    var done = false;
    var once = function () {
      if (!done) { done = true; run(); }
    };
    var types = (window.PerformanceObserver && PerformanceObserver.supportedEntryTypes) || [];
    if (types.indexOf("paint") >= 0) {
      new PerformanceObserver(function (list, observer) {
        if (!list.getEntriesByName("first-contentful-paint").length) return;
        observer.disconnect();
        once();
      }).observe({ type: "paint", buffered: true });
    } else {
      whenParsed(once);
    }
    // A page opened in a background tab paints only when shown: it gets its scripts once loaded. (A
    // shown page can load before it paints: it waits for the paint, or a while at most.)
    window.addEventListener("load", function () {
      if (document.visibilityState === "hidden") once();
      else setTimeout(once, LATEST_MS);
    });
  }
  (window.policyReader = window.policyReader || {}).afterPaint = afterPaint;

  /* Scripts written for a deferred start wait for events that have fired by now: call them at once. */
  function lateListenersRunAtOnce() {
    // Set by a listener added here, before any the theme adds: "complete" comes just before the event.
    var loaded = false;
    window.addEventListener("load", function () { loaded = true; });
    var late = function (target, type, happened) {
      var add = target.addEventListener;
      target.addEventListener = function (name, listener) {  // and options, passed on in `arguments`
        if (name !== type || !happened() || !listener) return add.apply(this, arguments);
        var event = new Event(type);
        // Once the script adding it has run, before anything else: as if the event came next.
        queueMicrotask(function () {
          if (typeof listener === "function") listener.call(target, event);
          else if (typeof listener.handleEvent === "function") listener.handleEvent(event);
        });
      };
    };
    late(document, "DOMContentLoaded", function () { return document.readyState !== "loading"; });
    late(window, "load", function () { return loaded; });
  }

  function run(src, from, done) {
    var script = document.createElement("script");
    if (done) script.onload = script.onerror = done;
    if (from) {
      Array.prototype.forEach.call(from.attributes, function (a) {
        if (a.name !== "type" && a.name !== "data-src") script.setAttribute(a.name, a.value);
      });
    }
    script.src = src;
    script.async = false;  // in the order they are added, as deferred scripts ran
    document.head.appendChild(script);
  }

  lateListenersRunAtOnce();
  afterPaint(function () {
    whenParsed(function () {
      var scripts = [];
      if (reader) scripts.push([reader, null]);
      Array.prototype.forEach.call(document.querySelectorAll(AFTER_PAINT), function (held) {
        scripts.push([held.getAttribute("data-src"), held]);
      });
      // Once the last has run (they run in order), <html data-pr-started> and a performance mark say
      // the page is all there: for tests, and for measuring when a reader can use all of it.
      var started = function () {
        document.documentElement.setAttribute("data-pr-started", "");
        if (window.performance && performance.mark) performance.mark("policy-reader:started");
      };
      scripts.forEach(function (item, n) {
        run(item[0], item[1], n === scripts.length - 1 ? function () { setTimeout(started, 0); } : null);
      });
      if (!scripts.length) started();
    });
  });
})();
