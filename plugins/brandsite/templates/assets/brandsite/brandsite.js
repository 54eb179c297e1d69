/* brandsite: gallery filters kept in the URL. No outside requests, no libraries.
 * Runs on first load and again after each of Material's instant navigations. */
(function () {
  "use strict";
  var KEYS = ["category", "stage", "region", "year"];

  function initGallery() {
    var form = document.querySelector("[data-bs-filters]");
    var grid = document.querySelector("[data-bs-grid]");
    if (!form || !grid || form.dataset.bsReady) return;
    form.dataset.bsReady = "1";
    form.hidden = false;
    var cards = Array.prototype.slice.call(grid.querySelectorAll(".bs-card"));
    var count = document.querySelector("[data-bs-count]");
    var empty = document.querySelector("[data-bs-empty]");

    function fromUrl() {
      var params = new URLSearchParams(window.location.search);
      KEYS.forEach(function (key) {
        var select = form.elements[key];
        if (!select) return;
        var value = params.get(key) || "";
        var known = Array.prototype.some.call(select.options, function (o) { return o.value === value; });
        select.value = known ? value : "";
      });
    }

    function apply() {
      var wanted = {};
      KEYS.forEach(function (key) { wanted[key] = form.elements[key] ? form.elements[key].value : ""; });
      var shown = 0;
      cards.forEach(function (card) {
        var ok = KEYS.every(function (key) { return !wanted[key] || card.dataset[key] === wanted[key]; });
        card.hidden = !ok;
        if (ok) shown++;
      });
      if (count) count.textContent = "共 " + shown + " 个品牌" + (shown < cards.length ? "(已筛选,全部 " + cards.length + " 个)" : "");
      if (empty) empty.hidden = shown !== 0;
    }

    function toUrl() {
      var params = new URLSearchParams(window.location.search);
      KEYS.forEach(function (key) {
        var value = form.elements[key] ? form.elements[key].value : "";
        if (value) params.set(key, value); else params.delete(key);
      });
      var query = params.toString();
      var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
      window.history.pushState({ bsFilters: true }, "", url);
    }

    form.addEventListener("change", function () { toUrl(); apply(); });
    form.addEventListener("reset", function () {
      window.setTimeout(function () { toUrl(); apply(); }, 0);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    window.addEventListener("popstate", function () {
      if (document.body.contains(form)) { fromUrl(); apply(); }
    });
    fromUrl();
    apply();
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(initGallery);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", initGallery);
  } else {
    initGallery();
  }
})();
