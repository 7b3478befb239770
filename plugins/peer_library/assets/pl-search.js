/* Peer Library search: Pagefind behind Material's header search box, the /search/ page, and the
   catalogue's facet filters. No dependencies; it talks only to this site's own /pagefind/ bundle. */
(() => {
  "use strict";

  const HEADER_RESULTS = 8;
  const PAGE_SIZE = 20;
  // Pagefind matches the last word as a prefix, so searching "p" or "peer s" fetches the index of
  // every word starting with p or s (megabytes on a large library). Search as you type once the
  // last word has MIN_PREFIX letters; a shorter one ("AA") is searched when typing pauses.
  const MIN_PREFIX = 3;
  const TYPING_DELAY = 120;
  const SHORT_WORD_DELAY = 700;
  const delayFor = (query) => {
    const last = query.trim().split(/\s+/).pop() || "";
    return last && last.length < MIN_PREFIX ? SHORT_WORD_DELAY : TYPING_DELAY;
  };
  // A match in an entry's title or aliases (metadata written by _entry_search.md.j2) outweighs
  // many mentions in other entries' bodies, so "WRAP" or "Te Pou guide" finds the entry itself.
  // Tuned against the search-quality table in tests/browser/test_search_quality.py.
  const RANKING = { metaWeights: { title: 20, aliases: 20, summary: 2, type: 0 } };

  // Material writes the path from this page to the site root into #__config; Pagefind's bundle
  // lives at <root>/pagefind/, and result URLs are made relative to the same root, so the site
  // works from any folder of any static server.
  const config = JSON.parse(document.getElementById("__config")?.textContent || "{}");
  // The 404 page's base is "/" (it is served at any depth): "//" would be a URL without a host.
  const base = config.base || ".";
  const root = new URL(base.endsWith("/") ? base : `${base}/`, location.href);

  // Forgiving search (pl-forgive.js): without common words, corrected, then most of the words.
  const wordsUrl = new URL("search-words.txt", root).href;
  const AS_TYPED = "typed"; // ?q=recovary&typed=1: search the words as typed, correcting none
  function forgivingSearch(pf, query, options, asTyped = false) {
    const forgive = window.peerLibraryForgive;
    if (forgive) return forgive.search(pf, query, options, wordsUrl, asTyped);
    return pf.search(query, options).then((s) => ({ mode: "all", query, results: s.results, search: s, suggestion: null }));
  }
  const explain = (outcome, query) => window.peerLibraryForgive?.explain(outcome, query) || "";

  // "Did you mean ...?" with a link to the search page for the suggested words, whenever a word of
  // the query is not one the library uses (even if Pagefind's own typo tolerance found something).
  // When the results shown are the corrected search's, a second link searches the words as typed.
  function showSuggestion(notice, outcome, searchPage, typed) {
    if (!notice) return;
    const suggestion = outcome.suggestion || null;
    notice.hidden = !suggestion;
    if (!suggestion) return notice.replaceChildren();
    const link = (q, asTyped, text) => {
      const target = new URL(searchPage);
      target.searchParams.set("q", q);
      if (asTyped) target.searchParams.set(AS_TYPED, "1");
      else target.searchParams.delete(AS_TYPED);
      return el("a", { href: target.href, [asTyped ? "data-pl-as-typed" : "data-pl-suggestion"]: "" }, text);
    };
    notice.replaceChildren("Did you mean ", link(suggestion, false, suggestion), "?");
    if (outcome.mode === "corrected" || outcome.mode === "without-unused") {
      notice.append(" ", link(typed, true, `Search instead for “${typed}”`));
    }
  }

  let pagefind = null;
  function loadPagefind() {
    if (!pagefind) {
      pagefind = (async () => {
        const pf = await import(new URL("pagefind/pagefind.js", root).href);
        await pf.options({ baseUrl: root.pathname, ranking: RANKING });
        await pf.init();
        return pf;
      })();
      pagefind.catch(() => { pagefind = null; });
    }
    return pagefind;
  }

  /* ---- rendering --------------------------------------------------------------------------- */

  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs)) {
      if (value !== null && value !== undefined && value !== false) node.setAttribute(key, value);
    }
    node.append(...children.filter((c) => c !== null && c !== undefined));
    return node;
  }

  // Pagefind's excerpt is text with <mark> around matched words. Rebuild it from text nodes and
  // marks only, in an inert document, so nothing in an entry can ever become live markup here.
  function excerpt(html) {
    const doc = new DOMParser().parseFromString(`<p>${html || ""}</p>`, "text/html");
    const out = el("p", { class: "pl-result__excerpt" });
    for (const node of doc.body.firstChild?.childNodes || []) {
      out.append(node.nodeName === "MARK" ? el("mark", {}, node.textContent) : node.textContent);
    }
    return out;
  }

  // Pagefind's URLs already start with the site's base path (options.baseUrl).
  function resultUrl(data) {
    return new URL(data.url, location.href).href;
  }

  function headerItem(data, query) {
    const meta = data.meta || {};
    return el("li", { class: "md-search-result__item" },
      el("a", { href: resultUrl(data), class: "md-search-result__link" },
        el("div", { class: "md-search-result__article md-typeset" },
          el("p", { class: "pl-result__type" }, meta.type || ""),
          el("h1", {}, meta.title || data.url),
          el("p", { class: "pl-result__summary" }, meta.summary || ""),
          query ? excerpt(data.excerpt) : null)));
  }

  function pageItem(data, query) {
    const meta = data.meta || {};
    return el("li", { class: "pl-result" },
      el("p", { class: "pl-result__type" }, meta.type || ""),
      el("h3", { class: "pl-result__title" }, el("a", { href: resultUrl(data) }, meta.title || data.url)),
      el("p", { class: "pl-result__summary" }, meta.summary || ""),
      query ? excerpt(data.excerpt) : null);
  }

  function plural(n, one, many) {
    return `${n} ${n === 1 ? one : many}`;
  }

  /* ---- single-key shortcuts: a setting kept in this browser (WCAG 2.2 SC 2.1.4) ---------------- */

  const SHORTCUTS_KEY = "pl-shortcuts";
  function shortcutsOn() {
    try { return localStorage.getItem(SHORTCUTS_KEY) !== "off"; } catch { return true; }
  }
  // Any field a person types into: shortcuts never steal its keys.
  function typingIn(node) {
    if (!node) return false;
    if (node.isContentEditable || /^(TEXTAREA|SELECT)$/.test(node.tagName)) return true;
    if (node.tagName === "INPUT") return !/^(checkbox|radio|button|submit|reset|range|color|file|image)$/i.test(node.type);
    return /^(textbox|searchbox|combobox|spinbutton)$/.test(node.getAttribute?.("role") || "");
  }
  function mountShortcutSettings(input) {
    const boxes = [...document.querySelectorAll("[data-pl-shortcuts]")];
    const show = () => {
      const on = shortcutsOn();
      for (const box of boxes) box.checked = on;
      if (input) on ? input.setAttribute("aria-keyshortcuts", "/ s f") : input.removeAttribute("aria-keyshortcuts");
    };
    for (const box of boxes) {
      box.closest("[data-pl-shortcuts-setting]").hidden = false;
      box.addEventListener("change", () => {
        try { localStorage.setItem(SHORTCUTS_KEY, box.checked ? "on" : "off"); } catch { /* private mode: this page only */ }
        show();
      });
    }
    window.addEventListener("storage", (event) => { if (event.key === SHORTCUTS_KEY) show(); });
    show();
  }

  /* ---- the header search box ---------------------------------------------------------------- */

  function mountHeader(box) {
    const toggle = document.getElementById("__search");
    const form = box.querySelector("[data-pl-search-form]");
    const input = box.querySelector("[data-pl-query]");
    const status = box.querySelector("[data-pl-status]");
    const list = box.querySelector("[data-pl-results]");
    const all = box.querySelector("[data-pl-all]");
    const notice = box.querySelector("[data-pl-notice]");
    if (!toggle || !form || !input) return;
    const searchPage = form.action;
    let seq = 0;
    let timer = 0;

    const open = () => { toggle.checked = true; loadPagefind().catch(() => {}); };
    const close = () => { toggle.checked = false; input.blur(); };
    const links = () => [...list.querySelectorAll("a")];

    async function run() {
      const query = input.value.trim();
      const mine = ++seq;
      const target = new URL(searchPage);
      if (query) target.searchParams.set("q", query);
      all.href = target.href;
      if (!query) {
        list.replaceChildren();
        showSuggestion(notice, { mode: "all" }, searchPage);
        status.textContent = "Type to start searching";
        all.textContent = "Search with filters";
        return;
      }
      let pf;
      try {
        pf = await loadPagefind();
      } catch {
        status.textContent = "Search is not available: the search index could not be loaded.";
        return;
      }
      const outcome = await forgivingSearch(pf, query);
      if (mine !== seq) return;
      const found = outcome.results.length;
      const data = await Promise.all(outcome.results.slice(0, HEADER_RESULTS).map((r) => r.data()));
      if (mine !== seq) return;
      // Keep keyboard focus on the same result when later keystrokes refresh the list.
      const focused = list.contains(document.activeElement) ? document.activeElement.href : null;
      list.replaceChildren(...data.map((d) => headerItem(d, query)));
      if (focused) (links().find((a) => a.href === focused) || input).focus();
      showSuggestion(notice, outcome, searchPage, query);
      if (!found) status.textContent = "No matching entries";
      else if (outcome.mode === "all") status.textContent = plural(found, "matching entry", "matching entries");
      else status.textContent = explain(outcome, query);
      all.textContent = found > HEADER_RESULTS ? `See all ${found} results and filter them` : "Filter these results";
    }

    input.addEventListener("focus", open);
    input.addEventListener("input", () => {
      open();
      clearTimeout(timer);
      timer = setTimeout(run, delayFor(input.value));
    });
    form.addEventListener("reset", () => { setTimeout(() => { run(); input.focus(); }, 0); });
    form.addEventListener("submit", (event) => {
      // Enter opens the best result, as in Material; with none, the full search page takes over.
      const first = links()[0];
      if (first && input.value.trim()) {
        event.preventDefault();
        location.href = first.href;
      }
    });

    // Material's shortcuts: "/", "s" or "f" open search; arrows move through results; Escape closes.
    document.addEventListener("keydown", (event) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const active = document.activeElement;
      if (!toggle.checked || !box.contains(active)) {
        if (shortcutsOn() && !typingIn(active) && ["/", "s", "f"].includes(event.key)) {
          event.preventDefault();
          open();
          input.focus();
          input.select();
        }
        return;
      }
      if (event.key === "Escape") {
        event.preventDefault();
        close();
      } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        const stops = [input, ...links()];
        const at = Math.max(0, stops.indexOf(active));
        stops[(at + (event.key === "ArrowDown" ? 1 : stops.length - 1)) % stops.length].focus();
      }
    });
    // Leaving the search box with Tab or a click elsewhere closes it.
    box.addEventListener("focusout", (event) => {
      if (event.relatedTarget && !box.contains(event.relatedTarget)) toggle.checked = false;
    });
    status.textContent = "Type to start searching";
  }

  /* ---- the search page and the catalogue ----------------------------------------------------- */

  function mountApp(app) {
    const mode = app.dataset.plSearchApp; // "search" or "catalogue"
    // Filters without words search for a word every entry has (see search.py's EVERY_ENTRY): a
    // search with no words at all makes Pagefind download its whole index.
    // What was searched for: the query, or what a forgiving search fell back to.
    let searched = "";
    const searchWords = () => searched || app.dataset.plEveryEntry || null;
    const form = document.querySelector("[data-pl-search-form]:not(.md-search__form)");
    const input = form?.querySelector("[data-pl-query]");
    const status = app.querySelector("[data-pl-status]");
    const list = app.querySelector("[data-pl-results]");
    const more = app.querySelector("[data-pl-more]");
    const sort = app.querySelector("[data-pl-sort]");
    const clear = app.querySelector("[data-pl-clear]");
    const notice = app.querySelector("[data-pl-notice]");
    const staticList = document.querySelector("[data-pl-catalogue]");
    // On a narrow screen the filters sit above the results: start them folded, unless some are chosen.
    const panel = app.querySelector("[data-pl-facets]");
    const chosenCount = panel.querySelector("[data-pl-chosen]");
    if (matchMedia("(max-width: 59.984em)").matches && ![...new URLSearchParams(location.search).keys()]
      .some((key) => app.querySelector(`[data-pl-facet="${CSS.escape(key)}"]`))) panel.open = false;
    function showChosen(filtering) {
      const n = Object.values(state.selected).reduce((sum, set) => sum + set.size, 0);
      chosenCount.textContent = filtering ? ` (${n} chosen)` : "";
    }
    const facets = [...app.querySelectorAll("[data-pl-facet]")].map((node) => ({
      key: node.dataset.plFacet,
      node,
      values: node.querySelector(".pl-facet__values"),
      boxes: new Map(),
    }));

    const params = new URLSearchParams(location.search);
    const state = {
      query: mode === "search" ? (params.get("q") || "").trim() : "",
      asTyped: mode === "search" && params.get(AS_TYPED) === "1",
      sort: params.get("sort") || "",
      selected: Object.fromEntries(facets.map((f) => [f.key, new Set(params.getAll(f.key))])),
      shown: PAGE_SIZE,
    };
    if (input) input.value = state.query;
    sort.value = ["title", "year"].includes(state.sort) ? state.sort : sort.options[0].value;
    let seq = 0;
    let results = [];

    const chosen = () => Object.fromEntries(
      Object.entries(state.selected).filter(([, set]) => set.size).map(([key, set]) => [key, { any: [...set] }]));
    const sortOption = () => {
      if (sort.value === "title") return { title: "asc" };
      if (sort.value === "year") return { year: "desc" };
      return state.query ? undefined : { title: "asc" }; // browsing without words: alphabetical
    };

    function saveUrl() {
      const next = new URLSearchParams();
      if (state.query) next.set("q", state.query);
      if (state.query && state.asTyped) next.set(AS_TYPED, "1");
      for (const [key, set] of Object.entries(state.selected)) for (const v of set) next.append(key, v);
      if (sort.value && sort.value !== sort.options[0].value) next.set("sort", sort.value);
      const qs = next.toString();
      history.replaceState(null, "", `${location.pathname}${qs ? `?${qs}` : ""}${location.hash}`);
    }

    function buildFacets(totals) {
      for (const facet of facets) {
        const counts = totals[facet.key] || {};
        const values = Object.keys(counts);
        // A hand-typed address may differ in case from the index's values (?type=writing).
        const canonical = (v) => values.find((x) => x.toLowerCase() === v.toLowerCase()) || v;
        state.selected[facet.key] = new Set([...state.selected[facet.key]].map(canonical));
        for (const v of state.selected[facet.key]) if (!values.includes(v)) values.push(v);
        values.sort(facet.key === "year" ? (a, b) => Number(b) - Number(a) : (a, b) => a.localeCompare(b));
        facet.node.hidden = values.length === 0;
        facet.values.replaceChildren(...values.map((value) => {
          const box = el("input", { type: "checkbox", value });
          box.checked = state.selected[facet.key].has(value);
          box.addEventListener("change", () => {
            state.selected[facet.key][box.checked ? "add" : "delete"](value);
            state.shown = PAGE_SIZE;
            update();
          });
          const count = el("span", { class: "pl-facet__count" });
          facet.boxes.set(value, { box, count });
          return el("li", {}, el("label", {}, box, ` ${value} `, count));
        }));
        if (state.selected[facet.key].size) facet.node.open = true;
      }
    }

    // Counts are "how many results would I get if I ticked this too": a facet's own choices are
    // left out of its counts (values within a facet are alternatives), every other choice applies.
    async function facetCounts(pf, search, filters) {
      const counts = {};
      for (const facet of facets) {
        if (!filters[facet.key]) {
          counts[facet.key] = search ? search.filters[facet.key] || {} : {};
          continue;
        }
        const others = { ...filters };
        delete others[facet.key];
        if (!state.query && Object.keys(others).length === 0) {
          counts[facet.key] = (await pf.filters())[facet.key] || {};
        } else {
          const s = await pf.search(searchWords(), { filters: others });
          counts[facet.key] = s.filters[facet.key] || {};
        }
      }
      return counts;
    }

    function showCounts(counts) {
      for (const facet of facets) {
        for (const [value, { count }] of facet.boxes) {
          const n = counts[facet.key]?.[value] ?? 0;
          count.textContent = `(${n})`;
          count.closest("li").classList.toggle("pl-facet__value--empty", n === 0);
        }
      }
    }

    async function renderResults(mine) {
      const slice = results.slice(0, state.shown);
      const data = await Promise.all(slice.map((r) => r.data()));
      if (mine !== seq) return;
      list.replaceChildren(...data.map((d) => pageItem(d, state.query)));
      more.hidden = results.length <= state.shown;
    }

    async function update() {
      const mine = ++seq;
      let pf;
      try {
        pf = await loadPagefind();
      } catch {
        status.textContent = "Search is not available: the search index could not be loaded.";
        return;
      }
      if (!facets[0].boxes.size) buildFacets(await pf.filters());
      saveUrl();
      const filters = chosen();
      const filtering = Object.keys(filters).length > 0;
      const active = Boolean(state.query) || filtering;
      clear.hidden = !filtering;
      showChosen(filtering);
      let search = null;
      let outcome = null;
      searched = state.query;
      if (state.query) {
        outcome = await forgivingSearch(pf, state.query, { filters, sort: sortOption() }, state.asTyped);
        search = outcome.search;
        searched = outcome.mode === "most" || outcome.mode === "none" ? state.query : outcome.query;
      } else if (active) {
        search = await pf.search(searchWords(), { filters, sort: sortOption() });
      }
      const counts = active ? await facetCounts(pf, search, filters) : await pf.filters();
      if (mine !== seq) return;
      showCounts(counts);
      if (staticList) staticList.hidden = filtering;
      showSuggestion(notice, outcome || { mode: "all" }, location.href, state.query);
      if (!active) {
        results = [];
        list.replaceChildren();
        more.hidden = true;
        status.textContent = mode === "search"
          ? "Type words to search for, or choose filters to browse."
          : "";
        return;
      }
      results = outcome ? outcome.results : search.results;
      const words = state.query ? ` for “${state.query}”` : "";
      if (!results.length) status.textContent = `No entries${words}. Try fewer words or filters.`;
      else if (outcome && outcome.mode !== "all") status.textContent = explain(outcome, state.query);
      else status.textContent = `${plural(results.length, "entry", "entries")}${words}`;
      await renderResults(mine);
    }

    form?.addEventListener("submit", (event) => {
      event.preventDefault();
      state.query = input.value.trim();
      state.asTyped = false;
      state.shown = PAGE_SIZE;
      update();
    });
    sort.addEventListener("change", () => { state.shown = PAGE_SIZE; update(); });
    more.addEventListener("click", () => {
      const first = state.shown;
      state.shown += PAGE_SIZE;
      renderResults(seq).then(() => list.children[first]?.querySelector("a")?.focus());
    });
    clear.addEventListener("click", () => {
      for (const set of Object.values(state.selected)) set.clear();
      for (const facet of facets) for (const { box } of facet.boxes.values()) box.checked = false;
      state.shown = PAGE_SIZE;
      update();
      (input || sort).focus();
    });
    app.hidden = false;
    update();
  }

  // For tests and for anyone scripting the site: Pagefind's API, loaded with this site's options.
  window.peerLibrarySearch = {
    pagefind: loadPagefind,
    ranking: RANKING,
    forgiving: async (query, options, asTyped) => forgivingSearch(await loadPagefind(), query, options, asTyped),
  };

  function start() {
    const box = document.querySelector("[data-pl-search]");
    if (box) mountHeader(box);
    mountShortcutSettings(box?.querySelector("[data-pl-query]"));
    for (const app of document.querySelectorAll("[data-pl-search-app]")) mountApp(app);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
