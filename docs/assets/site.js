/* Small enhancements on every page. Without JavaScript the page works; these controls stay hidden. */
(function () {
  "use strict";

  /* "Print this briefing": a button only where printing from the page works. */
  document.querySelectorAll("[data-sg-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });

  /* "Copy the address" on a "How to follow" page: copies the text of the element it names, and says so.
     Where the clipboard cannot be written (an old browser, a page not served over https), the address
     is selected, ready to copy by hand. */
  document.querySelectorAll("[data-sg-copy]").forEach(function (button) {
    var source = document.getElementById(button.getAttribute("data-sg-copy"));
    var said = button.parentNode.querySelector("[data-sg-copied]");
    if (!source) return;
    button.hidden = false;
    function select() {
      var range = document.createRange();
      range.selectNodeContents(source);
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
    }
    button.addEventListener("click", function () {
      var text = source.textContent.trim();
      var done = function () { if (said) said.textContent = "Address copied"; };
      var fallback = function () {
        select();
        var copied = false;
        try { copied = document.execCommand("copy"); } catch (e) { copied = false; }
        if (said) said.textContent = copied ? "Address copied" : "Address selected: copy it with your device's Copy command";
      };
      if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(text).then(done, fallback);
      else fallback();
    });
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
