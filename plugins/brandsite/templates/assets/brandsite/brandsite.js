/* brandsite: gallery filters kept in the URL. No outside requests, no libraries.
 * Runs on first load and again after each of Material's instant navigations.
 * A gallery of one page filters its own cards. A paginated gallery shows one
 * page of cards; once a filter is set, it loads the card data of every brand
 * (cards.json, once) and shows the matching cards, a page at a time. */
(function () {
  "use strict";
  var KEYS = ["category", "stage", "region", "year"];
  var LEVEL_END = /[省市县区州盟旗]$/;
  var PLACE_END = /(?:[省市县区州盟旗镇乡村]|街道|社区|苏木|嘎查|办事处)$/;
  var cache = {};  // cards.json URL -> promise of its cards, kept across instant navigations

  function loadCards(url) {
    if (!cache[url]) {
      cache[url] = fetch(url, { credentials: "same-origin" }).then(function (response) {
        if (!response.ok) throw new Error("cards.json: HTTP " + response.status);
        return response.json();
      }).then(function (raw) { return { u: raw.u, cards: named(raw) }; });
      cache[url].catch(function () { delete cache[url]; });
    }
    return cache[url];
  }

  // cards.json names its fields once ("fields"); each entry of "cards" holds their values.
  function named(data) {
    return data.cards.map(function (values) {
      var card = {};
      data.fields.forEach(function (name, i) { card[name] = values[i]; });
      return card;
    });
  }

  function fill(el, selector, text) {
    var part = el.querySelector(selector);
    if (text) part.textContent = text; else part.remove();
  }

  // A card from cards.json, drawn from the page's <template data-bs-card>: the card of
  // templates/brandsite/views/_card.html, each part filled in from the field of its name.
  function cardFrom(card, template, pattern, base) {
    var el = template.content.firstElementChild.cloneNode(true);
    el.href = new URL(pattern.replace("{}", card.slug), base).href;
    el.dataset.category = card.category;
    el.dataset.stage = card.stage;
    el.dataset.region = card.region;
    el.dataset.year = String(card.year);
    el.dataset.bsFromData = "1";
    var img = el.querySelector(".bs-card__logo");
    img.src = new URL(card.slug + "/" + card.logo, base).href;
    img.alt = card.name + "标识";
    fill(el, ".bs-card__name", card.name);
    fill(el, ".bs-card__slogan", card.slogan);
    fill(el, ".bs-card__org", card.organization);
    fill(el, ".bs-card__chips > .bs-chip:first-child", card.category);
    var stage = el.querySelector(".bs-chip--stage");
    stage.textContent = card.stage;
    stage.className = stage.className.replace(/\bbs-stage-\d+/, "bs-stage-" + card.stage_index);
    fill(el, ".bs-chip--plain", card.region);
    if (card.region) el.querySelector(".bs-chip--plain").title = card.region;
    if (!card.internal) el.querySelector(".bs-chip--internal").remove();
    return el;
  }

  function initGallery() {
    var form = document.querySelector("[data-bs-filters]");
    var grid = document.querySelector("[data-bs-grid]");
    if (!form || !grid || form.dataset.bsReady) return;
    form.dataset.bsReady = "1";
    form.hidden = false;
    var cards = Array.prototype.slice.call(grid.querySelectorAll(".bs-card"));
    var count = document.querySelector("[data-bs-count]");
    var empty = document.querySelector("[data-bs-empty]");
    var more = document.querySelector("[data-bs-more]");
    var pager = document.querySelector("[data-bs-pager]");
    var template = document.querySelector("template[data-bs-card]");
    var paged = Number(grid.dataset.bsPages || "1") > 1 && grid.dataset.bsCards && template;
    var total = Number(grid.dataset.bsTotal || cards.length);
    var pageSize = Number(grid.dataset.bsPageSize || "60") || 60;
    var pageText = count ? count.textContent : "";
    var matches = [];  // cards from cards.json that match, in gallery order
    var shownRows = 0;
    var data = null;  // cards.json: its URL pattern ("u") and every card, by field name
    var request = 0;  // the latest apply(); a slower earlier load must not overwrite it

    // A value the drop-down does not list (a shared link to a category no brand has, or
    // to a year or region no longer used) still filters: it gets an option of its own,
    // marked as having no brands, so the visitor sees the filter and can clear it.
    function fromUrl() {
      var params = new URLSearchParams(window.location.search);
      KEYS.forEach(function (key) {
        var select = form.elements[key];
        if (!select) return;
        var value = params.get(key) || "";
        var known = Array.prototype.some.call(select.options, function (o) { return o.value === value; });
        if (!known) {
          // (its text from the address: a few characters of it, not a message anyone can write there)
          var shown = Array.from(value);
          var inside = Array.prototype.some.call(select.options, function (o) { return o.value && holds(key, o.value, value); });
          var option = new Option((shown.length > 12 ? shown.slice(0, 12).join("") + "…" : value) +
                                  (inside ? "（含下辖地区）" : "（暂无品牌）"), value);
          option.dataset.bsUnlisted = "1";
          select.add(option, 1);
        }
        select.value = value;
      });
      dropUnlisted();
    }

    // Unlisted options go once another value is chosen.
    function dropUnlisted() {
      Array.prototype.forEach.call(form.querySelectorAll("option[data-bs-unlisted]"), function (o) {
        if (!o.selected) o.remove();
      });
    }

    function wantedNow() {
      var wanted = {};
      KEYS.forEach(function (key) { wanted[key] = form.elements[key] ? form.elements[key].value : ""; });
      return wanted;
    }

    // A brand is in the chosen region when its own is that region or one named inside it:
    // 东湖市 holds 东湖市湾口镇 (the chosen one ends in a level, 省 市 县 区 州 盟 旗, and the rest
    // is a place of its own that ends in one: not 东湖市场).
    function holds(key, value, want) {
      value = String(value == null ? "" : value);
      if (!want || value === want) return true;
      var rest = value.slice(want.length);
      return key === "region" && LEVEL_END.test(want) && value.indexOf(want) === 0 && rest.length >= 2 && PLACE_END.test(rest);
    }

    function filtered(wanted) {
      return KEYS.some(function (key) { return wanted[key]; });
    }

    function say(shown, all) {
      if (count) count.textContent = "共 " + shown + " 个品牌" + (shown < all ? "（已筛选，全部 " + all + " 个）" : "");
      if (empty) empty.hidden = shown !== 0;
    }

    // One page of the gallery: its own cards, shown or hidden in place.
    function applyInPlace(wanted) {
      var shown = 0;
      cards.forEach(function (card) {
        var ok = KEYS.every(function (key) { return holds(key, card.dataset[key], wanted[key]); });
        card.hidden = !ok;
        if (ok) shown++;
      });
      say(shown, cards.length);
    }

    function clearDataCards() {
      Array.prototype.forEach.call(grid.querySelectorAll("[data-bs-from-data]"), function (el) { el.remove(); });
      shownRows = 0;
    }

    function showMore(focusFirst) {
      var base = new URL(grid.dataset.bsCards, window.location.href);
      var next = matches.slice(shownRows, shownRows + pageSize);
      var first = null;
      next.forEach(function (card) {
        var el = cardFrom(card, template, data.u, base);
        grid.appendChild(el);
        if (!first) first = el;
      });
      shownRows += next.length;
      if (more) more.hidden = shownRows >= matches.length;
      if (focusFirst && first) first.focus();
    }

    function restorePage() {
      clearDataCards();
      cards.forEach(function (card) { card.hidden = false; });
      grid.removeAttribute("aria-busy");
      if (pager) pager.hidden = false;
      if (more) more.hidden = true;
      if (empty) empty.hidden = true;
      if (count) count.textContent = pageText;
    }

    function showMatches(wanted) {
      matches = data.cards.filter(function (card) {
        return KEYS.every(function (key) { return holds(key, card[key], wanted[key]); });
      });
      cards.forEach(function (card) { card.hidden = true; });
      clearDataCards();
      grid.removeAttribute("aria-busy");
      if (pager) pager.hidden = true;
      showMore(false);
      say(matches.length, data.cards.length);
    }

    function apply() {
      var wanted = wantedNow();
      if (!paged) { applyInPlace(wanted); return; }
      var mine = ++request;
      if (!filtered(wanted)) { restorePage(); return; }
      if (data) { showMatches(wanted); return; }
      grid.setAttribute("aria-busy", "true");
      if (count) count.textContent = "正在筛选全部 " + total + " 个品牌…";
      loadCards(new URL(grid.dataset.bsCards, window.location.href).href).then(function (loaded) {
        data = loaded;
        if (mine === request && document.body.contains(grid)) showMatches(wantedNow());
      }, function () {
        if (mine !== request || !document.body.contains(grid)) return;
        // Without the card data, filter what this page has, and say so.
        grid.removeAttribute("aria-busy");
        applyInPlace(wanted);
        if (count) count.textContent += "（仅本页；全部品牌的数据未能加载）";
      });
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

    form.addEventListener("change", function () { dropUnlisted(); toUrl(); apply(); });
    form.addEventListener("reset", function () {
      window.setTimeout(function () { dropUnlisted(); toUrl(); apply(); }, 0);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    if (more) more.querySelector("button").addEventListener("click", function () { showMore(true); });
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

/* brandsite: photo lightbox. A native <dialog> (Esc closes it, focus returns to
 * the photo); arrow keys and buttons step through the page's photos. Photos are
 * case photos (a.bs-lightbox) and images in brand stories and case bodies. */
(function () {
  "use strict";
  var dialog = null;
  var items = [];
  var index = 0;
  var opener = null;

  function build() {
    dialog = document.createElement("dialog");
    dialog.className = "bs-lightbox-dialog";
    dialog.setAttribute("aria-label", "照片查看");
    dialog.innerHTML =
      '<figure class="bs-lightbox-dialog__frame"><img alt=""><figcaption></figcaption></figure>' +
      '<button type="button" data-bs-prev aria-label="上一张">‹</button>' +
      '<button type="button" data-bs-next aria-label="下一张">›</button>' +
      '<button type="button" data-bs-close aria-label="关闭">×</button>';
    dialog.querySelector("[data-bs-close]").addEventListener("click", function () { dialog.close(); });
    dialog.querySelector("[data-bs-prev]").addEventListener("click", function () { show(index - 1); });
    dialog.querySelector("[data-bs-next]").addEventListener("click", function () { show(index + 1); });
    dialog.addEventListener("click", function (event) {
      if (event.target === dialog || event.target.classList.contains("bs-lightbox-dialog__frame")) dialog.close();
    });
    dialog.addEventListener("keydown", function (event) {
      if (event.key === "ArrowLeft") { show(index - 1); event.preventDefault(); }
      if (event.key === "ArrowRight") { show(index + 1); event.preventDefault(); }
    });
    dialog.addEventListener("close", function () {
      document.documentElement.classList.remove("bs-noscroll");
      if (opener && document.body.contains(opener)) opener.focus();
    });
    document.body.appendChild(dialog);
  }

  function show(i) {
    index = (i + items.length) % items.length;
    var item = items[index];
    var img = dialog.querySelector("img");
    img.src = item.href;
    img.alt = item.alt;
    dialog.querySelector("figcaption").textContent = item.alt + (items.length > 1 ? "（" + (index + 1) + "/" + items.length + "）" : "");
    dialog.querySelector("[data-bs-prev]").hidden = items.length < 2;
    dialog.querySelector("[data-bs-next]").hidden = items.length < 2;
  }

  function open(link, event) {
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    if (!dialog || !document.body.contains(dialog)) build();
    opener = link;
    collect();
    var at = items.findIndex(function (item) { return item.link === link || item.url === link.href; });
    show(at < 0 ? 0 : at);
    document.documentElement.classList.add("bs-noscroll");
    dialog.showModal();
    dialog.querySelector("[data-bs-close]").focus();
  }

  /* The page's photos, each once: a photo shown twice (in a case's photos and in its text)
     is one step, and the caption's count is of photos, not of links. */
  function collect() {
    var seen = {};
    items = [];
    Array.prototype.forEach.call(document.querySelectorAll("a.bs-lightbox"), function (link) {
      if (seen[link.href]) return;
      seen[link.href] = true;
      var img = link.querySelector("img");
      items.push({ link: link, href: link.getAttribute("href"), url: link.href, alt: img ? img.alt : "" });
    });
  }

  function initLightbox() {
    var article = document.querySelector(".bs-page--brand, .bs-page--case");
    if (!article) return;
    // Markdown images in the story or a case body: wrap each in a link to itself.
    // A responsive image is <picture><source><img></picture>: wrap the picture, link the largest file.
    var selector = ".md-typeset p > img, .bs-page p > img, .md-typeset p > picture > img, .bs-page p > picture > img, " +
      ".bs-figure > img, .bs-figure > picture > img";  /* an image with its caption (prose.py) */
    Array.prototype.forEach.call(article.querySelectorAll(selector), function (img) {
      if (img.closest("a") || img.className) return;
      var node = img.parentNode.tagName === "PICTURE" ? img.parentNode : img;
      var link = document.createElement("a");
      link.className = "bs-lightbox";
      link.href = img.getAttribute("src");
      link.setAttribute("aria-label", "放大查看：" + (img.alt || "照片"));
      node.parentNode.insertBefore(link, node);
      link.appendChild(node);
    });
    Array.prototype.forEach.call(article.querySelectorAll("a.bs-lightbox"), function (link) {
      if (link.dataset.bsLightbox) return;
      link.dataset.bsLightbox = "1";
      if (!link.hasAttribute("aria-label")) {
        var img = link.querySelector("img");
        link.setAttribute("aria-label", "放大查看：" + (img && img.alt ? img.alt : "照片"));
      }
      link.addEventListener("click", function (event) { open(link, event); });
    });
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(initLightbox);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", initLightbox);
  } else {
    initLightbox();
  }
})();

/* brandsite: a search dialog without a name gets one, so screen readers announce it. */
(function () {
  "use strict";
  function nameSearchDialog() {
    var dialog = document.querySelector(".md-search[role=dialog]:not([aria-label]):not([aria-labelledby])");
    if (dialog) dialog.setAttribute("aria-label", "搜索");
  }
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(nameSearchDialog);
  } else {
    nameSearchDialog();
  }
})();

/* brandsite: the internal review table (.bs-review) sorts by the column whose
 * header button is clicked; numbers numerically, text by pinyin collation.
 * Listening on the document keeps it working after Material's instant navigation. */
(function () {
  "use strict";
  function sort(button) {
    var th = button.closest("th"), table = th.closest("table"), body = table.tBodies[0];
    var index = Array.prototype.indexOf.call(th.parentNode.children, th);
    var asc = th.getAttribute("aria-sort") !== "ascending";
    Array.prototype.forEach.call(th.parentNode.children, function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", asc ? "ascending" : "descending");
    var rows = Array.prototype.slice.call(body.rows);
    var key = function (row) { var c = row.cells[index]; return c.getAttribute("data-value") || c.textContent.trim(); };
    rows.sort(function (a, b) {
      var x = key(a), y = key(b), nx = parseFloat(x), ny = parseFloat(y);
      var r = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y, "zh-Hans-CN");
      return asc ? r : -r;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".bs-review th button");
    if (button) sort(button);
  });
})();
