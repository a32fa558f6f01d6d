/* Small enhancements on every page. Without JavaScript the page works; these controls stay hidden. */
(function () {
  "use strict";

  /* "Print this briefing": a button only where printing from the page works. */
  document.querySelectorAll("[data-sg-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });

  /* "Exit this page" (GOV.UK design system): the button, or Shift pressed 3 times within
     2 seconds, replaces this page and its history entry with a neutral site, so Back
     does not return here. */
  var exit = document.querySelector("[data-sg-exit]");
  if (!exit) return;
  exit.closest(".sg-exit").hidden = false;
  function leave(event) {
    if (event) event.preventDefault();
    document.body.hidden = true;          /* hide the page at once, before the next one loads */
    window.location.replace(exit.href);
  }
  exit.addEventListener("click", leave);
  var presses = 0, timer = null;
  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") { presses = 0; return; }
    presses += 1;
    clearTimeout(timer);
    timer = setTimeout(function () { presses = 0; }, 2000);
    if (presses >= 3) { presses = 0; leave(); }
  });
})();
