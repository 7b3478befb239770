"""Search that forgives, in Chromium against the starter library: everyday queries (questions, people's
names, acronyms, misspellings, plural and singular) through the same forgiving search both search
boxes use (pl-forgive.js), each with the entries that would be an acceptable answer in the top 3.

When a query misses, improve the search or the content (aliases); do not edit the table to fit.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest
from playwright.sync_api import Page, expect

from peer_library.site.search import EVERY_ENTRY

# (query, kind, acceptable ids: any one of them in the top 3 is a hit)
QUERIES: list[tuple[str, str, tuple[str, ...]]] = [
    ("how do I share my story safely at work", "question", ("purposeful-disclosure", "self-disclosure-at-work")),
    ("telling colleagues about my mental health", "question", ("self-disclosure-at-work", "purposeful-disclosure")),
    ("what is a peer support worker", "question", ("peer-support-worker", "consumer-peer-worker")),
    ("how can I support a carer", "question", ("carer-peer-worker", "carer", "barnett-2010-walk-a-mile-in-our-shoes")),
    (
        "what does recovery mean",
        "question",
        (
            "recovery",
            "recovery-oriented-practice",
            "mead-2000-what-recovery-means-to-us",  # consumers' own account of what recovery means
            "deegan-1988-recovery-lived-experience",
            "leamy-2011-chime-framework",
        ),
    ),
    ("what is co-production", "question", ("co-production", "co-design")),
    ("can I take risks with the people I support", "question", ("shared-risk-taking", "dignity-of-risk")),
    (
        "how do we involve consumers in planning",
        "question",
        ("co-design", "co-production", "consumer-advisory-groups", "ladder-of-participation", "participation"),
    ),
    (
        "what should supervision look like for peer workers",
        "question",
        ("group-peer-supervision", "peer-supervisor", "reflective-practice"),
    ),
    ("how do I look after myself at work", "question", ("self-care", "wellbeing-plans", "workplace-adjustments")),
    ("how do I avoid burnout", "question", ("self-care", "group-peer-supervision", "reflective-practice")),
    ("relapse prevention plan", "question", ("wellness-recovery-action-plan", "wellbeing-plans")),
    ("how do I support someone hearing voices", "question", ("hearing-voices-groups",)),  # a reader's, 2026-12-07
    ("Copeland", "name", ("wellness-recovery-action-plan",)),
    ("Shery Mead", "name", ("intentional-peer-support",)),
    ("Mike Slade", "name", ("slade-2014-uses-and-abuses-of-recovery",)),
    ("Larry Davidson", "name", ("davidson-2012-peer-support", "davidson-1999-peer-support-review")),
    ("Julie Repper", "name", ("repper-2013-implementation-guide", "repper-2013-peer-support-workers")),
    ("Sherry Arnstein", "name", ("ladder-of-participation",)),
    ("WRAP", "acronym", ("wellness-recovery-action-plan",)),
    ("IPS", "acronym", ("intentional-peer-support",)),
    ("CAG", "acronym", ("consumer-advisory-groups",)),
    ("NA", "acronym", ("twelve-step-fellowships", "na-1983-basic-text")),
    ("SMART", "acronym", ("smart-recovery",)),
    ("MI", "acronym", ("motivational-interviewing",)),
    ("intentonal peer suport", "misspelling", ("intentional-peer-support",)),
    ("mindfullness", "misspelling", ("mindfulness-and-meditation",)),
    ("tokensim", "misspelling", ("tokenism",)),
    ("advocasy", "misspelling", ("advocacy-and-self-advocacy", "consumer-advocate", "mutuality-and-advocacy")),
    ("reflectve practice", "misspelling", ("reflective-practice",)),
    ("recovary", "misspelling", ("recovery",)),
    ("motivational interveiwing", "misspelling", ("motivational-interviewing",)),
    ("boundary", "plural", ("peer-boundaries",)),
    ("hearing voice group", "plural", ("hearing-voices-groups",)),
    ("workplace adjustment", "plural", ("workplace-adjustments",)),
    ("wellbeing plan", "plural", ("wellbeing-plans",)),
    ("sharing circle", "plural", ("sharing-circles",)),
    ("peer educators", "plural", ("peer-educator", "peer-education-programmes")),
    ("harm reduction", "synonym", ("needle-exchange",)),
    ("narcotics anonymous", "synonym", ("twelve-step-fellowships",)),
    # Held out: written after the search was tuned on the queries above, and not tuned on since.
    ("what is lived experience", "question", ("lived-experience",)),
    ("peer support in prison", "question", ("forensic-peer-support", "adams-2020-forensic-peer-specialists")),
    ("naloxone", "name", ("peer-naloxone-distribution", "miller-2022-naloxone-realist-review")),
    ("Pat Deegan", "name", ("deegan-1988-recovery-lived-experience", "deegan-1996-recovery-journey-of-the-heart")),
    ("trauma informed care", "synonym", ("trauma-informed-practice", "trauma-informed-approaches")),
    ("open dialog", "misspelling", ("open-dialogue", "seikkula-2006-open-dialogue")),
    ("peer respite", "plural", ("peer-run-respite", "ostrow-2015-peer-respites")),
    ("advance directive", "plural", ("advance-directives-and-statements",)),
    ("crisis house", "plural", ("crisis-houses",)),
    ("warm line", "synonym", ("warmlines", "dalgin-2011-peer-run-warm-line")),
]
MIN_HIT_RATE = 0.9

RUN = """async (queries) => {
  const out = {};
  for (const q of queries) {
    const found = await window.peerLibrarySearch.forgiving(q);
    const top = await Promise.all(found.results.slice(0, 3).map((r) => r.data()));
    out[q] = top.map((d) => d.url.split("/").filter(Boolean).pop());
  }
  return out;
}"""


@pytest.fixture(scope="module")
def top3(browser, starter_url: str) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    page: Page = browser.new_page()
    page.goto(f"{starter_url}/")
    got: dict[str, list[str]] = page.evaluate(RUN, [q for q, _, _ in QUERIES])
    page.close()
    return got


def test_query_set_is_big_varied_and_names_real_entries(starter_site) -> None:  # type: ignore[no-untyped-def]
    assert len(QUERIES) >= 30
    kinds = {kind for _, kind, _ in QUERIES}
    assert {"question", "name", "acronym", "misspelling", "plural"} <= kinds
    for _, _, acceptable in QUERIES:
        for entry_id in acceptable:
            assert (starter_site / "entries" / entry_id / "index.html").is_file(), entry_id


def test_everyday_queries_find_an_acceptable_entry_in_the_top_3(top3: dict[str, list[str]]) -> None:
    misses = {q: top3[q] for q, _, ok in QUERIES if not set(ok) & set(top3[q])}
    rate = 1 - len(misses) / len(QUERIES)
    print(f"forgiving search: {len(QUERIES) - len(misses)}/{len(QUERIES)} in the top 3 ({rate:.0%}); misses: {misses}")
    assert rate >= MIN_HIT_RATE, f"hit rate {rate:.0%}; misses (query: top 3): {misses}"


def test_the_issues_four_failing_queries_now_find_their_entries(top3: dict[str, list[str]]) -> None:
    assert {"purposeful-disclosure", "self-disclosure-at-work"} & set(top3["how do I share my story safely at work"])
    assert "wellness-recovery-action-plan" in top3["relapse prevention plan"]
    assert top3["intentonal peer suport"][0] == "intentional-peer-support"


def test_search_page_says_when_it_drops_common_words(page: Page, starter_url: str) -> None:
    page.goto(f"{starter_url}/search/?q={quote('how do I share my story safely at work')}")
    status = page.locator(".pl-search-app [data-pl-status]")
    expect(status).to_contain_text("without common words")
    expect(page.locator(".pl-results .pl-result").first).to_be_visible()


def test_search_page_shows_pages_matching_most_words_under_a_line_that_says_so(page: Page, starter_url: str) -> None:
    page.goto(f"{starter_url}/search/?q={quote('relapse prevention plan')}")
    expect(page.locator(".pl-search-app [data-pl-status]")).to_contain_text("match most of the words")
    titles = page.locator(".pl-results .pl-result__title a")
    expect(titles.first).to_be_visible()
    assert "Wellness Recovery Action Plan" in titles.all_inner_texts()[:3]


def test_did_you_mean_links_to_the_corrected_search_on_both_search_boxes(page: Page, starter_url: str) -> None:
    page.goto(f"{starter_url}/search/?q={quote('intentonal peer suport')}")
    suggestion = page.locator(".pl-search-app [data-pl-suggestion]")
    expect(suggestion).to_have_text("intentional peer support")
    expect(page.locator(".pl-results .pl-result__title a").first).to_have_text("Intentional Peer Support")
    suggestion.click()
    expect(page).to_have_url(f"{starter_url}/search/?q=intentional+peer+support")
    expect(page.locator(".pl-search-app [data-pl-status]")).to_contain_text("for “intentional peer support”")

    page.goto(f"{starter_url}/")
    page.locator(".md-search__input").fill("intentonal peer suport")
    header = page.locator(".md-search [data-pl-suggestion]")
    expect(header).to_have_text("intentional peer support")
    expect(page.locator(".md-search-result__item h1").first).to_have_text("Intentional Peer Support")
    expect(page.locator(".md-search [data-pl-status]")).to_contain_text("Showing")


UNUSED_RUN = """async (queries) => {
  const out = {};
  for (const q of queries) {
    const found = await window.peerLibrarySearch.forgiving(q);
    const top = await Promise.all(found.results.slice(0, 3).map((r) => r.data()));
    out[q] = {mode: found.mode, query: found.query, unused: found.unused || [], top: top.map((d) => d.url)};
  }
  return out;
}"""


def test_a_word_no_entry_has_is_left_out_and_the_line_says_so(page: Page, starter_url: str) -> None:
    page.goto(f"{starter_url}/")
    got = page.evaluate(UNUSED_RUN, ["peer xylophonequartz", "peer", "hope qqqzzz", "hope", "recovery studies"])
    # Pagefind alone matches each as its known word, with other scores (another order), and says
    # nothing of the word it could not match.
    assert got["peer xylophonequartz"] == {**got["peer"], "mode": "without-unused", "unused": ["xylophonequartz"]}
    assert got["hope qqqzzz"] == {**got["hope"], "mode": "without-unused", "unused": ["qqqzzz"]}
    # A form the word list lacks but Pagefind finds ("studies", stemmed as "study") is no unused word.
    assert got["recovery studies"]["mode"] != "without-unused"

    page.goto(f"{starter_url}/search/?q={quote('peer suport xylophonequartz')}")
    expect(page.locator(".pl-search-app [data-pl-status]")).to_contain_text(
        "No entry has “xylophonequartz”. Showing"
    )
    expect(page.locator(".pl-search-app [data-pl-status]")).to_contain_text("for “peer support”")
    expect(page.locator(".pl-search-app [data-pl-suggestion]")).to_have_text("peer support")
    page.locator(".pl-search-app [data-pl-as-typed]").click()  # as typed: Pagefind's own answer
    expect(page.locator(".pl-search-app [data-pl-status]")).not_to_contain_text("No entry has")


def test_with_a_trimmed_word_list_a_word_it_lacks_is_not_corrected_when_another_is_left_out(
    page: Page, starter_url: str, starter_site
) -> None:  # type: ignore[no-untyped-def]
    # A large library's list is trimmed: a rarer word it lacks ("identity", here) is a real word, and
    # its nearest listed word ("identify") is no correction unless that search scores higher.
    words = (starter_site / "search-words.txt").read_text(encoding="utf-8").split("\n")
    assert words[0] == "#complete" and "identity" in words and "identify" in words
    trimmed = "\n".join(w for w in words[1:] if w != "identity")
    page.route("**/search-words.txt", lambda route: route.fulfill(body=trimmed, content_type="text/plain"))
    page.goto(f"{starter_url}/")
    got = page.evaluate(UNUSED_RUN, ["identity xylophonequartz"])["identity xylophonequartz"]
    assert (got["mode"], got["query"], got["unused"]) == ("without-unused", "identity", ["xylophonequartz"])


def test_no_suggestion_when_every_word_is_found(page: Page, starter_url: str) -> None:
    page.goto(f"{starter_url}/search/?q=mutuality")
    expect(page.locator(".pl-search-app [data-pl-status]")).to_contain_text("for “mutuality”")
    expect(page.locator(".pl-search-app [data-pl-notice]")).to_be_hidden()


MARKER_RUN = """async (queries) => {
  const pf = await window.peerLibrarySearch.pagefind();
  const seen = [];
  for (const q of queries) {
    const search = await pf.search(q);
    for (const d of await Promise.all(search.results.map((r) => r.data()))) {
      seen.push(d.excerpt, d.meta.title || "", d.meta.summary || "", d.meta.type || "", JSON.stringify(d.filters));
    }
  }
  const filters = await pf.filters();
  return {seen, filters: JSON.stringify(filters), every: (await pf.search(%r)).results.length};
}"""


def test_the_every_entry_marker_is_in_no_excerpt_title_or_filter(page: Page, starter_url: str, starter_site) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{starter_url}/")
    # The marker used to sit right after the aliases: search the aliases and the words that open entries.
    words_next_to_it = ["hope", "recovery and hope", "WRAP", "IPS", "yarning circles", "peer support", "mutuality"]
    got = page.evaluate(MARKER_RUN % EVERY_ENTRY, words_next_to_it)
    assert len(got["seen"]) > 50
    assert not [text for text in got["seen"] if EVERY_ENTRY in text.lower()]
    assert EVERY_ENTRY not in got["filters"]
    # It still finds every entry, for browsing by filters alone.
    entries = len(list((starter_site / "entries").glob("*/index.html")))
    redirects = sum(1 for p in (starter_site / "entries").glob("*/index.html") if "http-equiv" in p.read_text())
    assert got["every"] == entries - redirects
    page.goto(f"{starter_url}/search/?q=hope")
    expect(page.locator(".pl-results .pl-result").first).to_be_visible()
    assert EVERY_ENTRY not in page.locator("article").inner_text().lower()


def test_telling_colleagues_finds_self_disclosure_at_work(top3: dict[str, list[str]]) -> None:
    # "my" is on many first-person pages and not on this one: common words are left out of every query.
    assert top3["telling colleagues about my mental health"][0] == "self-disclosure-at-work"


def test_an_exact_title_or_alias_comes_first(top3: dict[str, list[str]]) -> None:
    # "MI" is also the start of "mile" and "minds", which Pagefind ranks higher by itself.
    assert top3["MI"][0] == "motivational-interviewing"
    assert top3["what is lived experience"][0] == "lived-experience"


def test_a_word_the_library_does_not_use_is_corrected_even_when_pagefind_finds_something(
    page: Page, starter_url: str
) -> None:
    # Pagefind's own typo tolerance answers "recovary" with a few weak matches; the library's spelling wins.
    page.goto(f"{starter_url}/search/?q=recovary")
    expect(page.locator(".pl-search-app [data-pl-status]")).to_contain_text("the library's spelling of “recovary”")
    expect(page.locator(".pl-search-app [data-pl-suggestion]")).to_have_text("recovery")
    expect(page.locator(".pl-results .pl-result__title a").first).to_have_text("Recovery")


def test_common_words_are_never_taken_for_misspellings(page: Page, starter_url: str) -> None:
    # The word list used to leave out common words, so "through" became "though" and "during" "curing".
    page.goto(f"{starter_url}/")
    queries = ["recovery through work", "support during a crisis", "peer work because it helps"]
    got = page.evaluate(
        "async (qs) => Promise.all(qs.map(async (q) => (await window.peerLibrarySearch.forgiving(q)).suggestion))",
        queries,
    )
    assert got == [None, None, None]


def test_a_corrected_search_offers_to_search_the_words_as_typed(page: Page, starter_url: str) -> None:
    page.goto(f"{starter_url}/search/?q=recovary&topic=Recovery")
    as_typed = page.locator(".pl-search-app [data-pl-as-typed]")
    expect(as_typed).to_have_text("Search instead for “recovary”")
    as_typed.click()
    expect(page).to_have_url(f"{starter_url}/search/?q=recovary&typed=1&topic=Recovery")
    status = page.locator(".pl-search-app [data-pl-status]")
    expect(status).to_contain_text("“recovary”")
    expect(status).not_to_contain_text("spelling")
    expect(page.locator(".pl-search-app [data-pl-notice]")).to_be_hidden()
    expect(page.locator("[data-pl-facet=topic] input[value=Recovery]")).to_be_checked()
    # A new search from the form corrects again.
    page.locator("#pl-search-q").fill("recovary")
    page.locator("#pl-search-q").press("Enter")
    expect(status).to_contain_text("the library's spelling of “recovary”")
    expect(page).to_have_url(f"{starter_url}/search/?q=recovary&topic=Recovery")

    page.goto(f"{starter_url}/")
    page.locator(".md-search__input").fill("intentonal peer suport")
    header = page.locator(".md-search [data-pl-as-typed]")
    expect(header).to_have_text("Search instead for “intentonal peer suport”")
    assert header.get_attribute("href").endswith("/search/?q=intentonal+peer+suport&typed=1")


def test_short_words_are_corrected_to_names_only_and_split_words_are_joined(page: Page, starter_url: str) -> None:
    page.goto(f"{starter_url}/")
    queries = ["dual diagnosis", "burn out", "well being", "Pat Degan", "hpoe", "a part of me", "a lone parent"]
    got = page.evaluate(
        "async (qs) => Promise.all(qs.map(async (q) => (await window.peerLibrarySearch.forgiving(q)).suggestion))",
        queries,
    )
    # "dual" used to become "deal" and "burn" "turn": four-letter words have many neighbours in a body's words.
    # Two words are joined only into a name ("Preventing burnout"), never "a part" into "apart".
    assert got == [None, "burnout", "wellbeing", "pat deegan", "hope", None, None]
