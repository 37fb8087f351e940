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
  let latest = 0;

  // A big site's index comes in shards (pagefind/, pagefind-1/, ...): the first is loaded,
  // the others merged into it, so one search ranks every brief.
  const bundles = (texts.bundles || "pagefind").split(" ");

  function engine() {
    loading ??= import(new URL(`${bundles[0]}/pagefind.js`, base).href).then(async (pagefind) => {
      await pagefind.options({ baseUrl: base.pathname, excerptLength: 24 });
      await pagefind.init();
      const merge = (bundle) => pagefind.mergeIndex(new URL(`${bundle}/`, base).pathname, { baseUrl: base.pathname });
      await Promise.all(bundles.slice(1).map(merge));
      return pagefind;
    });
    return loading;
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

  async function search(query) {
    const ticket = ++latest;
    if (!query.trim()) {
      list.replaceChildren();
      meta.textContent = texts.placeholder;
      return;
    }
    const found = await (await engine()).search(query);
    if (ticket !== latest) return;  // a newer query superseded this one
    const results = await Promise.all(found.results.slice(0, 10).map((r) => r.data()));
    if (ticket !== latest) return;
    meta.textContent = plural(found.results.length);
    list.replaceChildren(...results.map(item));
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

  let timer = 0;  // a short pause after the last keystroke, so fast typing searches once
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => search(input.value), 30);
  });
  input.addEventListener("focus", () => { toggle.checked = true; engine(); });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const first = list.querySelector(".md-search-result__link");
    if (first) first.click();
  });
  form.addEventListener("reset", () => { list.replaceChildren(); meta.textContent = texts.placeholder; input.focus(); });
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
