/* Search that forgives: how pl-search.js searches, in both search boxes.

   1. Common words of everyday phrasing are left out ("how do I share my story" -> "share story"):
      Pagefind returns only pages that have every word, and a page need not say "how" or "my".
   2. A probably misspelt word (one the library's own word list, /search-words.txt from
      site/search_words.py, does not have) is replaced by the list's nearest word; the corrected
      query is searched too, and its results are shown ("Did you mean ...?") when the list is complete
      (it then has every word of the library) or when they score higher. Searching "as typed" (the
      "Search instead for ..." link) skips this step.
   3. A word that is in no entry (not in the word list, no correction, and Pagefind finds nothing for
      it alone) is left out, and the line says so: Pagefind would otherwise match the other words
      alone, or nothing, and say neither.
   4. When nothing has every word, the entries that match most of the words are shown, ranked by
      how many they match, then by Pagefind's score.
   5. Among the first few results, an entry whose title or an alias is exactly the query comes first.
   No dependencies; exposed as window.peerLibraryForgive for pl-search.js and for tests. */
(() => {
  "use strict";

  // Left out of a query: question words and small words of everyday phrasing ("like" as in "look like",
  // "someone" as in "support someone hearing voices").
  const COMMON = new Set(`a about after all also am an and any anybody anyone anything are as at be
    been being but by can could did do does doing for from get gets getting got had has have having
    he her here him his how i i'm if in into is it it's its just like me might more most much my
    myself no not now of on one or our out over should so some somebody someone something such than
    that the their them then there these they this those to too up us very want was way we were what
    when where which while who whom why will with would you your yours`.split(/\s+/));
  const MIN_LENGTH = 4; // shorter words (acronyms) are never "corrected"
  const SHORT = 5; // words this long or shorter are corrected to names only (titles, aliases, authors, topics)

  const tokens = (text) => (text || "").toLowerCase().match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu) || [];
  const meaningful = (words) => [...new Set(words.filter((w) => !COMMON.has(w)))];

  let words = null;
  function loadWords(url) {
    if (!words) {
      words = fetch(url)
        .then((r) => (r.ok ? r.text() : ""))
        .catch(() => "")
        .then((text) => {
          const lines = text.split("\n");
          const word = (w) => w && !w.startsWith("#");
          // "#complete": the list has every word of the library, so a word not in it is in no entry.
          // "#text" ends the names: the words of titles, aliases, authors and topic labels.
          const list = lines.filter(word);
          const cut = lines.indexOf("#text");
          const names = cut < 0 ? list : lines.slice(0, cut).filter(word);
          return { list, names, named: new Set(names), known: new Set(list), complete: lines[0] === "#complete" };
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

  // The query's words that no entry has: not in the word list (nor a form of one), nor found by
  // Pagefind on their own (which also catches a form the list misses, "studies" for "study").
  async function unusedWords(pf, words, list) {
    if (!list.list.length) return [];
    const unlisted = words.filter((w) => w.length >= MIN_LENGTH && /^\p{L}+$/u.test(w) && !isKnown(w, list.known));
    const found = await Promise.all(unlisted.map((w) => pf.search(w).then((s) => s.results.length > 0)));
    return unlisted.filter((_, i) => !found[i]);
  }

  // The library's nearest word to an unknown one; ties go to the word earlier in the list
  // (names first, then the most widely used). A short word has many neighbours one edit away, so it
  // is corrected to a name only: "dual" is not "deal", nor "burn" "turn".
  function nearest(word, { list, names, known }) {
    if (word.length < MIN_LENGTH || /\d/.test(word) || COMMON.has(word) || isKnown(word, known)) return null;
    const max = word.length <= 6 ? 1 : 2; // two edits only in longer words: "deegan" is not "began"
    let best = null;
    let bestDistance = max + 1;
    for (const candidate of word.length <= SHORT ? names : list) {
      const d = distance(word, candidate, Math.min(max, bestDistance - 1));
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
        if (d === 1) break;
      }
    }
    return best;
  }

  /** The query with two words joined where a name writes them as one ("burn out": "burnout", from
      "Preventing burnout"; never "a part", nor "in sight" unless a title says "insight"), and each
      probably misspelt word replaced by the library's nearest word; or null. */
  async function suggest(query, wordsUrl) {
    const list = await loadWords(wordsUrl);
    if (!list.list.length) return null;
    const words = tokens(query);
    const out = [];
    for (let i = 0; i < words.length; i++) {
      const joined = words[i] + (words[i + 1] || "");
      if (i + 1 < words.length && words[i].length > 1 && words[i + 1].length > 1 && list.named.has(joined)) {
        out.push(joined);
        i += 1;
      } else {
        out.push(nearest(words[i], list) || words[i]);
      }
    }
    const suggestion = out.join(" ");
    return suggestion === words.join(" ") ? null : suggestion;
  }

  // A result whose title or an alias is exactly what was searched comes first ("MI" is Motivational
  // interviewing's alias, though "mile" and "minds" also start with it), among the first few results
  // and only in Pagefind's own order (not when sorted by title or year).
  const EXACT_WINDOW = 8;
  const once = (load) => { let p = null; return () => (p ||= load()); };
  async function exactFirst(outcome, query, options) {
    if (options?.sort || outcome.results.length < 2) return outcome;
    const wanted = new Set([tokens(query).join(" "), tokens(outcome.query).join(" ")]); // "The Way Forward"
    const head = outcome.results.slice(0, EXACT_WINDOW);
    for (const r of head) r.data = once(r.data);
    const names = await Promise.all(head.map(async (r) => {
      const { meta } = await r.data();
      return [meta.title, ...(meta.aliases || "").split(" · ")].map((n) => tokens(n).join(" "));
    }));
    const exact = head.filter((_, i) => names[i].some((name) => wanted.has(name)));
    if (!exact.length) return outcome;
    return { ...outcome, results: [...exact, ...outcome.results.filter((r) => !exact.includes(r))] };
  }

  /** Search as Pagefind does, forgiving everyday phrasing, misspelling and a query that finds nothing.
      Returns { mode, query, results, search, suggestion }: mode is "all" (every word searched),
      "without-common" (common words left out), "corrected" (the suggestion found better results),
      "without-unused" (words no entry has left out: .unused), "most" (each result has .matched
      words of .of) or "none"; query is what was searched; search is
      the Pagefind search behind the results (its filter counts), null for "most"; suggestion is the
      query with probably misspelt words corrected, or null. With asTyped, no word is corrected. */
  async function search(pf, query, options, wordsUrl, asTyped = false) {
    const outcome = await searchOnce(pf, query, options, wordsUrl, asTyped);
    return outcome.mode === "most" ? outcome : exactFirst(outcome, query, options);
  }

  async function searchOnce(pf, query, options, wordsUrl, asTyped) {
    const all = tokens(query);
    const phrase = /["“”]/.test(query);
    const kept = phrase ? all : meaningful(all);
    const asked = kept.length && kept.length < all.length ? kept.join(" ") : query;
    const [first, suggestion] = await Promise.all([
      pf.search(asked, options),
      all.length && !asTyped ? suggest(query, wordsUrl) : null,
    ]);
    const mode = asked === query ? "all" : "without-common";
    if (all.length && !asTyped && !phrase) {
      // Corrected words only from a complete list: a trimmed one's correction must score higher (below).
      const list = await loadWords(wordsUrl);
      const corrected = list.complete && suggestion;
      const wanted = meaningful(tokens(corrected ? suggestion : asked));
      const uncorrectable = new Set(tokens(suggestion || asked)); // a word with a correction is misspelt, not unused
      const unused = await unusedWords(pf, wanted.filter((w) => uncorrectable.has(w)), list);
      const rest = wanted.filter((w) => !unused.includes(w)).join(" ");
      if (unused.length && rest) {
        const s = await pf.search(rest, options);
        if (s.results.length) {
          return { mode: "without-unused", query: rest, results: s.results, search: s, suggestion: corrected ? rest : null, unused };
        }
      }
    }
    if (suggestion) {
      // With the whole word list, a word missing from it is in no entry: whatever Pagefind's own typo
      // matching found for it, the library's spelling is what was meant. With a trimmed list the word
      // may be a rare one the list left out, so the corrected search must also score higher.
      const corrected = (phrase ? tokens(suggestion) : meaningful(tokens(suggestion))).join(" ") || suggestion;
      const [s, { complete }] = await Promise.all([pf.search(corrected, options), loadWords(wordsUrl)]);
      const top = (x) => (x.results.length ? x.results[0].score : 0);
      if (s.results.length && (complete || top(s) > top(first))) {
        return { mode: "corrected", query: corrected, results: s.results, search: s, suggestion };
      }
    }
    if (first.results.length || !all.length) {
      return { mode, query: asked, results: first.results, search: first, suggestion };
    }

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
          results: ranked.map((t) => ({ ...t.result, score: t.score, matched: t.matched, of: base.length })),
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
        return `Showing ${count} for “${outcome.query}”, without common words.`;
      case "corrected":
        return `Showing ${count} for “${outcome.query}”, the library's spelling of “${original}”.`;
      case "without-unused":
        return `No entry has “${outcome.unused.join("” or “")}”. Showing ${count} for “${outcome.query}”.`;
      case "most":
        return `No entries have every word of “${original}”. Showing ${count} that match most of the words, the closest first.`;
      default:
        return "";
    }
  }

  window.peerLibraryForgive = { search, suggest, explain, tokens, distance, COMMON };
})();
