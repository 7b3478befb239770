/* Pathways: step progress and facilitator notes kept in this browser's localStorage (no server, no
   cookies), per-module progress on the overview, a reset button, and the handout's print button.
   Without JavaScript the pages still read fully: the controls stay hidden and every note shows. */
(function () {
  "use strict";
  var PREFIX = "peer-library:pathway:";
  var NOTES = "peer-library:facilitator-notes";

  function read(key, fallback) {
    try {
      var raw = window.localStorage.getItem(key);
      return raw === null ? fallback : JSON.parse(raw);
    } catch (e) {
      return fallback;
    }
  }

  function write(key, value) {
    try {
      if (value === null) window.localStorage.removeItem(key);
      else window.localStorage.setItem(key, JSON.stringify(value));
    } catch (e) { /* storage full or disabled: progress lasts for this page only */ }
  }

  function done(pathway) {
    var value = read(PREFIX + pathway, {});
    return value && typeof value === "object" ? value : {};
  }

  function announce(text) {
    var status = document.querySelector("[data-pl-status]");
    if (!status) return;
    status.hidden = false;
    status.textContent = "";
    // a fresh text node in the next frame is announced even when the message repeats
    window.requestAnimationFrame(function () { status.textContent = text; });
  }

  function steps(count, total) {
    return count + " of " + total + " step" + (total === 1 ? "" : "s") + " done";
  }

  function initModule(list) {
    var pathway = list.getAttribute("data-pl-pathway");
    var boxes = list.querySelectorAll("input[data-pl-key]");
    var state = done(pathway);
    var status = document.querySelector("[data-pl-status]");
    if (status) status.hidden = false;
    function count() {
      var n = 0;
      boxes.forEach(function (b) { if (b.checked) n += 1; });
      return n;
    }
    boxes.forEach(function (box) {
      var key = box.getAttribute("data-pl-key");
      var item = box.closest("li");
      box.checked = state[key] === true;
      if (item) item.classList.toggle("pl-step--done", box.checked);
      box.parentElement.hidden = false;
      box.addEventListener("change", function () {
        var now = done(pathway);
        if (box.checked) now[key] = true;
        else delete now[key];
        write(PREFIX + pathway, now);
        if (item) item.classList.toggle("pl-step--done", box.checked);
        var label = item ? item.querySelector("h3") : null;
        var name = label ? label.textContent.trim() : "Step";
        announce((box.checked ? "Done: " : "Not done: ") + name + ". " + steps(count(), boxes.length) + " in this module.");
      });
    });
  }

  // The overview's main button goes on from where this browser left off: the first module begun but
  // not finished, else the first not begun; it says "Start" again when nothing is done, or all is.
  function pointStart(button, progress) {
    var begun = progress.some(function (p) { return p.n > 0; });
    var next = progress.filter(function (p) { return p.n > 0 && p.n < p.total; })[0] ||
      progress.filter(function (p) { return p.n === 0; })[0];
    var link = begun && next ? next.row.closest(".pl-module-card").querySelector("h3 a") : null;
    if (!button.hasAttribute("data-pl-start-text")) {
      button.setAttribute("data-pl-start-text", button.textContent);
      button.setAttribute("data-pl-start-href", button.getAttribute("href"));
    }
    button.textContent = link ? "Continue: " + link.textContent.trim() : button.getAttribute("data-pl-start-text");
    button.setAttribute("href", link ? link.getAttribute("href") : button.getAttribute("data-pl-start-href"));
  }

  function initOverview(tools) {
    var pathway = tools.getAttribute("data-pl-pathway");
    var rows = document.querySelectorAll(".pl-progress[data-pl-module]");
    var start = document.querySelector("[data-pl-start]");
    function refresh() {
      var state = done(pathway);
      var progress = [];
      rows.forEach(function (row) {
        var keys = (row.getAttribute("data-pl-keys") || "").split(" ").filter(Boolean);
        var n = keys.filter(function (k) { return state[k] === true; }).length;
        progress.push({ row: row, n: n, total: keys.length });
        var bar = row.querySelector("progress");
        if (bar) bar.value = n;
        var text = row.querySelector("[data-pl-count]");
        if (text) text.textContent = (n === 0 ? "Not started: " : n === keys.length ? "Complete: " : "") + steps(n, keys.length);
        row.hidden = false;
      });
      if (start) pointStart(start, progress);
    }
    tools.hidden = false;
    refresh();
    var reset = tools.querySelector("[data-pl-reset]");
    if (reset) {
      reset.addEventListener("click", function () {
        write(PREFIX + pathway, null);
        refresh();
        announce("Your progress in this pathway has been reset.");
      });
    }
    // progress ticked in another tab shows here too
    window.addEventListener("storage", function (e) { if (e.key === PREFIX + pathway) refresh(); });
  }

  function initNotes() {
    var toggles = document.querySelectorAll("[data-pl-notes-toggle]");
    if (!toggles.length) return;
    function apply(shown) {
      document.querySelectorAll("[data-pl-note]").forEach(function (n) { n.hidden = !shown; });
      toggles.forEach(function (t) { t.setAttribute("aria-pressed", shown ? "true" : "false"); });
    }
    apply(read(NOTES, false) === true);
    toggles.forEach(function (t) {
      t.parentElement.hidden = false;
      t.addEventListener("click", function () {
        var shown = t.getAttribute("aria-pressed") !== "true";
        write(NOTES, shown);
        apply(shown);
      });
    });
  }

  function init() {
    document.querySelectorAll("ol.pl-steps[data-pl-pathway]").forEach(initModule);
    document.querySelectorAll(".pl-progress-tools[data-pl-pathway]").forEach(initOverview);
    initNotes();
    document.querySelectorAll("[data-pl-print]").forEach(function (b) {
      b.hidden = false;
      b.addEventListener("click", function () { window.print(); });
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
