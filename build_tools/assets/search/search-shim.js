/* policy-reader: the search engine started early on a server, and made to work from disk (file://).
 *
 * This is the second part of the one script inline in each page's head (build_tools/finish/bundle.py),
 * after head/after-first-paint.js: it must be in place before the theme's bundle (held until the first
 * paint) asks for a search worker, and an inline script costs no request.
 *
 * On a server, Material's bundle starts the search worker only once the page has been read in; on a
 * slow link the first part of the index then starts late. Here the worker starts as soon as the text
 * has painted (not before: the engine's files would share the link with the stylesheets), or when
 * the theme asks for it if that comes first, and Material is handed that same worker.
 *
 * Chromium refuses a Worker at a file:// address, so Material's search box would never get an
 * answer; Material's offline plugin fetches the iframe-worker shim from a CDN, which an offline
 * reader cannot reach. This stands in for the Worker constructor, for our engine only:
 * - it loads the engine into the page and starts it again in a worker made from its source (a
 *   blob: worker, which Chromium allows), so the index is built off the page's thread;
 * - a page on disk cannot read a file, only run a script: it runs the index's parts
 *   (search/part-N.js, one after the other, once the page has loaded) and hands each part's
 *   data, one long string, on to the worker;
 * - where even a blob: worker is refused, the engine runs in the page itself.
 * Material gets a stand-in at once and its messages pass through once the engine is there.
 *
 * Zensical's search box (a dialog in a shadow root, drawn by its bundle) sends the same message
 * numbers with other data: its SETUP carries the index it fetched (search.json, which the step
 * writes empty), its QUERY an object with the typed `input`, and it draws a RESULT's rows from that
 * index by number. `zensicalPort` speaks that to the theme and Material's to the engine: each answer's
 * rows are appended to the theme's index and handed over by number.
 *
 * The search box's row of choices (reader/search-scope.js) talks to the same engine through
 * `window.policyReader.searchScope`: `set(scope)` sends the scope chosen (held until the engine is
 * there), `listen(fn)` hears each message the engine sends (what may be chosen, each answer's counts).
 *
 * The engine's and its index's file names are Python's (build_tools/search/files.py), set by the head
 * script's prelude as `policyReader.searchFiles`.
 */
(function () {
  "use strict";
  if (typeof window.Worker === "undefined") return;
  var reader = window.policyReader = window.policyReader || {};
  var files = reader.searchFiles;
  var NativeWorker = window.Worker;
  var scopeLink = scopeChannel();
  if (location.protocol !== "file:") {
    // The reader's script, named in the head script's element, lies beside the engine's.
    var here = document.currentScript;
    startEarly(here && here.getAttribute("data-reader") && new URL(here.getAttribute("data-reader"), location.href).href);
    return;
  }
  var PART = 100;  // see search-worker.js
  var loadScript = function (url, done) {
    var script = document.createElement("script");
    script.src = url;
    script.onload = done;
    document.head.appendChild(script);
  };
  var afterLoad = function (run) {
    if (document.readyState === "complete") run();
    else window.addEventListener("load", run);
  };

  /* The engine in a worker of its own: the page runs the parts and posts their data to it. */
  function inWorker(api, engine, first, deliver) {
    var source = "(" + engine.toString() + ")(self);";
    var worker = new NativeWorker(URL.createObjectURL(new Blob([source], { type: "text/javascript" })));
    worker.onmessage = function (event) { deliver(event.data); };
    var count = 0;
    // What the index's parts call (search/files.py), handed on to the worker.
    reader.search = {
      load: function (n, parts, json) {
        count = parts;
        worker.postMessage({ type: PART, part: n, parts: parts, json: json });
      }
    };
    // The page's copy of the engine only runs the parts, one after the other; the worker reads them.
    afterLoad(function () { if (first) api.start(first, loadScript, function () { return count; }, files); });
    return function (message) { worker.postMessage(message); };
  }

  /* The engine in the page (no worker at all): it reads the parts itself. */
  function inPage(api, first, deliver) {
    afterLoad(function () { if (first) api.start(first, loadScript, null, files); });
    // Material sends SETUP from disk only at the first focus, after loading a script of its own
    // that would wait behind our index: say READY as soon as we are, and its queries come at once.
    api.ready(function () { deliver({ type: 1 }); });
    return function (message) { api.handle(message, deliver); };
  }

  /* The engine's address as the plugin writes it into Material's configuration (search/index.py:
   * the worker beside the reader's script, with its index's head); only that exact address is taken over. */
  function startEarly(beside) {
    if (!beside) return;
    var address = new URL(files.engine + "?index=" + files.head, beside).href;
    var early = null, taken = false;
    var start = function () {
      if (!early && !taken) early = new NativeWorker(address);
    };
    reader.afterPaint(start);
    // eslint-disable-next-line no-restricted-syntax -- the stand-in for the browser's Worker constructor (see above)
    window.Worker = function (url, options) {
      if (!taken && new URL(String(url), location.href).href === address) {
        start();
        var started = early;
        taken = true;
        early = null;
        scopeLink.connect(function (message) { started.postMessage(message); });
        started.addEventListener("message", function (event) { scopeLink.hear(event.data); });
        if (!zensicalTheme()) return started;
        return zensicalPort(function (message) { started.postMessage(message); }, function (receive) {
          started.onmessage = function (event) { receive(event.data); };
        });
      }
      return new NativeWorker(url, options);
    };
  }

  /* The link between the search box's choices and the engine, made before the engine is (see above). */
  function scopeChannel() {
    var send = null, waiting = null, listeners = [];
    reader.searchScope = {
      set: function (scope) {
        if (send) send({ type: 101, data: scope });
        else waiting = scope;
      },
      listen: function (fn) { listeners.push(fn); }
    };
    return {
      connect: function (post) {
        send = post;
        if (waiting) send({ type: 101, data: waiting });
      },
      hear: function (data) { listeners.forEach(function (fn) { fn(data); }); }
    };
  }

  /* Zensical draws its search box as a button; Material's is a form with an input. */
  function zensicalTheme() {
    return !!document.querySelector(".md-search > .md-search__button");
  }

  /* Zensical's result rows, made to meet WCAG 2.2 AA (axe): a row (role=option) is named by its title
   * alone though it shows its page and text too, so the name is left to the row's whole text; the page
   * under a section's title is drawn at 3.36:1, so at 70% of the text colour instead of 45%. The label
   * after a text's title (search.css, which does not reach into the dialog's shadow root) is drawn here. */
  // (No `var` initialised out here: on a server this script returns before reaching it.)
  function readableRows() {
    if (readableRows.done) return;
    var host = Array.prototype.find.call(document.body.children, function (e) {
      return e.shadowRoot && e.shadowRoot.querySelector("dialog");
    });
    if (!host) return;
    readableRows.done = true;
    var root = host.shadowRoot;
    var style = document.createElement("style");
    style.textContent = "a[role=option] menu{color:rgb(var(--color-foreground)/.7)}" +
      ".pr-result-label{display:inline-block;margin-left:.4em;padding:0 .4em;border-radius:.2em;font-size:.75em;" +
      "font-weight:400;white-space:nowrap;border:1px solid rgb(var(--color-foreground)/.4)}" +
      ".pr-result-label--earlier{font-weight:700;color:#7f1d1d;background:#fde2e1;border-color:currentcolor}";
    root.appendChild(style);
    var unname = function () {
      root.querySelectorAll("a[role=option][aria-labelledby]").forEach(function (row) {
        row.removeAttribute("aria-labelledby");
      });
    };
    new MutationObserver(unname).observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ["aria-labelledby"] });
    unname();
  }

  /* A stand-in worker speaking Zensical's protocol to the theme, Material's to the engine (`send`). */
  function zensicalPort(send, listen) {
    var port = { onmessage: null, onerror: null, onmessageerror: null, terminate: function () {} };
    var index = null;
    var base = function () {
      var config = document.getElementById("__config");
      var root = config ? JSON.parse(config.textContent).base || "." : ".";
      return new URL(root.replace(/\/?$/, "/"), location.href);
    };
    var rows = function (groups) {
      var items = index ? index.items : [];
      items.length = 0;  // the theme's own rows (search.json holds none) and the last answer's
      var shown = [];
      groups.forEach(function (group) {
        group.forEach(function (doc, n) {
          var page = group[0].title.replace(/<[^>]*>/g, "");
          items.push({
            location: new URL(doc.location, base()).href,
            title: doc.title,
            text: doc.text,
            path: n > 0 ? [page] : [],
            tags: []
          });
          shown.push({ id: items.length - 1, matches: [] });
        });
      });
      return { items: shown, query: { values: [] }, pagination: { total: shown.length } };
    };
    listen(function (data) {
      // The engine's answers to the row of choices are not the theme's.
      if (data && data.type >= 100) return;
      if (data && data.type === 3) {
        data = { type: 3, data: rows(data.data.items) };
        readableRows();
      }
      if (typeof port.onmessage === "function") port.onmessage(new MessageEvent("message", { data: data }));
    });
    port.postMessage = function (message) {
      if (message && message.type === 0) index = message.data;
      if (message && message.type === 2) message = { type: 2, data: String(message.data && message.data.input || "") };
      send(message);
    };
    return port;
  }

  // eslint-disable-next-line no-restricted-syntax -- the stand-in for the browser's Worker constructor (see above)
  window.Worker = function (url, options) {
    var address = new URL(String(url), location.href);
    if (address.pathname.split("/").pop() !== files.engine) return new NativeWorker(url, options);
    var first = address.searchParams.get("index");
    first = first && new URL(first, address).href;
    var port = document.createElement("span");
    var pending = [];
    var send = null;
    var deliver = function (data) {
      setTimeout(function () { port.dispatchEvent(new MessageEvent("message", { data: data })); }, 0);
    };
    if (zensicalTheme()) {
      var theme = zensicalPort(function (message) { port.postMessage(message); }, function (receive) {
        port.addEventListener("message", function (event) { receive(event.data); });
      });
    }
    loadScript(address.href, function () {
      var api = reader.search;
      var engine = reader.searchEngine;
      try {
        send = inWorker(api, engine, first, deliver);
      } catch (refused) {
        send = inPage(api, first, deliver);
      }
      pending.splice(0).forEach(function (message) { send(message); });
    });
    port.postMessage = function (message) {
      if (send) setTimeout(function () { send(message); }, 0);
      else pending.push(message);
    };
    port.terminate = function () {};
    port.addEventListener("message", function (event) { scopeLink.hear(event.data); });
    scopeLink.connect(port.postMessage);
    return theme || port;
  };
})();
