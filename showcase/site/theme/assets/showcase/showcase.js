/* Demos on demand: a project page shows a still image and a button; the click loads
   the live demo. Nothing third-party loads with the page.

   data-sc-demo="browser": the click runs the demo in the page (see demos/common.mjs).

   <div class="sc-demo" data-sc-demo="space|local" data-src="https://owner-name.hf.space"
        data-script="https://gradio.s3-us-west-2.amazonaws.com/<version>/gradio.js"> ...

   With data-script, Gradio's web component (pinned to the project's Gradio version) is
   loaded and pointed at the Space; without it, an <iframe> of data-src. If the app has
   not rendered after WAIT_MS (a sleeping Space, no network), the still image comes back
   with a note, and the link to the Space stays.

   One click listener on the document does it all: it survives Material's instant
   navigation (which swaps the page content, not the document) and costs nothing at load.

   Before the tap: once a page's in-browser demo comes near the screen, after the page has
   loaded and when the browser is idle, its code and model download and the model is prepared
   (the kind module's `prefetch`), so the tap answers at once: on a phone's connection a model
   takes seconds to arrive. Not when the browser asks to save data (navigator.connection.saveData),
   not for a replay, and never on a page without such a demo. The box gets data-sc-ready when it
   is done; a failure is left for the tap, which tries again and says what went wrong. */
(function () {
  "use strict";

  var WAIT_MS = 30000;
  var scripts = {};
  var ROOT = new URL("../../", document.currentScript.src);  // this is <root>/assets/showcase/showcase.js

  function loadScript(src) {
    if (!scripts[src]) {
      scripts[src] = new Promise(function (resolve, reject) {
        var tag = document.createElement("script");
        tag.type = "module";
        tag.src = src;
        tag.onload = resolve;
        tag.onerror = function () {
          delete scripts[src];
          tag.remove();
          reject(new Error("could not load " + src));
        };
        document.head.appendChild(tag);
      });
    }
    return scripts[src];
  }

  function status(box, text) {
    var note = box.querySelector(".sc-demo__status");
    if (!note) {
      note = document.createElement("p");
      note.className = "sc-demo__status";
      note.setAttribute("role", "status");
      box.appendChild(note);
    }
    note.textContent = text;
  }

  function fail(box) {
    box.removeAttribute("data-sc-state");
    var app = box.querySelector(".sc-demo__frame");
    if (app) app.remove();
    status(box, "The demo did not load: the Space may be asleep or unreachable. " +
      "Open it on Hugging Face to wake it, then try again.");
  }

  function at(path) { return new URL(path, ROOT).href; }

  function demoFiles(box) {
    var files = JSON.parse(box.getAttribute("data-files"));
    for (var role in files) files[role] = at(files[role]);
    return files;
  }

  function prefetch(box) {
    import(at(box.getAttribute("data-module"))).then(function (demo) {
      return demo.prefetch(demoFiles(box), JSON.parse(box.getAttribute("data-examples")).map(at));
    }).then(function () { box.setAttribute("data-sc-ready", ""); }, function () {});
  }

  var observer = null;  // one at a time: instant navigation replaces the page's boxes

  function prefetchWhenNear() {
    if (observer) observer.disconnect();
    var boxes = document.querySelectorAll(".sc-demo[data-sc-demo=browser]:not([data-replay])");
    var connection = navigator.connection;
    if (!boxes.length || !("IntersectionObserver" in window) || (connection && connection.saveData)) return;
    var idle = window.requestIdleCallback || function (run) { return setTimeout(run, 1); };
    observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (!entry.isIntersecting) return;
        observer.unobserve(entry.target);
        idle(function () { prefetch(entry.target); });
      });
    }, { rootMargin: "1000px 0px" });
    boxes.forEach(function (box) { observer.observe(box); });
  }

  function afterLoad() {
    if (document.readyState === "complete") prefetchWhenNear();
    else window.addEventListener("load", prefetchWhenNear, { once: true });
  }

  function openInPage(box) {
    var replay = box.hasAttribute("data-replay");  // recorded episodes: nothing to run
    // onnx-lite is plain JavaScript; only onnxruntime-web needs WebAssembly
    if (typeof WebAssembly !== "object" && box.getAttribute("data-runtime") === "onnxruntime-web") {
      return status(box, "This browser cannot run the demo: it has no WebAssembly. The picture above shows it.");
    }
    box.setAttribute("data-sc-state", "loading");
    status(box, replay ? "Loading the recording…" : "Loading the model…");
    var app = document.createElement("div");
    var files = demoFiles(box);
    app.className = "sc-demo__app";
    import(at(box.getAttribute("data-module"))).then(function (demo) {
      box.insertBefore(app, box.firstChild);
      return demo.mount(app, { files: files, examples: JSON.parse(box.getAttribute("data-examples")).map(at) });
    }).then(function (mounted) {
      box.scDemo = mounted;
      box.setAttribute("data-sc-state", "open");
      status(box, "");
    }, function (error) {
      box.removeAttribute("data-sc-state");
      app.remove();
      if (error.name === "Unsupported") {  // no use trying again: say why, keep the picture
        box.querySelector(".sc-demo__open").remove();
        status(box, error.message);
        return;
      }
      status(box, "The demo did not load (" + error.message + "). Reload the page to try again.");
    });
  }

  function open(box) {
    if (box.getAttribute("data-sc-state")) return;  // loading or open already
    if (box.getAttribute("data-sc-demo") === "browser") return openInPage(box);
    var src = box.getAttribute("data-src");
    var script = box.getAttribute("data-script");
    box.setAttribute("data-sc-state", "loading");
    status(box, "Loading the demo…");
    var timer = setTimeout(function () { fail(box); }, WAIT_MS);
    function shown() {
      clearTimeout(timer);
      box.setAttribute("data-sc-state", "open");
      status(box, "");
    }
    var app;
    if (script) {
      loadScript(script).then(function () {
        app = document.createElement("gradio-app");
        app.className = "sc-demo__frame";
        app.setAttribute("src", src);
        app.addEventListener("render", shown);
        box.insertBefore(app, box.firstChild);
      }, function () {
        clearTimeout(timer);
        fail(box);
      });
    } else {
      app = document.createElement("iframe");
      app.className = "sc-demo__frame";
      app.title = box.getAttribute("data-title") || "Live demo";
      app.src = src;
      app.addEventListener("load", shown);
      box.insertBefore(app, box.firstChild);
    }
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".sc-demo__open");
    var box = button && button.closest("[data-sc-demo]");
    if (box) open(box);
  });

  // Material's instant navigation announces each page it shows (the first one too) on document$.
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(afterLoad);
  else afterLoad();
})();
