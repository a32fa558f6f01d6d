// The site's search: the box in the header (overrides/partials/sg-search.html) queries the
// Pagefind index that the build writes to /pagefind/. Pagefind fetches only the index chunks a
// query needs, so search stays small and quick however many briefings the site holds.
// Everything from the index is put in the page as text (excerpts keep only Pagefind's <mark>).
(() => {
  const root = document.querySelector("[data-sg-search]");
  if (!root) return;
  const site = new URL("../", document.currentScript.src); // this file is <site>/assets/search.js
  const input = root.querySelector("input");
  const panel = root.querySelector(".sg-search__panel");
  const list = root.querySelector(".sg-search__results");
  const status = root.querySelector(".sg-search__status");
  const live = root.querySelector("[role=status]");
  const more = root.querySelector(".sg-search__more");
  const selects = [...root.querySelectorAll("select[data-filter]")];
  const PAGE = 20;
  let engine = null, results = [], shown = 0, seq = 0, timer = 0;

  function pagefind() {
    engine = engine || import(new URL("pagefind/pagefind.js", site).href).then(async (pf) => {
      // Long briefings should not lose to short pages that only list their titles: soften the length penalty.
      const options = { baseUrl: site.pathname, ranking: { pageLength: 0.2 } };
      await pf.options(options);
      pf.init();
      // A big site's index comes in parts (macros/search.py): search them all as one, loading them at once.
      const parts = (root.dataset.sgSearchMerge || "").split(" ").filter(Boolean);
      await Promise.all(parts.map((part) => pf.mergeIndex(new URL(part, site).href, options)));
      pf.filters().then(fillFilters); // for the panel's lists: no search waits for them
      return pf;
    });
    return engine;
  }

  function fillFilters(filters) {
    for (const select of selects) {
      const values = Object.keys(filters[select.dataset.filter] || {}).sort();
      for (const value of values) select.append(new Option(value, value));
    }
  }

  function open(yes) {
    panel.hidden = !yes; // no aria-expanded: a searchbox may not carry it; the live region speaks instead
  }

  function say(text) {
    status.textContent = text;
    live.textContent = text;
  }

  // Pagefind's excerpt is escaped page text with <mark> around the hits: keep exactly that.
  function excerpt(html) {
    const out = document.createElement("p");
    out.className = "sg-search__excerpt";
    const doc = new DOMParser().parseFromString(`<p>${html}</p>`, "text/html");
    for (const node of doc.body.firstChild.childNodes) {
      if (node.nodeName === "MARK") out.append(Object.assign(document.createElement("mark"), { textContent: node.textContent }));
      else out.append(node.textContent);
    }
    return out;
  }

  function item(data) {
    const li = document.createElement("li");
    const link = Object.assign(document.createElement("a"), { href: data.url, textContent: data.meta.title || data.url });
    li.append(link);
    if (data.meta.about) li.append(Object.assign(document.createElement("p"), { className: "sg-search__about", textContent: data.meta.about }));
    li.append(excerpt(data.excerpt || ""));
    return li;
  }

  // Every result's fragment is fetched at once; each is shown as soon as it and those above it are in.
  async function showMore(count = PAGE, afterFirst = () => {}) {
    const mine = seq;
    const pending = results.slice(shown, shown + count).map((r) => r.data());
    for (const [i, data] of pending.entries()) {
      const result = await data;
      if (mine !== seq) return;
      list.append(item(result));
      shown += 1;
      if (i === 0) afterFirst();
    }
    if (!pending.length) afterFirst();
    more.hidden = shown >= results.length;
  }

  // Pagefind cannot cancel a search, and on thousands of pages one takes a while: run one at a
  // time, and when one ends run only the newest query, skipping any the person has typed on from
  // (every key makes the queries before it stale, before its pause is over).
  let queue = Promise.resolve();
  function latest(mine, search) {
    const turn = queue.then(() => (mine === seq ? search() : null));
    queue = turn.catch(() => null);
    return turn;
  }

  async function run() {
    const term = input.value.trim();
    const filters = Object.fromEntries(selects.filter((s) => s.value).map((s) => [s.dataset.filter, s.value]));
    const mine = ++seq;
    if (term.length < 2 && !Object.keys(filters).length) { // one letter matches nearly everything, slowly
      list.replaceChildren();
      more.hidden = true;
      say("");
      return;
    }
    const pf = await pagefind();
    const search = await latest(mine, () => pf.search(term || null, { filters }));
    if (mine !== seq || !search) return; // a newer query has started
    results = search.results;
    shown = 0;
    list.replaceChildren();
    list.setAttribute("aria-busy", "true"); // until the whole first page of results is in
    open(true);
    const n = results.length;
    const what = term ? ` for “${term}”` : "";
    await showMore(PAGE, () => say(n ? `${n} ${n === 1 ? "result" : "results"}${what}` : `No results${what}`));
    if (mine === seq) list.setAttribute("aria-busy", "false");
  }

  function close(refocus) {
    open(false);
    if (refocus) input.focus();
  }

  // Results appear as the person types; Enter must not reload the page.
  root.querySelector("form").addEventListener("submit", (e) => e.preventDefault());
  input.addEventListener("focus", pagefind); // start loading while the person types
  input.addEventListener("click", () => { if (list.children.length) open(true); });
  input.addEventListener("input", () => {
    // Fetch the index chunks for the words at once (cheap), and search almost at once too: a search
    // cannot be stopped, but every key makes the queries before it stale (seq, latest()), so at most
    // the one in progress delays the one wanted. The short pause lets keys that come together count
    // as one. (90 ms, longer than a fast typist's keys, was slower at 5,000 briefings: BENCHMARKS.md.)
    seq += 1;
    const term = input.value.trim();
    if (term.length >= 2) pagefind().then((pf) => pf.preload(term));
    clearTimeout(timer);
    timer = setTimeout(run, 20);
  });
  for (const select of selects) select.addEventListener("change", run);
  more.addEventListener("click", () => showMore());
  root.addEventListener("keydown", (e) => {
    const links = [...list.querySelectorAll("a")];
    const at = links.indexOf(document.activeElement);
    if (e.key === "Escape") {
      e.preventDefault();
      if (panel.hidden) { input.value = ""; run(); } else close(true);
    } else if (e.key === "ArrowDown" && (e.target === input || at >= 0) && links.length) {
      e.preventDefault();
      open(true);
      links[Math.min(at + 1, links.length - 1)].focus();
    } else if (e.key === "ArrowUp" && at >= 0) {
      e.preventDefault();
      (at === 0 ? input : links[at - 1]).focus();
    }
  });
  // Focus leaving the search (Tab past the last result, a click elsewhere) closes the panel.
  root.addEventListener("focusout", (e) => { if (!root.contains(e.relatedTarget)) open(false); });
  document.addEventListener("click", (e) => { if (!root.contains(e.target)) open(false); });
  // "/" or "s" anywhere but a form field jumps to the search box, as in Material.
  document.addEventListener("keydown", (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey || e.target.closest("input, select, textarea, [contenteditable]")) return;
    if (e.key === "/" || e.key === "s") { e.preventDefault(); input.focus(); }
  });
})();
