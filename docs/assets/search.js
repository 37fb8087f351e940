// Market briefs search: Material's search box, answered by Pagefind.
// Pagefind downloads only the index fragments a query needs, so the first search stays
// small however many briefs the site holds. Keyboard: "/", "s" or "f" opens, Esc closes,
// arrow keys move through the results.
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

  function plural(count) {
    if (count === 0) return texts.none;
    if (count === 1) return texts.one;
    return texts.other.replace("#", String(count));
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
    const excerpt = document.createElement("p");
    excerpt.innerHTML = result.excerpt;  // Pagefind escapes page text; only <mark> is markup
    article.append(title, excerpt);
    link.append(article);
    li.append(link);
    return li;
  }

  async function search(query, ticket) {
    if (!query.trim()) {
      list.replaceChildren();
      meta.textContent = texts.placeholder;
      return;
    }
    const pagefind = await engine();
    await pagefind.preload(query);  // the index chunks, usually fetched while the reader typed
    if (ticket !== latest) return;  // a newer keystroke: rank only the latest query
    const found = await pagefind.search(query);
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
    input.focus();
    input.select();
    engine();  // start loading while the reader types
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
  input.addEventListener("focus", () => { toggle.checked = true; engine(); });
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
  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const typing = event.target instanceof HTMLElement &&
      (event.target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName));
    if (toggle.checked) {
      if (event.key === "Escape") { event.preventDefault(); close(); }
      else if (event.key === "ArrowDown") { event.preventDefault(); move(1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); move(-1); }
    } else if (!typing && ["/", "s", "f"].includes(event.key)) {
      event.preventDefault();
      open();
    }
  });
})();
