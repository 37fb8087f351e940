// Market briefs search: Material's search box, answered by Pagefind.
// Pagefind downloads only the index fragments a query needs, so the first search stays
// small however many briefs the site holds. Keyboard: "/", "s" or "f" opens, Esc closes,
// arrow keys move through the results. Results narrow by sentiment and asset, and
// `?q=etf&sentiment=bearish&asset=btc` opens the search so. A facet is a word each brief
// page holds (zzfsentimentbearish, zzfassetbtc: see generator/pages/facets.py) added to the
// query, which Pagefind answers with every word: its own filters would make the index differ
// between two builds of the same briefs.
(() => {
  "use strict";
  const script = document.currentScript;
  const base = new URL("..", script.src);  // this file lives in <site>/assets/
  const texts = script.dataset;
  const toggle = document.getElementById("__search");
  const form = document.querySelector("[data-briefs-search-form]");
  const input = document.querySelector("[data-briefs-search-query]");
  const meta = document.querySelector("[data-briefs-search-meta]");
  const list = document.querySelector("[data-briefs-search-results]");
  const panel = document.querySelector("[data-briefs-search-facets]");
  if (!toggle || !form || !input || !meta || !list) return;

  let loading = null;  // one shared promise, so Pagefind is set up exactly once
  let latest = 0;  // every keystroke takes a new ticket; searches holding an older one stop

  // A big site's index comes in shards (pagefind/, pagefind-1/, ...): the first is loaded,
  // the others merged into it, so one search ranks every brief.
  const bundles = (texts.bundles || "pagefind").split(" ");

  function engine() {
    loading ??= import(new URL(`${bundles[0]}/pagefind.js`, base).href).then(async (pagefind) => {
      await pagefind.options({ baseUrl: base.pathname, excerptLength: 24 });
      await pagefind.init();
      const merge = (bundle) => pagefind.mergeIndex(new URL(`${bundle}/`, base).pathname, { baseUrl: base.pathname });
      await Promise.all(bundles.slice(1).map(merge));
      // Pagefind answers a search made before its metadata and WebAssembly arrive only on
      // its next 50 ms poll: resolve once they are in, so no search waits for that poll.
      await pagefind.preload("");
      return pagefind;
    });
    return loading;
  }

  // Pagefind is set up as soon as the page has loaded and shows, so that a reader's first
  // search need not wait for it; a reader who asked to save data downloads it only when the
  // search box opens. One search for a sentiment, which many briefs carry, then gets the
  // browser to compile the WebAssembly that ranks results: the reader's first search then
  // ranks about three times faster than on a cold engine.
  function prefetch() {
    if (document.visibilityState !== "visible") {
      document.addEventListener("visibilitychange", prefetch, { once: true });
      return;
    }
    engine().then((pagefind) => pagefind.search("neutral")).catch(() => {});  // shown on searching
  }
  if (!navigator.connection?.saveData) {
    if (document.readyState === "complete") prefetch();
    else window.addEventListener("load", prefetch, { once: true });
  }

  // What results can be narrowed by: a small file the build writes (search-facets.json).
  const chosen = {};  // facet -> value, e.g. { sentiment: "Bearish", asset: "BTC" }
  const words = {};  // facet -> its indexed word, e.g. { sentiment: "zzfsentimentbearish" }
  let facets = null;
  let lastFacets = null;
  function loadFacets() {
    facets ??= fetch(new URL("search-facets.json", base))
      .then((response) => (response.ok ? response.json() : { sentiment: [], asset: [] }))
      .then((data) => { lastFacets = data; drawFacets(data); return data; });
    return facets;
  }

  function chip(name, option, label) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = `briefs-chip briefs-chip--${option.tone || "other"}`;
    button.dataset.facet = name;
    button.dataset.value = option.value;
    button.setAttribute("aria-pressed", String(chosen[name] === option.value));
    if (option.icon) {
      const icon = document.createElement("span");
      icon.setAttribute("aria-hidden", "true");
      icon.textContent = option.icon + " ";
      button.append(icon);
    }
    button.append(label);
    button.addEventListener("click", () => choose(name, chosen[name] === option.value ? null : option.value));
    return button;
  }

  function drawFacets(data) {
    if (!panel) return;
    const sentiments = document.createElement("div");
    sentiments.className = "briefs-facets__group";
    sentiments.setAttribute("role", "group");
    sentiments.setAttribute("aria-label", "Sentiment");
    for (const option of data.sentiment) sentiments.append(chip("sentiment", option, option.value));
    panel.replaceChildren(sentiments);
    if (data.asset.length) {
      const label = document.createElement("label");
      label.className = "briefs-facets__asset";
      label.append("Asset ");
      const select = document.createElement("select");
      select.dataset.facet = "asset";
      select.setAttribute("aria-label", "Asset");
      const any = new Option("Any", "");
      select.append(any, ...data.asset.map((a) => new Option(a.label, a.value)));
      select.value = chosen.asset || "";
      select.addEventListener("change", () => choose("asset", select.value || null));
      label.append(select);
      panel.append(label);
    }
    panel.hidden = false;
  }

  function showChoices() {
    if (!panel) return;
    for (const button of panel.querySelectorAll("button[data-facet]")) {
      button.setAttribute("aria-pressed", String(chosen[button.dataset.facet] === button.dataset.value));
    }
    const select = panel.querySelector("select[data-facet]");
    if (select) select.value = chosen.asset || "";
  }

  function word(name, value) {
    const option = (lastFacets?.[name] || []).find((o) => o.value === value);
    const slug = option ? option.slug : value;
    return `zzf${name}${String(slug).toLowerCase().replace(/[^\p{L}\p{N}]/gu, "")}`;
  }

  function choose(name, value) {
    if (value) { chosen[name] = value; words[name] = word(name, value); }
    else { delete chosen[name]; delete words[name]; }
    showChoices();
    run(0);
  }

  function filtered() {
    return Object.keys(chosen).length > 0;
  }

  function plural(count) {
    if (count === 0) return texts.none;
    if (count === 1) return texts.one;
    return texts.other.replace("#", String(count));
  }

  // The excerpt comes from the section that matched most (TL;DR, Article or Implications),
  // never from the headline and tag chips that open every brief; when only those matched,
  // the result shows the article's opening words instead.
  const SECTIONS = /#(tldr|article|implications)$/;
  function excerpt(result) {
    const sections = (result.sub_results || []).filter((s) => SECTIONS.test(s.url));
    const best = sections.reduce((a, b) => ((b.locations || []).length > (a?.locations || []).length ? b : a), null);
    const paragraph = document.createElement("p");
    if (best && (best.locations || []).length) {
      // Pagefind escapes page text (only <mark> is markup); the section's heading goes
      const heading = `${best.title}. `;
      paragraph.innerHTML = best.excerpt.startsWith(heading) ? best.excerpt.slice(heading.length) : best.excerpt;
    }
    else if (result.meta.lead) paragraph.textContent = result.meta.lead;
    else paragraph.innerHTML = result.excerpt;  // a page that is not a brief
    return paragraph;
  }

  const DATE = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  function details(result) {
    const line = document.createElement("p");
    line.className = "briefs-result__meta";
    const { sentiment, tone, date, assets } = result.meta;
    if (sentiment) {
      const badge = document.createElement("span");
      badge.className = `brief-badge brief-badge--${tone || "other"}`;
      badge.textContent = sentiment;
      line.append(badge);
    }
    if (date) {
      const time = document.createElement("time");
      time.dateTime = date;
      time.textContent = DATE.format(new Date(`${date}T00:00:00Z`));
      line.append(" · ", time);
    }
    for (const ticker of (assets || "").split(" ").filter(Boolean)) {
      const tag = document.createElement("span");
      tag.className = "brief-ticker";
      tag.textContent = ticker;
      line.append(" ", tag);
    }
    return line;
  }

  function item(result) {
    const li = document.createElement("li");
    li.className = "md-search-result__item";
    const link = document.createElement("a");
    link.className = "md-search-result__link";
    link.href = result.url;
    link.tabIndex = -1;
    const article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    const title = document.createElement("h1");
    title.textContent = result.meta.title || result.url;  // text, never markup
    article.append(title);
    if (result.meta.sentiment) article.append(details(result));
    article.append(excerpt(result));
    link.append(article);
    li.append(link);
    return li;
  }

  async function search(query, ticket) {
    if (!query.trim() && !filtered()) {
      list.replaceChildren();
      meta.textContent = texts.placeholder;
      return;
    }
    // The facet words first: Pagefind matches the last word as a prefix, the reader's own.
    const asked = [...Object.values(words), query.trim()].filter(Boolean).join(" ");
    const pagefind = await engine();
    await pagefind.preload(asked);  // the index chunks, usually fetched while the reader typed
    if (ticket !== latest) return;  // a newer keystroke: rank only the latest query
    const found = await pagefind.search(asked);
    if (ticket !== latest) return;
    // All ten fragments are requested at once; each result is shown as soon as it and
    // those ranked above it have arrived, rather than when the slowest of the ten has.
    const pending = found.results.slice(0, 10).map((result) => result.data());
    let shown = 0;
    for (const data of pending) {
      const result = await data;
      if (ticket !== latest) return;
      if (shown++ === 0) {
        meta.textContent = plural(found.results.length);
        list.replaceChildren();
      }
      list.append(item(result));
    }
    if (!shown) {
      meta.textContent = plural(0);
      list.replaceChildren();
    }
  }

  function open() {
    toggle.checked = true;
    input.focus({ preventScroll: true });  // opened by a deep link, the page must not shift
    input.select();
    engine();  // start loading while the reader types
    loadFacets();
  }

  function run(delay) {
    const ticket = ++latest;
    clearTimeout(timer);
    timer = setTimeout(() => search(input.value, ticket), delay);
  }

  function close() {
    toggle.checked = false;
    input.blur();
  }

  function move(step) {
    const links = [...list.querySelectorAll(".md-search-result__link")];
    if (!links.length) return;
    const index = links.indexOf(document.activeElement);
    const next = index === -1 ? (step > 0 ? 0 : links.length - 1) : index + step;
    if (next < 0 || next >= links.length) { input.focus(); return; }
    links[next].focus();
  }

  // A short pause after each keystroke, so fast typing ranks once; meanwhile Pagefind fetches
  // the index chunks the query needs. A last word of one letter matches most briefs and takes
  // the longest to rank (up to half a second at 10,000 briefs), during which a newer query
  // would wait: it waits longer for the next keystroke, and fetches nothing meanwhile.
  let timer = 0;
  input.addEventListener("input", () => {
    const query = input.value;
    const ticket = ++latest;
    const short = /(^|\s)\S$/.test(query);
    clearTimeout(timer);
    if (query.trim() && !short) engine().then((pagefind) => pagefind.preload(query));
    timer = setTimeout(() => search(query, ticket), short ? 150 : 20);
  });
  input.addEventListener("focus", () => { toggle.checked = true; engine(); loadFacets(); });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const first = list.querySelector(".md-search-result__link");
    if (first) first.click();
  });
  form.addEventListener("reset", () => {
    latest++;  // a search still running must not fill the list again
    clearTimeout(timer);
    list.replaceChildren();
    meta.textContent = texts.placeholder;
    input.focus();
  });
  toggle.addEventListener("change", () => (toggle.checked ? open() : close()));

  // A deep link: ?q=etf&sentiment=bearish&asset=btc (names or slugs, any case; month=2023-01
  // and tag=… narrow too) opens the search with that query and those filters.
  const asked = new URLSearchParams(window.location.search);
  if (["q", "sentiment", "asset", "month", "tag"].some((name) => asked.get(name))) {
    input.value = asked.get("q") || "";
    open();
    loadFacets().then((data) => {
      for (const name of ["sentiment", "asset"]) {
        const wanted = (asked.get(name) || "").toLowerCase();
        const match = data[name].find((o) => o.value.toLowerCase() === wanted || o.slug === wanted);
        if (match) { chosen[name] = match.value; words[name] = word(name, match.value); }
      }
      for (const name of ["month", "tag"]) {  // month=2023-01, tag=<the tag page's slug>
        if (asked.get(name)) { chosen[name] = asked.get(name); words[name] = word(name, asked.get(name)); }
      }
      showChoices();
      run(0);
    });
  }
  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const typing = event.target instanceof HTMLElement &&
      (event.target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName));
    if (toggle.checked) {
      if (event.key === "Escape") { event.preventDefault(); close(); }
      else if (event.target instanceof HTMLSelectElement) return;  // its own arrow keys
      else if (event.key === "ArrowDown") { event.preventDefault(); move(1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); move(-1); }
    } else if (!typing && ["/", "s", "f"].includes(event.key)) {
      event.preventDefault();
      open();
    }
  });
})();
