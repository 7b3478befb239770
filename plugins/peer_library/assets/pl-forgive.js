/* Search that forgives: what pl-search.js does when Pagefind finds nothing for every word.

   1. Search again without common words ("how do I share my story" -> "share story").
   2. Search for a probably misspelt word's nearest word in the library's own word list
      (/search-words.txt, written at build time by site/search_words.py): "Did you mean ...?".
   3. Show the entries that match most of the words, ranked by how many they match, then by
      Pagefind's score.
   No dependencies; exposed as window.peerLibraryForgive for pl-search.js and for tests. */
(() => {
  "use strict";

  // Dropped from a query that finds nothing: question words and small words of everyday phrasing.
  const COMMON = new Set(`a about after all also am an and any are as at be been being but by can
    could did do does doing for from get gets getting got had has have having he her here him his how
    i i'm if in into is it it's its just me might more most much my myself no not now of on one or
    our out over should so some such than that the their them then there these they this those to
    too up us very want was way we were what when where which while who whom why will with would
    you your yours`.split(/\s+/));
  const MIN_LENGTH = 4; // shorter words (acronyms) are never "corrected"

  const tokens = (text) => (text || "").toLowerCase().match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu) || [];
  const meaningful = (words) => [...new Set(words.filter((w) => !COMMON.has(w)))];

  let words = null;
  function loadWords(url) {
    if (!words) {
      words = fetch(url)
        .then((r) => (r.ok ? r.text() : ""))
        .catch(() => "")
        .then((text) => {
          const list = text.split("\n").filter(Boolean);
          return { list, known: new Set(list) };
        });
    }
    return words;
  }

  // Optimal string alignment distance (edits, with a swap of two neighbours as one), or max + 1.
  function distance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    let prev2 = null;
    let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const row = [i];
      let best = i;
      for (let j = 1; j <= b.length; j++) {
        const cost = a[i - 1] === b[j - 1] ? 0 : 1;
        let d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
        if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
        row.push(d);
        best = Math.min(best, d);
      }
      if (best > max) return max + 1;
      prev2 = prev;
      prev = row;
    }
    return prev[b.length];
  }

  // A word the library uses, or a plural or other form of one (Pagefind stems these itself).
  function isKnown(word, known) {
    if (known.has(word)) return true;
    for (const end of ["s", "es", "ed", "ing", "ly"]) {
      if (word.endsWith(end) && known.has(word.slice(0, -end.length))) return true;
      if (known.has(word + end)) return true;
    }
    return false;
  }

  // The library's nearest word to an unknown one; ties go to the word earlier in the list
  // (names first, then the most widely used).
  function nearest(word, { list, known }) {
    if (word.length < MIN_LENGTH || /\d/.test(word) || COMMON.has(word) || isKnown(word, known)) return null;
    const max = word.length <= 6 ? 1 : 2; // two edits only in longer words: "deegan" is not "began"
    let best = null;
    let bestDistance = max + 1;
    for (const candidate of list) {
      const d = distance(word, candidate, Math.min(max, bestDistance - 1));
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
        if (d === 1) break;
      }
    }
    return best;
  }

  /** The query with each probably misspelt word replaced by the library's nearest word, or null. */
  async function suggest(query, wordsUrl) {
    const list = await loadWords(wordsUrl);
    if (!list.list.length) return null;
    let changed = false;
    const out = tokens(query).map((w) => {
      const better = nearest(w, list);
      if (better) changed = true;
      return better || w;
    });
    return changed ? out.join(" ") : null;
  }

  /** Search as Pagefind does, forgiving a query that finds nothing. Returns
      { mode, query, results, search, suggestion }: mode is "all" (every word matched), "without-common",
      "corrected", "most" (each result has .matched words of .of) or "none"; query is what was searched;
      search is the Pagefind search behind the results (its filter counts), null for "most". */
  async function search(pf, query, options, wordsUrl) {
    const first = await pf.search(query, options);
    if (first.results.length || !tokens(query).length) {
      return { mode: "all", query, results: first.results, search: first, suggestion: null };
    }
    const suggestion = await suggest(query, wordsUrl);
    const tried = new Set([tokens(query).join(" ")]);
    async function attempt(words, mode) {
      const q = words.join(" ");
      if (!q || tried.has(q)) return null;
      tried.add(q);
      const s = await pf.search(q, options);
      return s.results.length ? { mode, query: q, results: s.results, search: s, suggestion } : null;
    }
    const found = (await attempt(meaningful(tokens(query)), "without-common"))
      || (suggestion && (await attempt(tokens(suggestion), "corrected")))
      || (suggestion && (await attempt(meaningful(tokens(suggestion)), "corrected")));
    if (found) return found;

    const base = meaningful(tokens(suggestion || query));
    if (base.length >= 2) {
      const tally = new Map();
      for (const word of base) {
        const s = await pf.search(word, options);
        for (const r of s.results) {
          const t = tally.get(r.id) || { result: r, matched: 0, score: 0 };
          t.matched += 1;
          t.score += r.score;
          tally.set(r.id, t);
        }
      }
      const need = Math.ceil(base.length / 2);
      const ranked = [...tally.values()]
        .filter((t) => t.matched >= need)
        .sort((a, b) => b.matched - a.matched || b.score - a.score);
      if (ranked.length) {
        return {
          mode: "most",
          query: base.join(" "),
          results: ranked.map((t) => ({ ...t.result, matched: t.matched, of: base.length })),
          search: null,
          suggestion,
        };
      }
    }
    return { mode: "none", query, results: [], search: first, suggestion };
  }

  /** One sentence saying what a forgiving search did, for the result count line. */
  function explain(outcome, original) {
    const n = outcome.results.length;
    const count = `${n} ${n === 1 ? "entry" : "entries"}`;
    switch (outcome.mode) {
      case "without-common":
        return `No entries have every word of “${original}”. ${count} for “${outcome.query}”, without common words.`;
      case "corrected":
        return `No entries for “${original}”. Showing ${count} for “${outcome.query}”.`;
      case "most":
        return `No entries have every word of “${original}”. Showing ${count} that match most of the words, the closest first.`;
      default:
        return "";
    }
  }

  window.peerLibraryForgive = { search, suggest, explain, tokens, distance, COMMON };
})();
