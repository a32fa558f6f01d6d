/* Filters on /briefings/ and /actions/: combine the selects (theme, agency, need, type, year; owner,
   progress), keep them in the query string so a filtered list can be shared, say how many items
   are shown, and reorder by a "sort" select (most used first). Without JavaScript the form stays
   hidden and every item is listed. */
(function () {
  "use strict";
  var form = document.querySelector("[data-sg-filters]");
  if (!form) return;
  var items = Array.prototype.slice.call(document.querySelectorAll("[data-sg-filterable]"));
  var original = items.slice();
  var count = form.querySelector("[data-sg-count]");
  var noun = form.getAttribute("data-sg-noun") || "item";
  var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
  var filters = selects.filter(function (s) { return !s.hasAttribute("data-sg-sort"); });
  var sort = form.querySelector("select[data-sg-sort]");

  function matches(item, select) {
    return !select.value || (item.getAttribute("data-" + select.name) || "").split(" ").indexOf(select.value) >= 0;
  }

  function reorder() {
    if (!sort || !items.length) return;
    var order = original.slice();
    if (sort.value === "uses") {  /* stable: equally used stay newest first */
      order = order.map(function (item, i) { return [item, i]; }).sort(function (a, b) {
        return (+b[0].getAttribute("data-uses") || 0) - (+a[0].getAttribute("data-uses") || 0) || a[1] - b[1];
      }).map(function (pair) { return pair[0]; });
    }
    var parent = items[0].parentNode;
    order.forEach(function (item) { parent.appendChild(item); });
  }

  function apply() {
    var shown = 0, query = new URLSearchParams(), active = filters.some(function (s) { return s.value; });
    items.forEach(function (item) {
      item.hidden = !filters.every(function (select) { return matches(item, select); });
      if (!item.hidden) shown += 1;
    });
    /* Folded lists (done and dropped actions) open when a filter asks for what they hold; groups left empty hide. */
    document.querySelectorAll("details:not([data-sg-filter-panel])").forEach(function (d) {
      if (d.querySelector("[data-sg-filterable]")) d.open = active && !!d.querySelector("[data-sg-filterable]:not([hidden])");
    });
    document.querySelectorAll("[data-sg-group]").forEach(function (g) {
      g.hidden = !g.querySelector("[data-sg-filterable]:not([hidden])");
    });
    reorder();
    selects.forEach(function (select) { if (select.value) query.set(select.name, select.value); });
    count.textContent = shown + " " + noun + (shown === 1 ? "" : "s") + " shown";
    var search = query.toString();
    history.replaceState(null, "", location.pathname + (search ? "?" + search : "") + location.hash);
  }

  var params = new URLSearchParams(location.search);
  selects.forEach(function (select) {
    var wanted = params.get(select.name);
    if (wanted && select.querySelector('option[value="' + CSS.escape(wanted) + '"]')) select.value = wanted;
  });
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  form.addEventListener("reset", function () { setTimeout(apply); });
  form.hidden = false;
  var panel = form.querySelector("[data-sg-filter-panel]");
  if (panel && (window.matchMedia("(min-width: 60em)").matches || filters.some(function (s) { return s.value; })
                || (sort && sort.value))) panel.open = true;
  apply();
})();
