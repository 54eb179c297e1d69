/* brandsite: mourning days (哀悼模式) and the elder-friendly mode (长辈模式).
 * Loaded in <head> without defer, so the page is never painted in the wrong look.
 * The mourning days come from the page as data (<script type="application/json"
 * id="bs-govweb">); the visitor's own date decides, since a static site is not
 * rebuilt every day. No inline code anywhere: the Content-Security-Policy forbids it. */
(function () {
  "use strict";
  var root = document.documentElement;
  var KEY = "brandsite.elder";

  function settings() {
    var el = document.getElementById("bs-govweb");
    try { return (el && JSON.parse(el.textContent)) || {}; } catch (e) { return {}; }
  }

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  /* [first, last] as MM-DD (every year; may wrap past the new year) or YYYY-MM-DD. */
  function within(day, period) {
    var first = period[0], last = period[1];
    if (first.length === 5) {
      var md = day.slice(5);
      return first <= last ? md >= first && md <= last : md >= first || md <= last;
    }
    return day >= first && day <= last;
  }

  function mourning(periods) {
    var day = today();
    for (var i = 0; i < (periods || []).length; i++) {
      if (within(day, periods[i])) return true;
    }
    return false;
  }

  function stored() {
    try { return window.localStorage.getItem(KEY) === "1"; } catch (e) { return false; }
  }

  function store(on) {
    try {
      if (on) window.localStorage.setItem(KEY, "1"); else window.localStorage.removeItem(KEY);
    } catch (e) { /* private mode: the choice lasts for this page only */ }
  }

  function sync() {
    var on = root.classList.contains("bs-elder");
    var buttons = document.querySelectorAll(".bs-elder-toggle");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].hidden = false;
      buttons[i].setAttribute("aria-pressed", on ? "true" : "false");
    }
  }

  if (mourning(settings().mourning)) root.classList.add("bs-mourning");
  if (stored()) root.classList.add("bs-elder");

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".bs-elder-toggle");
    if (!button) return;
    var on = !root.classList.contains("bs-elder");
    root.classList.toggle("bs-elder", on);
    store(on);
    sync();
  });
  /* A site whose header has no switch (search off: Material's own header) gets one here. */
  function ensureButton() {
    if (!settings().elder || document.querySelector(".bs-elder-toggle")) return;
    var header = document.querySelector(".md-header__inner");
    if (!header) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-header__button bs-elder-toggle";
    button.title = "长辈模式：更大的文字和按钮";
    button.setAttribute("aria-label", "长辈模式");
    button.textContent = "长辈";
    var more = document.createElement("span");
    more.className = "bs-elder-toggle__more";
    more.textContent = "模式";
    button.appendChild(more);
    var before = header.querySelector("form[data-md-component=palette], label[for=__search], .md-header__source");
    header.insertBefore(button, before || null);
  }

  document.addEventListener("DOMContentLoaded", function () {
    ensureButton();
    sync();
    /* Material's instant navigation swaps the page without reloading this script. */
    if (window.document$ && window.document$.subscribe) window.document$.subscribe(function () { ensureButton(); sync(); });
  });
})();
