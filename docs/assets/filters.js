/* Filters on /briefings/: combine theme, agency, need, type and year; keep them in the query
   string so a filtered list can be shared; say how many briefings are shown. Without
   JavaScript the form stays hidden and every briefing is listed. */
(function () {
  "use strict";
  var form = document.querySelector("[data-sg-filters]");
  if (!form) return;
  var cards = Array.prototype.slice.call(document.querySelectorAll(".sg-card[data-year]"));
  var count = form.querySelector("[data-sg-count]");
  var selects = Array.prototype.slice.call(form.querySelectorAll("select"));

  function matches(card, select) {
    return !select.value || card.getAttribute("data-" + select.name).split(" ").indexOf(select.value) >= 0;
  }

  function apply() {
    var shown = 0, query = new URLSearchParams();
    cards.forEach(function (card) {
      card.hidden = !selects.every(function (select) { return matches(card, select); });
      if (!card.hidden) shown += 1;
    });
    selects.forEach(function (select) { if (select.value) query.set(select.name, select.value); });
    count.textContent = shown + (shown === 1 ? " briefing" : " briefings") + " shown";
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
  apply();
})();
