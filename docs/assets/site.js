/* Small enhancements on every page. Without JavaScript the page works; these controls stay hidden. */
(function () {
  "use strict";

  /* The light/dark switch in the header, as Material's own script does it (which the site does not
     load: overrides/main.html): the scheme chosen on an earlier visit (Material's inline script in
     the head has already applied it), else the one the device prefers; the switch offers the other.
     Enter on it switches too; the browser's bar takes the header's colour. */
  var palette = document.querySelector("[data-md-component=palette]");
  if (palette) {
    var inputs = Array.prototype.slice.call(palette.querySelectorAll("input[name=__palette]"));
    var themeColour = document.createElement("meta");
    themeColour.name = "theme-color";
    document.head.appendChild(themeColour);
    var show = function (index, remember) {
      var color = {};
      /* No colour transitions while switching (Material's CSS): a half-changed colour fails contrast. */
      document.body.setAttribute("data-md-color-switching", "");
      ["media", "scheme", "primary", "accent"].forEach(function (key) {
        color[key] = inputs[index].getAttribute("data-md-color-" + key);
        document.body.setAttribute("data-md-color-" + key, color[key]);
      });
      inputs[index].checked = true;
      inputs.forEach(function (input, i) {
        var label = input.nextElementSibling;  /* the switch to the next scheme */
        if (label && label.tagName === "LABEL") label.hidden = i !== index;
      });
      if (remember) __md_set("__palette", { index: index, color: color });
      var header = document.querySelector("header");
      if (header) themeColour.content = getComputedStyle(header).backgroundColor;
      requestAnimationFrame(function () { document.body.removeAttribute("data-md-color-switching"); });
    };
    var saved = __md_get("__palette");
    var index = saved && typeof saved.index === "number" ? saved.index : inputs.findIndex(function (input) {
      return matchMedia(input.getAttribute("data-md-color-media")).matches;
    });
    if (inputs.length) show(Math.max(0, Math.min(index, inputs.length - 1)), false);
    inputs.forEach(function (input, i) {
      input.addEventListener("change", function () { show(i, true); });
    });
    palette.addEventListener("keydown", function (event) {
      if (event.key !== "Enter") return;
      event.preventDefault();
      var next = inputs[(inputs.findIndex(function (input) { return input.checked; }) + 1) % inputs.length];
      next.click();
      next.focus();
    });
  }

  /* Material's back-to-top button: shown while the reader scrolls back up a long page. */
  var top = document.querySelector("[data-md-component=top]");
  if (top) {
    var last = window.scrollY;
    window.addEventListener("scroll", function () {
      var y = window.scrollY;
      top.hidden = !(y > 400 && y < last);
      last = y;
    }, { passive: true });
    top.addEventListener("click", function () {
      window.scrollTo({ top: 0 });
      top.hidden = true;
    });
  }

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
