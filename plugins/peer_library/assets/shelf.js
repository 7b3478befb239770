/* Peer Library: "Add to my shelf", the /shelf/ page and the "Copy citation" button.
   The shelf is a list of entry ids in this browser's localStorage: no server, no cookies, no tracking.
   Without JavaScript the buttons stay hidden. */
(function () {
  "use strict";
  var KEY = "peer-library:shelf";
  var ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

  function load() {
    try {
      var ids = JSON.parse(localStorage.getItem(KEY) || "[]");
      return Array.isArray(ids) ? ids.filter(function (x) { return typeof x === "string" && ID.test(x); }) : [];
    } catch (e) {
      return [];
    }
  }
  function save(ids) {
    try {
      localStorage.setItem(KEY, JSON.stringify(ids));
      return true;
    } catch (e) {
      return false;
    }
  }
  function say(el, text) {
    if (!el) return;
    el.textContent = "";
    window.setTimeout(function () { el.textContent = text; }, 50);
  }
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = document.execCommand("copy");
      document.body.removeChild(area);
      if (ok) { resolve(); } else { reject(new Error("copy failed")); }
    });
  }

  /* ---------------------------------------------------------------- entry pages */
  function entryPage() {
    document.querySelectorAll("[data-pl-shelf]").forEach(function (button) {
      var id = button.getAttribute("data-pl-shelf");
      var status = button.parentNode.querySelector(".pl-shelf-status");
      var link = button.parentNode.querySelector(".pl-shelf-link");
      function show() {
        var saved = load().indexOf(id) >= 0;
        button.textContent = saved ? "On my shelf (remove)" : "Add to my shelf";
        button.setAttribute("aria-pressed", saved ? "true" : "false");
      }
      button.hidden = false;
      if (link) link.hidden = false;
      show();
      button.addEventListener("click", function () {
        var ids = load();
        var at = ids.indexOf(id);
        if (at >= 0) { ids.splice(at, 1); } else { ids.push(id); }
        if (!save(ids)) { say(status, "Could not save: this browser is not letting the site store data."); return; }
        show();
        say(status, at >= 0 ? "Removed from your shelf." : "Added to your shelf.");
      });
    });
    document.querySelectorAll("[data-pl-copy]").forEach(function (button) {
      var status = button.parentNode.querySelector(".pl-copy-status");
      button.hidden = false;
      button.addEventListener("click", function () {
        copyText(button.getAttribute("data-pl-copy")).then(
          function () { say(status, "Citation copied."); },
          function () { say(status, "Could not copy; select the citation and copy it yourself."); }
        );
      });
    });
  }

  /* ---------------------------------------------------------------- the shelf page */
  function csvCell(value) {
    var text = value == null ? "" : String(value);
    return /[",\n\r]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }
  function download(name, type, text) {
    var url = URL.createObjectURL(new Blob([text], { type: type + ";charset=utf-8" }));
    var a = document.createElement("a");
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  function shelfPage(root) {
    var base = new URL(root.getAttribute("data-root"), window.location.href);
    var list = root.querySelector(".pl-shelf-list");
    var status = root.querySelector(".pl-shelf-status");
    var shared = root.querySelector(".pl-shelf-shared");
    var empty = root.querySelector(".pl-shelf-empty");
    var shareBox = root.querySelector(".pl-share");
    var catalogue = {};

    function sharedIds() {
      var match = /^#items=([a-z0-9,-]*)$/.exec(window.location.hash);
      return match ? match[1].split(",").filter(function (x) { return ID.test(x); }) : null;
    }
    function current() {
      var ids = sharedIds();
      return ids === null ? load().filter(function (id) { return catalogue[id]; }) : ids.filter(function (id) { return catalogue[id]; });
    }
    function url(id) { return new URL(catalogue[id].url, base).href; }

    function button(label, name, action, id) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "md-button pl-shelf-move";
      b.textContent = label;
      b.setAttribute("aria-label", label + ": " + name);
      b.setAttribute("data-pl-item-action", action);
      b.setAttribute("data-pl-id", id);
      return b;
    }
    function draw(focusAction, focusId) {
      var ids = current();
      var isShared = sharedIds() !== null;
      shared.hidden = !isShared;
      empty.hidden = ids.length > 0 || isShared;
      list.textContent = "";
      ids.forEach(function (id, i) {
        var e = catalogue[id];
        var li = document.createElement("li");
        li.className = "pl-shelf-item";
        li.setAttribute("data-id", id);
        var h = document.createElement("h3");
        var a = document.createElement("a");
        a.href = url(id);
        a.textContent = e.title;
        h.appendChild(a);
        var kind = document.createElement("p");
        kind.className = "pl-kicker";
        kind.textContent = e.type_label;
        var summary = document.createElement("p");
        summary.textContent = e.summary;
        li.appendChild(kind);
        li.appendChild(h);
        li.appendChild(summary);
        if (!isShared) {
          var tools = document.createElement("p");
          tools.className = "pl-shelf-item-tools";
          var up = button("Move up", e.title, "up", id);
          var down = button("Move down", e.title, "down", id);
          up.disabled = i === 0;
          down.disabled = i === ids.length - 1;
          tools.appendChild(up);
          tools.appendChild(document.createTextNode(" "));
          tools.appendChild(down);
          tools.appendChild(document.createTextNode(" "));
          tools.appendChild(button("Remove", e.title, "remove", id));
          li.appendChild(tools);
        }
        list.appendChild(li);
      });
      if (focusId) {
        var target = list.querySelector('[data-pl-id="' + focusId + '"][data-pl-item-action="' + focusAction + '"]');
        if (!target || target.disabled) target = list.querySelector('[data-pl-id="' + focusId + '"]:not([disabled])');
        if (target) target.focus();
      }
    }

    list.addEventListener("click", function (event) {
      var b = event.target.closest("[data-pl-item-action]");
      if (!b) return;
      var id = b.getAttribute("data-pl-id");
      var action = b.getAttribute("data-pl-item-action");
      var ids = load();
      var at = ids.indexOf(id);
      if (at < 0) return;
      var title = catalogue[id] ? catalogue[id].title : id;
      if (action === "remove") {
        ids.splice(at, 1);
        save(ids);
        var next = ids[Math.min(at, ids.length - 1)];
        draw("remove", next);
        say(status, "Removed " + title + " from your shelf.");
        return;
      }
      var to = action === "up" ? at - 1 : at + 1;
      if (to < 0 || to >= ids.length) return;
      ids.splice(to, 0, ids.splice(at, 1)[0]);
      save(ids);
      draw(action, id);
      say(status, "Moved " + title + " to position " + (to + 1) + " of " + ids.length + ".");
    });

    // Each entry page carries its reference in every format as a data: download link; read it from there.
    function fetchAll(ext) {
      return Promise.all(current().map(function (id) {
        return fetch(url(id)).then(function (r) {
          if (!r.ok) throw new Error(r.status);
          return r.text();
        }).then(function (html) {
          var doc = new DOMParser().parseFromString(html, "text/html");
          var link = doc.querySelector('.pl-downloads a[download$=".' + ext + '"]');
          if (!link) throw new Error("no ." + ext + " reference on the page of " + id);
          var href = link.getAttribute("href");
          var text = decodeURIComponent(href.slice(href.indexOf(",") + 1));
          return ext === "json" ? JSON.parse(text) : text;
        });
      }));
    }
    var exporters = {
      md: function () {
        var lines = ["# My shelf", ""];
        current().forEach(function (id) {
          var e = catalogue[id];
          lines.push("- [" + e.title.replace(/([\[\]\\])/g, "\\$1") + "](" + url(id) + ") (" + e.type_label + "): " + e.summary);
        });
        download("my-shelf.md", "text/markdown", lines.join("\n") + "\n");
        return Promise.resolve();
      },
      csv: function () {
        var rows = [["id", "title", "type", "summary", "url"]];
        current().forEach(function (id) {
          var e = catalogue[id];
          rows.push([id, e.title, e.type_label, e.summary, url(id)]);
        });
        download("my-shelf.csv", "text/csv", rows.map(function (r) { return r.map(csvCell).join(","); }).join("\r\n") + "\r\n");
        return Promise.resolve();
      },
      bib: function () {
        return fetchAll("bib").then(function (parts) { download("my-shelf.bib", "application/x-bibtex", parts.join("\n")); });
      },
      ris: function () {
        return fetchAll("ris").then(function (parts) { download("my-shelf.ris", "application/x-research-info-systems", parts.join("")); });
      },
      json: function () {
        return fetchAll("json").then(function (parts) {
          var items = [].concat.apply([], parts);
          download("my-shelf.json", "application/vnd.citationstyles.csl+json", JSON.stringify(items, null, 2) + "\n");
        });
      }
    };
    root.querySelectorAll("[data-pl-export]").forEach(function (b) {
      b.addEventListener("click", function () {
        var kind = b.getAttribute("data-pl-export");
        if (!current().length) { say(status, "Nothing to export: the list is empty."); return; }
        exporters[kind]().then(
          function () { say(status, "Exported " + b.textContent + "."); },
          function () { say(status, "Could not export " + b.textContent + ": a file could not be read."); }
        );
      });
    });
    root.addEventListener("click", function (event) {
      var b = event.target.closest("[data-pl-action]");
      if (!b) return;
      var action = b.getAttribute("data-pl-action");
      if (action === "print") {
        window.print();
      } else if (action === "share") {
        var link = window.location.href.split("#")[0] + "#items=" + current().join(",");
        var input = root.querySelector("#pl-share-url");
        input.value = link;
        shareBox.hidden = false;
        copyText(link).then(
          function () { say(status, "Share link copied. Anyone with it sees this list; it holds only entry ids."); },
          function () { input.select(); say(status, "Copy the share link from the box."); }
        );
      } else if (action === "save-shared") {
        var ids = load();
        var added = 0;
        current().forEach(function (id) { if (ids.indexOf(id) < 0) { ids.push(id); added += 1; } });
        save(ids);
        say(status, "Saved " + added + " new " + (added === 1 ? "entry" : "entries") + " to your shelf.");
      } else if (action === "show-mine") {
        event.preventDefault();
        history.pushState(null, "", window.location.pathname);
        draw();
      }
    });
    window.addEventListener("hashchange", function () { draw(); });

    fetch(root.getAttribute("data-catalogue"))
      .then(function (r) { return r.json(); })
      .then(function (data) {
        data.entries.forEach(function (e) { catalogue[e.id] = e; });
        root.hidden = false;
        draw();
      })
      .catch(function () {
        root.hidden = false;
        say(status, "The catalogue could not be loaded, so the shelf cannot be shown.");
      });
  }

  function start() {
    entryPage();
    var root = document.getElementById("pl-shelf");
    if (root) shelfPage(root);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
