/* brandsite search: Pagefind in Material's header search box and on /search/.
 *
 * Loads pagefind/pagefind.js from this site (never another host), relative to
 * this script, so the site works under a sub-path and with instant navigation
 * (the header is kept across navigations, the page content is not).
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var ROOT = new URL("../../", script ? script.src : location.href);
  var LIMIT = 8;
  /* Results of the header box shown before the rest of its LIMIT have come. */
  var FIRST_SHOWN = 5;
  /* Of those, the ones in the first frame: a phone's screen holds about three. */
  var FIRST_PAINTED = 3;
  /* The rest wait for the first ones to be painted, then for an idle moment, at
     most this many ms: a phone's next keystroke comes first. */
  var IDLE_WAIT = 200;
  /* ms the header box waits after a keystroke before it searches: keystrokes
     closer together make one search. A search already running for an older
     query stops at its next step (find's `stale`), so this can be short. */
  var DEBOUNCE = 20;
  var PAGE_SIZE = 20;
  /* ms the results page hides its footer at most while its results come (search.css) */
  var FOOTER_WAIT = 4000;
  var FILTERS = [["category", "类别"], ["stage", "阶段"], ["region", "地区"], ["year", "创建年份"]];
  var pagefind = null;

  function engine() {
    if (!pagefind) {
      pagefind = import(new URL("pagefind/pagefind.js", ROOT).href).then(function (module) {
        /* In this thread, not Pagefind's worker: find() adjusts how queries are split. */
        var pf = module.createInstance({ noWorker: true });
        loadSimplified();
        return Promise.resolve(pf.options({ baseUrl: ROOT.pathname, excerptLength: 40 })).then(function () {
          pf.init();
          return pf;
        });
      });
    }
    return pagefind;
  }

  /* Traditional characters a query may hold, each with the simplified one the site's
     text uses (pagefind/simplified.json, written with the index: only characters the
     text never uses itself). find() and the excerpts take the query through them,
     so 網格 finds and marks what 网格 does. Fetched with the engine (a few KB, beside its
     wasm and index) and awaited by every Chinese query: a traditional query that found
     something on its own (服務: one brand named nearly so) found more once the map had
     come, so the same link gave another list later in the visit. None if it fails. */
  var toSimplified = Object.create(null);
  var simplifiedLoading = null;
  var simplifiedReady = false;

  function loadSimplified() {
    if (!simplifiedLoading) {
      simplifiedLoading = fetch(new URL("pagefind/simplified.json", ROOT).href, { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : {}; })
        .then(function (data) {
          var pairs = Array.from(typeof data.pairs === "string" ? data.pairs : "");
          var map = Object.create(null);
          for (var i = 0; i + 1 < pairs.length; i += 2) map[pairs[i]] = pairs[i + 1];
          toSimplified = map;
        })
        .catch(function () {})
        .then(function () { simplifiedReady = true; });
    }
    return simplifiedLoading;
  }

  function simplify(query) {
    return typeof query === "string" ? Array.from(query).map(function (c) { return toSimplified[c] || c; }).join("") : query;
  }

  /* The browser segments a Chinese query differently from the indexer
     (锻|造|裂纹 and 东|湖|市 against 锻造|裂纹 and 东湖|市), and every query
     word must start an indexed word. When a query finds nothing, ask again
     with the browser's single characters joined (锻造 裂纹), then in pairs
     (东湖 市); then pages with most of the words (partial); then one
     character at a time (brand names and organizations are indexed that way
     too, search.py); then the query less one character (typoTries). */
  var CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
  /* The browser's own word segmenter, taken before spaceSegmented ever swaps it:
     a search may be prepared while another one runs with the swapped one. */
  var Segmenter = typeof Intl !== "undefined" ? Intl.Segmenter : null;

  function words(query) {
    if (!Segmenter) return Array.from(query.replace(/\s+/g, ""));
    var out = [];
    Array.from(new Segmenter("zh", { granularity: "word" }).segment(query)).forEach(function (s) {
      if (s.isWordLike) out.push(s.segment);
    });
    return out;
  }

  function rewrites(query) {
    var both = joins(query);
    var seen = {};
    seen[query] = true;
    return [both.joined, both.paired, singles(query)].filter(function (q) {
      if (!q || seen[q]) return false;
      seen[q] = true;
      return true;
    });
  }

  /* The query with each run of single characters joined (锻造裂纹 for 锻|造|裂纹)
     and in pairs (东湖 市 for 东|湖|市); `run`: the longest run's length. */
  function joins(query) {
    var segs = words(query);
    var longest = 0;
    var joined = [];
    var paired = [];
    var run = "";
    function flush() {
      if (!run) return;
      longest = Math.max(longest, run.length);
      joined.push(run);
      for (var i = 0; i < run.length; i += 2) paired.push(run.slice(i, i + 2));
      run = "";
    }
    segs.forEach(function (w) {
      if (w.length === 1 && CJK.test(w)) {
        run += w;
      } else {
        flush();
        joined.push(w);
        paired.push(w);
      }
    });
    flush();
    return { joined: joined.join(" "), paired: paired.join(" "), run: longest };
  }

  function singles(query) {
    return Array.from(query.replace(/\s+/g, "")).join(" ");
  }

  /* Pagefind splits whatever it is given with Intl.Segmenter again; for the
     rewritten queries it must keep our words, so for those searches only
     the word segmenter splits at spaces. Pagefind searches run one at a
     time (exclusive), so no other search sees the swapped segmenter. */
  function spaceSegmented(run) {
    if (!Segmenter) return run();
    Intl.Segmenter = function (locale, options) {
      if (!options || options.granularity !== "word") return new Segmenter(locale, options);
      return {
        segment: function (text) {
          return String(text).split(/\s+/).filter(Boolean).map(function (w) {
            return { segment: w, isWordLike: true };
          });
        }
      };
    };
    return Promise.resolve().then(run).finally(function () { Intl.Segmenter = Segmenter; });
  }

  /* One Pagefind search at a time: each waits for the one before it to end.
     Only the searches: a search that waits for the fragments of its results
     holds up no other. */
  var searching = Promise.resolve();

  function exclusive(run) {
    var next = searching.then(run);
    searching = next.catch(function () {});
    return next;
  }

  function plain(pf, q, options) {
    return exclusive(function () { return pf.search(q, options); });
  }

  function spaced(pf, q, options) {
    return exclusive(function () { return spaceSegmented(function () { return pf.search(q, options); }); });
  }

  /* Pages that match most of the query's words, when no page matches them
     all (Pagefind answers only pages with every word): each word alone, then
     pages ranked by how much of the query they cover. The first search has
     already loaded these words' index chunks, so this costs no download. */
  function partial(pf, query, options) {
    var ws = words(query);
    var total = ws.join("").length;
    if (ws.length < 2) return Promise.resolve(null);
    var byId = {};
    return ws.reduce(function (chain, w) {
      return chain.then(function () {
        return spaced(pf, w, options).then(function (search) {
          (search ? search.results : []).forEach(function (r) {
            var hit = byId[r.id] || (byId[r.id] = { result: r, covered: 0, score: 0 });
            hit.covered += w.length;
            hit.score += r.score || 0;
          });
        });
      });
    }, Promise.resolve()).then(function () {
      var hits = Object.keys(byId).map(function (id) { return byId[id]; }).filter(function (h) {
        return h.covered >= 2 && h.covered * 2 >= total;
      });
      hits.sort(function (a, b) { return b.covered - a.covered || b.score - a.score; });
      return { results: hits.map(function (h) { return h.result; }) };
    });
  }

  /* One wrong character (邻里红展 for 邻里红盏): the query without it, as the
     two pieces around it; brand names are indexed with every suffix, so each
     piece starts an indexed word. Longest pieces first. Only for queries as
     long as a name looked up whole (LONGEST): a longer one is a phrase, and
     trying it less each character in turn would cost as many searches. */
  function typoTries(query) {
    var chars = Array.from(query);
    if (chars.length < 3 || chars.length > LONGEST || /\s/.test(query) || !chars.every(function (c) { return CJK.test(c); })) return [];
    var tries = [];
    for (var i = 0; i < chars.length; i++) {
      var pieces = [chars.slice(0, i).join(""), chars.slice(i + 1).join("")].filter(Boolean);
      tries.push({ q: pieces.join(" "), shortest: Math.min.apply(null, pieces.map(function (p) { return p.length; })) });
    }
    tries.sort(function (a, b) { return b.shortest - a.shortest; });
    return tries.filter(function (t) { return t.shortest >= 2 || chars.length <= 3; }).map(function (t) { return t.q; });
  }

  /* Edit distance at most 1: one character wrong, missing or extra. */
  function near(a, b) {
    a = Array.from(a);
    b = Array.from(b);
    if (Math.abs(a.length - b.length) > 1) return false;
    var i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    var x = a.slice(i).join("");
    var y = b.slice(i).join("");
    var x1 = a.slice(i + 1).join("");
    var y1 = b.slice(i + 1).join("");
    return x1 === y1 || x1 === y || x === y1;
  }

  function named(data, query) {
    var title = String((data.meta || {}).title || "");
    return title.indexOf(query) >= 0 || near(title, query);
  }

  /* None of the first results named like the query (or nearly), and none holding it
     whole: maybe a typo in a brand name. Try the query less one character; a result
     named within one character of the query goes first. The first results' fragments
     are loaded to be shown anyway; an ordinary word query, which they hold, loads
     nothing more. With many results too: 小桥驿站 for 新桥驿站 finds every page with
     驿站 in it, none of them the brand. */
  function typo(pf, query, options, search) {
    var tries = typoTries(query);
    if (!tries.length) return Promise.resolve(search);
    var top = search.results.slice(0, FIRST_SHOWN);
    /* the header box's results all at once, as exactFirst asks for them: fragments asked for
       after the first ones came were worked on just before the first results were painted */
    search.results.slice(0, LIMIT).forEach(function (r) { r.data(); });
    return Promise.all(top.map(function (r) { return r.data(); })).then(function (data) {
      if (data.some(function (d) { return named(d, query); }) || data.some(function (d) { return holds(d, query); })) return search;
      function next() {
        if (!tries.length) return search;
        return spaced(pf, tries.shift(), options).then(function (found) {
          var top = found ? found.results.slice(0, 3) : [];
          return Promise.all(top.map(function (r) { return r.data(); })).then(function (tops) {
            var hits = top.filter(function (r, i) { return named(tops[i], query); });
            if (!hits.length) return next();
            var seen = {};
            return { results: hits.concat(search.results, found.results).filter(function (r) {
              if (seen[r.id]) return false;
              seen[r.id] = true;
              return true;
            }) };
          });
        });
      }
      return next();
    });
  }

  /* A long query without its single-character words (基层 治理 最后 公里 for
     基层治理最后一公里): each query word loads the index chunk of every word
     it starts, and a single character starts thousands. Null if no shorter. */
  function lean(query) {
    if (!CJK.test(query)) return null;
    var ws = words(query);
    var long = ws.filter(function (w) { return w.length > 1 || !CJK.test(w); });
    return long.length >= 2 && long.length < ws.length ? long.join(" ") : null;
  }

  /* Each result's data() once: it fetches the page's fragment. Pagefind keeps one object a
     page and writes each search's excerpt, locations and sections onto it when that search's
     data() comes (loadFragment), so a later search's data() for the page changed what an
     earlier one had got: a copy is kept, made before the next data() of that page starts. */
  var fragmentTurns = Object.create(null);

  function once(search) {
    if (search) {
      search.results.forEach(function (r) {
        if (r.data.once) return;
        var data = r.data.bind(r);
        var got = null;
        r.data = function () { return got || (got = ownCopy(r.id, data)); };
        r.data.once = true;
      });
    }
    return search;
  }

  function ownCopy(id, data) {
    var turn = (fragmentTurns[id] || Promise.resolve()).then(function () { return data(); })
      .then(function (fragment) { return Object.assign({}, fragment); });
    fragmentTurns[id] = turn.catch(function () {});
    return turn;
  }

  /* Whether the query, letters only, is the whole of the result's name in pinyin or initials, in
     one of its readings (meta `spelled`, search.py): xihuhongfan is 西湖红帆's, and only the
     start of 西湖红帆联盟's, which Pagefind may rank above it. */
  function spelledAs(d, query) {
    var typed = String(query).toLowerCase().replace(/\s+/g, "");
    return /^[a-z0-9]+$/.test(typed) && unhex((d.meta || {}).spelled).split(" ").indexOf(typed) >= 0;
  }

  /* Among the first results, which are shown anyway, a page named exactly
     like the query, or spelled like it in pinyin, goes first (青禾连心驿站 before
     青禾连心驿站三号, xihuhongfan: 西湖红帆 before 西湖红帆联盟). The
     fragments of all `shown` results are requested at once, not the first
     five and then the rest. */
  function exactFirst(search, query, shown) {
    if (!search || !search.results.length || !query) return search;
    var top = search.results.slice(0, FIRST_SHOWN);
    search.results.slice(0, shown || 0).forEach(function (r) { r.data(); });
    return Promise.all(top.map(function (r) { return r.data(); })).then(function (data) {
      /* Some of the first results hold the query and some only part of it: the next ones are
         looked at too, so that one holding it is not listed after those that do not. */
      var held = data.map(function (d) { return holds(d, query); });
      var more = held.indexOf(true) >= 0 && held.indexOf(false) >= 0 ? search.results.slice(FIRST_SHOWN, 2 * FIRST_SHOWN) : [];
      return Promise.all(more.map(function (r) { return r.data(); })).then(function (extra) {
        wholeFirst(search, top.concat(more), held.concat(extra.map(function (d) { return holds(d, query); })), query);
        var at = data.findIndex(function (d) { return String((d.meta || {}).title || "") === query; });
        if (at < 0) at = data.findIndex(function (d) { return spelledAs(d, query); });
        if (at > 0) search.results = [top[at]].concat(search.results.filter(function (r) { return r !== top[at]; }));
        return search;
      });
    });
  }

  /* Pagefind answers a word it has not indexed with the words that start it (发 for 发射), and
     drops a query word it finds nowhere (火箭 of 火箭发射): its first results may hold none of
     what was typed (brands found b-7 by its b). Among the first results, those that hold every
     part of the query (in their text or hidden name variants and pinyin; letters, digits and
     Chinese only, so 1+N is 1n)
     or are named within one character of it go first (`held`: whether each of `top` does, as
     holds() says); when none does, the results are `partial`, as the fallbacks' are, and the box
     and the results page say so. */
  var KEPT = /[^\u3400-\u9fff\uf900-\ufaffa-z0-9]+/g;

  function wholeFirst(search, top, held, query) {
    if (search.partial || !/[\u3400-\u9fff\uf900-\ufaffa-z0-9]/i.test(query)) return;
    if (held.indexOf(true) < 0) {
      search.partial = true;
      delete sorted[query];
      return;
    }
    /* the others are listed after them, each marked (partOnly, resultItem), as is any later result
       that does not hold the query: a page beyond the first ones, found by part of it, too */
    sorted[query] = true;
    var first = top.filter(function (r, i) { return held[i]; });
    var rest = top.filter(function (r, i) { return !held[i]; });
    search.results = first.concat(rest, search.results.slice(top.length));
  }

  /* The queries wholeFirst put the results holding them first for (the others marked) */
  var sorted = {};

  /* Whether a result holds every part of the query, in its text or hidden name variants and
     pinyin (as typed, else letters, digits and Chinese only), or is named within one character of it. */
  function holds(d, query) {
    var parts = query.toLowerCase().split(/\s+/).map(function (p) { return p.replace(KEPT, ""); }).filter(Boolean);
    var raw = String(d.content || "").toLowerCase();
    if (parts.every(function (p) { return raw.indexOf(p) >= 0; })) return true;  /* as typed: most often */
    var text = raw.replace(KEPT, "");
    return parts.every(function (p) { return text.indexOf(p) >= 0; }) || named(d, query.trim());
  }

  /* The query as one indexed word, or null: spaced pinyin joined (shui lian xin
     is shuilianxin; search.py indexes each name's pinyin and initials), or a
     Chinese query of up to LONGEST characters kept whole. The index splits
     longer words into pieces (工作日 is 工作 + 日) and the browser splits
     differently again, so search_terms.py indexes every dictionary word of
     three or more characters, and every part of a name, encoded as one word
     (0x + four hex digits per character), and the query is encoded the same
     way; a two-character word it indexes as it is, where the text's own
     words miss it (下游 in 上下游). */
  var LONGEST = 8;

  function encode(run) {
    return "0x" + Array.from(run).map(function (c) { return ("000" + c.charCodeAt(0).toString(16)).slice(-4); }).join("");
  }

  function whole(query) {
    var q = query.trim();
    if (/^[a-z]+(?:[\s']+[a-z]+)+$/i.test(q)) return q.replace(/[\s']+/g, "").toLowerCase();
    /* letters and digits in a name count (青禾连心e站): see search_terms.name_codes */
    q = q.toLowerCase();
    if (q.length < 2 || q.length > LONGEST || !CJK.test(q) || !/^[\u3400-\u9fff\uf900-\ufaffa-z0-9]+$/.test(q)) return null;
    return q.length === 2 && /^[\u3400-\u9fff\uf900-\ufaff]+$/.test(q) ? q : encode(q);
  }

  /* The pages with the whole query as one word, if the best of them holds it:
     when no indexed word starts with it, Pagefind answers with words that
     start like it (红* for 红盏, which the index has as 红|盏 only), so the
     first result's text is checked (its fragment is shown anyway). Otherwise
     the usual search of the browser's words. Two characters the browser
     splits (闭|环) get both: the pages with the word first, then those with
     both characters (税连心, whose 连心 is 连|心 in the index). */
  function firstSearch(pf, query, options) {
    var w = whole(query);
    var short = lean(query);
    function usual() {
      if (short) return spaced(pf, short, options);
      return plain(pf, query, options).then(function (search) { return inPairs(pf, query, options, search); });
    }
    if (!w) return usual();
    var pair = w.indexOf("0x") !== 0 && CJK.test(w);
    if (pair && words(w).length < 2) return usual();
    if (!pair && !short && inWords(query)) {
      /* the browser splits it into words only (供电|公司): their pages, if the
         best holds the query, without the one-word lookup, whose index chunk
         is a download of its own (31 KB for 供电公司 at 10,000 brands);
         otherwise the lookup */
      var text = query.trim().toLowerCase();
      return usual().then(once).then(function (first) {
        if (!first || !first.results.length) return lookup(function () { return first; });
        return first.results[0].data().then(function (data) {
          var yes = String(data.content || "").replace(/\u200b/g, "").toLowerCase().indexOf(text) >= 0;
          return yes ? first : lookup(function () { return first; });
        });
      });
    }
    return lookup(usual);
    function lookup(otherwise) {
      return spaced(pf, w, options).then(once).then(function (found) {
        if (!found || !found.results.length) return otherwise();
        var holds = found.results[0].data().then(function (data) {
          return String(data.content || "").replace(/\u200b/g, "").toLowerCase().indexOf(w) >= 0;
        });
        if (!pair) return holds.then(function (yes) { return yes ? found : otherwise(); });
        /* a pair searches both ways anyway: the check's fragment loads meanwhile */
        return usual().then(function (more) {
          return holds.then(function (yes) {
            if (!yes) return more;
            var seen = {};
            found.results = found.results.concat(more ? more.results : []).filter(function (r) {
              if (seen[r.id]) return false;
              seen[r.id] = true;
              return true;
            });
            return found;
          });
        });
      });
    }
  }

  /* Two or more words, none a single character. */
  function inWords(query) {
    var ws = words(query);
    return ws.length >= 2 && ws.every(function (x) { return x.length >= 2; });
  }

  /* A search given up because the visitor typed on (find's `stale`). */
  var STALE = { stale: true };

  /* A search the visitor has typed past would hold up the next one with its
     fallbacks: with `stale`, each of its Pagefind searches first asks it
     (when its turn comes) and the job stops (rejects with STALE) once it
     says true. `shown`: results whose fragments are wanted at once. */
  /* Letters as the index has them: full-width ＷＧＬＸ and ２０２４ as WGLX and 2024 (a Chinese input
     method's full-width mode; its punctuation stays, as the text has it), and pinyin typed with
     its tone marks (wǎng gé) without them. */
  function plainLetters(query) {
    if (typeof query !== "string") return query;
    return query.replace(/[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0xfee0); })
      .replace(/\u3000/g, " ")
      .replace(/[\u00c0-\u024f\u1e00-\u1eff]+/g, function (run) { return run.normalize("NFD").replace(/[\u0300-\u036f]/g, ""); });
  }

  /* A map that has not come within this long (a stalled request) is not waited for again. */
  var SIMPLIFIED_WAIT = 2000;

  function mapOrTimeout() {
    return Promise.race([loadSimplified(), new Promise(function (done) {
      setTimeout(function () { simplifiedReady = true; done(); }, SIMPLIFIED_WAIT);
    })]);
  }

  /* A query's finished search, kept for the page's life (the index does not change under
     it): the commonest words are searched ahead (warm), and typing one of them later, or
     going back to an earlier query, shows its results without searching again, their
     fragments loaded. Queries without filters only, after the traditional-character map,
     and the latest KEPT_SEARCHES of them. */
  var KEPT_SEARCHES = 24;
  var kept = new Map();
  /* The words searched ahead, kept apart: a visitor typing pinyin a letter at a time makes a
     search a letter, which would push them out of `kept` before they are typed. */
  var warmed = Object.create(null);

  function find(pf, query, options, stale, shown) {
    query = plainLetters(query);
    if (simplifiedReady || !query || !CJK.test(query)) return findKept(pf, simplify(query), options, stale, shown);
    return mapOrTimeout().then(function () {
      if (stale && stale()) throw STALE;
      return findKept(pf, simplify(query), options, stale, shown);
    });
  }

  /* A query as `kept` and `warmed` hold it: as find() searches it. */
  function keyOf(query) {
    return typeof query === "string" ? simplify(plainLetters(query)).trim() : "";
  }

  function findKept(pf, query, options, stale, shown) {
    var key = options === undefined ? keyOf(query) : "";
    if (!key) return findAs(pf, query, options, stale, shown);
    if (warmed[key]) return Promise.resolve(warmed[key]);
    if (kept.has(key)) {
      var search = kept.get(key);
      kept.delete(key);
      kept.set(key, search);
      return Promise.resolve(search);
    }
    var ready = simplifiedReady;
    return findAs(pf, query, options, stale, shown).then(function (search) {
      if (search && ready) {
        kept.set(key, search);
        if (kept.size > KEPT_SEARCHES) kept.delete(kept.keys().next().value);
      }
      return search;
    });
  }

  function findAs(pf, query, options, stale, shown) {
    var live = !stale ? pf : {
      search: function (q, o) { return stale() ? Promise.reject(STALE) : pf.search(q, o); }
    };
    var q = query ? query.trim() : query;
    var first = query ? firstSearch(live, query, options) : plain(live, query, options);
    return first.then(once).then(function (search) {
      if (!search || !query || !CJK.test(query)) return search;
      if (search.results.length) return typo(live, q, options, search);
      return fallback(live, query, options, search).then(function (found) {
        return typo(live, q, options, once(found));
      });
    }).then(once).then(function (search) {
      if (stale && stale()) throw STALE;
      return exactFirst(search, q, shown);
    });
  }

  /* The browser splits a word it does not know into single characters (共建对子
     is 共|建|对|子), and Pagefind then answers every page with a word starting
     with each of them, not only those with the word (the index has 共建|对子).
     With such a run in the query, the pages found with the run in pairs
     (共建 对子) go first, if the best of them holds the query (a pair no
     word starts with finds words that start like it, as in firstSearch).
     The characters' searches have loaded the index chunks of the pairs. */
  function inPairs(pf, query, options, search) {
    var both = joins(query);
    if (!search || !search.results.length || both.run < 2 || both.paired === query) return Promise.resolve(search);
    var text = query.replace(/\s+/g, "").toLowerCase();
    return spaced(pf, both.paired, options).then(once).then(function (found) {
      if (!found || !found.results.length) return search;
      return found.results[0].data().then(function (data) {
        if (String(data.content || "").replace(/\u200b/g, "").toLowerCase().indexOf(text) < 0) return search;
        var seen = {};
        found.results = found.results.concat(search.results).filter(function (r) {
          if (seen[r.id]) return false;
          seen[r.id] = true;
          return true;
        });
        return found;
      });
    });
  }

  /* The rewrites, in order, until one finds something. After a search
     without the query's single characters (lean) found nothing, a rewrite
     holds all of its words and more, so it finds nothing either: then only
     the pages with most of those words (partial), and single characters.
     Results of those last two hold only part of the query: they are marked
     `partial`, and the box and the results page say so (数据看板 finds a
     page with 数据 or 看, not one with the whole word). */
  function fallback(pf, query, options, search) {
    var short = lean(query);
    var tries = short ? [singles(query)] : rewrites(query);
    /* single characters last: they load the most index chunks */
    var chars = tries[tries.length - 1] === singles(query) ? tries.pop() : null;
    function next(last) {
      if (last.results.length || !tries.length) return last;
      return spaced(pf, tries.shift(), options).then(next);
    }
    function some(found) {
      if (found && found.results.length) found.partial = true;
      return found;
    }
    return Promise.resolve(next(search)).then(function (last) {
      if (last.results.length) return last;
      return partial(pf, short || query, options).then(function (found) {
        if (found && found.results.length) return some(found);
        tries = chars ? [chars] : [];
        return Promise.resolve(next(last)).then(some);
      });
    });
  }

  /* Brand pages end with their hidden name variants (meta.terms is its
     length); an excerpt from there is noise, and so is one without a hit (a
     pinyin query's, from the record's start): the slogan instead. A Chinese
     query the page's text holds as typed is marked whole where it stands
     (Pagefind marks the indexed words it matched: 老 of 老娘舅, none of a word
     found by its hidden copy, 网格 in 网格化): in Pagefind's window if it is
     there, else in a window of the text around its first place. */
  function excerptOf(data, query) {
    query = simplify(query);
    var meta = data.meta || {};
    var terms = counted(meta.terms);
    var content = String(data.content || "").replace(/\u200b/g, "");
    var shown = terms ? content.slice(0, Math.max(0, content.length - terms - 2)) : content;
    var plain = excerptText(data.excerpt).trim();
    var at = terms && plain ? content.lastIndexOf(plain.slice(0, 12)) : -1;
    var hidden = at >= 0 && at + plain.length > shown.length;
    var q = literal(query);
    if (q) {
      var own = (!hidden && marked(plain, q)) || around(shown, q);
      if (own) return own;
    }
    if (terms && (hidden || String(data.excerpt || "").indexOf("<mark>") < 0)) {
      return meta.slogan ? escapeHtml(meta.slogan) : hidden ? "" : data.excerpt;
    }
    return data.excerpt;
  }

  /* Letters A–Z in lower case, nothing else: the text keeps its length, so a place found in it
     is the same place in the text as shown (İ lower-cased is two characters). */
  function lower(text) {
    return text.replace(/[A-Z]+/g, function (m) { return m.toLowerCase(); });
  }

  /* A Chinese query as the text would hold it (no spaces), or null. */
  function literal(query) {
    var q = lower(String(query || "").replace(/\s+/g, ""));
    return q.length >= 2 && CJK.test(q) ? q : null;
  }

  /* `text` (plain) as HTML with every place of `q` marked, or null when it holds none. */
  function marked(text, q) {
    var low = lower(text);
    if (low.indexOf(q) < 0) return null;
    var out = "";
    var from = 0;
    for (var at = low.indexOf(q); at >= 0; at = low.indexOf(q, at + q.length)) {
      out += escapeHtml(text.slice(from, at)) + "<mark>" + escapeHtml(text.slice(at, at + q.length)) + "</mark>";
      from = at + q.length;
    }
    return out + escapeHtml(text.slice(from));
  }

  /* A window of `text` around the first place of `q`, marked; null when it holds none. */
  var BEFORE = 24;
  var AFTER = 56;

  function around(text, q) {
    var at = lower(text).indexOf(q);
    if (at < 0) return null;
    var chars = Array.from(text.slice(0, at));
    var start = Math.max(0, chars.length - BEFORE);
    var head = chars.slice(start).join("");
    var tail = Array.from(text.slice(at)).slice(0, q.length + AFTER).join("");
    return marked(head + tail, q);
  }

  /* An excerpt's text: its marks and word breaks (U+200B) gone, its character references read. */
  function excerptText(html) {
    return unescapeHtml(String(html || "").replace(/<\/?mark>|\u200b/g, ""));
  }

  function unescapeHtml(html) {
    return html.replace(/&(lt|gt|quot|amp|#39|#x27);/g, function (m, name) {
      return { lt: "<", gt: ">", quot: '"', amp: "&", "#39": "'", "#x27": "'" }[name];
    });
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"]/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c];
    });
  }

  function resultsUrl(query) {
    var form = document.querySelector("[data-bs-search]");
    var path = (form && form.getAttribute("data-bs-search-results")) || "search/";
    var url = new URL(path, ROOT);
    if (query) url.searchParams.set("q", query);
    return url.href;
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text) node.textContent = text;
    return node;
  }

  /* Pagefind's excerpt is HTML-escaped text with <mark> around hits. Its window
     starts a number of words before the first hit, often inside a sentence
     (地里。村党总支……): it is shown from the start of the sentence that holds
     the first hit, if some text is left after it (SENTENCE_LEFT characters).
     A sentence ends at 。！？ or at ". ", which Pagefind puts between blocks
     (not at ";", which ends the excerpt's character references). Punctuation
     at the start goes (a window just after a label: ：2017 年). */
  var SENTENCE_END = /[。！？!?]|\.(?=[\s\u200b])/g;
  var SENTENCE_LEFT = 16;

  function fromSentence(html) {
    var hit = html.indexOf("<mark>");
    var cut = -1;
    var m;
    SENTENCE_END.lastIndex = 0;
    while ((m = SENTENCE_END.exec(html)) && m.index < hit) cut = m.index + 1;
    if (cut < 0) return html;
    var left = html.slice(cut).replace(/<\/?mark>|[\s\u200b]/g, "").replace(/&[a-z]+;|&#\d+;/g, "x").length;
    return left >= SENTENCE_LEFT ? html.slice(cut) : html;
  }

  /* Where the window cuts a sentence of the page's text, "…" says so. Pagefind puts a space
     between blocks (a title and the text after it), U+200B between words: `flat` is the page's
     text with single spaces between blocks and none between words (flatText), made once for a
     result and its cases (resultItems). */
  var BOUNDARY = /[。！？!?.；;：:…\s]/;

  function flatText(content) {
    return String(content || "").replace(/\u200b/g, "").replace(/\s+/g, " ");
  }

  function cutSides(flat, html) {
    var text = excerptText(html).replace(/\s+/g, " ").trim();
    var at = text ? flat.indexOf(text.slice(0, 12)) : -1;
    if (at < 0) return [false, false];
    var end = flat.indexOf(text.slice(-12), at) + Math.min(12, text.length);
    function inside(c) { return c && !BOUNDARY.test(c); }
    return [at > 0 && inside(flat.charAt(at - 1)),
            end < flat.length && inside(text.charAt(text.length - 1)) && inside(flat.charAt(end))];
  }

  function setExcerpt(node, html, flat) {
    var cut = fromSentence(String(html || ""));
    var shown = cut.replace(/^[\s\u200b：:，,。.、；;·]+/, "").replace(/[\s\u200b]+$/, "");
    var sides = flat && shown ? cutSides(flat, shown) : [false, false];
    /* Pagefind ends a block that has no stop of its own with ". ": after Chinese, "。" (also
       after a bracket or quote that closes Chinese: (2024 年)。) */
    var text = shown.replace(/([\u3400-\u9fff\uf900-\ufaff](?:[)）」』”》】]|&quot;)?)(<\/mark>)?\.(?:[\s\u200b]+|$)/g, "$1$2。");
    /* a window that ends a few characters into the next sentence or label (…党委。类别) ends at the stop */
    var tail = /[。！？]([^。！？<>]{1,6})$/.exec(text);
    if (tail) {
      text = text.slice(0, tail.index + 1);
      sides[1] = false;
    }
    node.innerHTML = (sides[0] && cut === String(html) ? "…" : "") + text.replace(/<(?!\/?mark>)/g, "&lt;") +
      (sides[1] ? "…" : "");
  }

  /* Cases are indexed inside their brand's record (search.py), each under a
     heading #bs-case-<slug>; the case page is at the search box's
     data-bs-case-url from the brand page (cases/<slug>/, or cases/<slug>.html
     without directory URLs; the pattern has * for the slug). Not a meta value:
     Pagefind searches those, and slugs would answer pinyin queries. Pagefind
     returns the sections that matched. */
  var CASE_ANCHOR = "bs-case-";
  var CASES_SHOWN = 2;

  function caseUrl(slug, base) {
    var box = document.querySelector("[data-bs-search]");
    var pattern = (box && box.getAttribute("data-bs-case-url")) || "cases/*/";
    return new URL(pattern.replace("*", encodeURIComponent(slug)), base);
  }

  /* A meta value's number after its letter (terms: t123): a bare number would be a word
     Pagefind answers number queries with. */
  function counted(value) {
    return parseInt(String(value || "").replace(/^t/, ""), 10) || 0;
  }

  /* A meta value coded as h and hex digits (search.py meta_code), as text; "" if it is not one. */
  function unhex(value) {
    var s = String(value || "");
    if (!/^h(?:[0-9a-f]{2})+$/.test(s)) return "";
    var bytes = new Uint8Array((s.length - 1) / 2);
    for (var i = 0; i < bytes.length; i++) bytes[i] = parseInt(s.substr(1 + 2 * i, 2), 16);
    return new TextDecoder().decode(bytes);
  }

  /* `flat`: flatText(data.content), when the caller has it already */
  function casesOf(data, query, flat) {
    query = simplify(query);
    var base = new URL(data.url, ROOT);
    function weight(sub) {
      return (sub.weighted_locations || []).reduce(function (sum, l) { return sum + (l.balanced_score || l.weight || 1); }, 0);
    }
    var subs = data.sub_results || [];
    /* Only cases where the query really hits, not a passing mention of a name: a case weighing
       a quarter of the best section, or one whose excerpt holds the whole query (老人 in its
       text, while another case has it in its title) when the query is no part of the name. */
    var best = Math.max.apply(null, [0].concat(subs.map(weight)));
    var q = String(query || "").replace(/\s+/g, "").toLowerCase();
    var whole = q.length >= 2 && String((data.meta || {}).title || "").toLowerCase().indexOf(q) < 0;
    function holds(sub) {
      return String(sub.excerpt || "").replace(/<\/?mark>|[\s\u200b]/g, "").toLowerCase().indexOf(q) >= 0;
    }
    function isCase(sub) {
      var id = sub.anchor && sub.anchor.id;
      return id && id.indexOf(CASE_ANCHOR) === 0 && id.length > CASE_ANCHOR.length;
    }
    /* A Chinese query the record holds whole (网格员): only the cases whose own text holds it,
       not one Pagefind scores for 网点 and 快递员 (its excerpt marked those). A case whose text
       cannot be told apart (its title not found whole, or two cases of one title) is kept as
       before, by its weight; one whose excerpt holds the query is always kept. */
    var lit = literal(query);
    flat = flat || flatText(data.content);
    var sections = sectionsOf(flat, subs);
    function inSection(i) { return lower(sections[i].text.replace(/\s+/g, "")).indexOf(lit) >= 0; }
    var strict = lit && whole && lower(flat.replace(/\s+/g, "")).indexOf(lit) >= 0;  /* a name query: the brand alone */
    return subs.map(function (sub, i) { return { sub: sub, section: sections[i], i: i }; }).filter(function (c) {
      if (!isCase(c.sub)) return false;
      var usual = weight(c.sub) * 4 >= best || (whole && holds(c.sub));
      return strict ? (c.section === null ? usual : inSection(c.i) || holds(c.sub)) : usual;
    }).sort(function (a, b) { return weight(b.sub) - weight(a.sub); }).slice(0, CASES_SHOWN).map(function (c) {
      var url = caseUrl(c.sub.anchor.id.slice(CASE_ANCHOR.length), base);
      return { url: url.pathname, title: c.sub.title, excerpt: c.sub.excerpt, body: c.section ? c.section.body : "" };
    });
  }

  /* Each section's text (a case's, folded into its brand's record): from its heading, which opens
     it (the title, then Pagefind's ". " after a block), to the next section's heading, as
     { text, body } (body: after the heading); null when that cannot be told: the heading not
     found, or two sections of one title. The last place of each heading: the record lists the
     cases' titles before their sections. Each heading is looked for once. */
  function sectionsOf(flat, subs) {
    var titles = subs.map(function (s) { return flatText(s.title).trim(); });
    var heads = titles.map(function (t) { return t ? flat.lastIndexOf(t + ". ") : -1; });
    return subs.map(function (sub, i) {
      var at = heads[i];
      if (at < 0 || titles.indexOf(titles[i]) !== titles.lastIndexOf(titles[i])) return null;
      var end = Math.min.apply(null, [flat.length].concat(heads.filter(function (n) { return n > at; })));
      var text = flat.slice(at, end);
      return { text: text, body: text.slice(titles[i].length + 2) };
    });
  }

  /* A case's section starts with its title, which the link shows above the excerpt: a
     window that starts in it (at the section's start, or inside the title) goes on
     after it, if a hit comes later. */
  function withoutTitle(html, title) {
    var whole = String(title || "").replace(/[\s\u200b]/g, "");
    var text = "";
    var after = [];  /* after[k]: where in `html` the excerpt's first k + 1 characters end */
    for (var i = 0; i < html.length && text.length < whole.length;) {
      if (html.charAt(i) === "<") { i = html.indexOf(">", i) + 1 || html.length; continue; }
      var ref = /^&(?:[a-z]+|#\d+|#x[0-9a-f]+);/i.exec(html.slice(i, i + 10));
      var ch = ref ? unescapeHtml(ref[0]) : html.charAt(i);
      i += ref ? ref[0].length : 1;
      if (/[\s\u200b]/.test(ch)) continue;
      text += ch;
      after.push(i);
    }
    for (var k = text.length; k >= 2; k--) {
      var rest = html.slice(after[k - 1]).replace(/^<\/mark>/, "");
      if (whole.slice(-k) === text.slice(0, k) && /^(\.?[\s\u200b])/.test(rest) && rest.indexOf("<mark>") >= 0) {
        return rest;
      }
    }
    return html;
  }

  /* The headings of a brand's result and of its cases: h1 and h2 in the header's list, as in
     Material's own; on the results page, under its h1, h2 and h3. */
  function levels(cls) {
    return cls === "bs-search-page__result" ? ["h2", "h3"] : ["h1", "h2"];
  }

  /* A result's title, the query marked in it as in the excerpts (a Chinese query, whole). */
  function heading(tag, label, title, query) {
    var node = el(tag, "", label + title);
    var q = literal(simplify(query));
    var shown = q && marked(String(title), q);
    if (shown) node.innerHTML = escapeHtml(label) + shown;
    return node;
  }

  function caseItem(c, cls, flat, query) {
    var a = el("a", cls + "__link bs-search-case");
    a.href = c.url;
    var article = el("article", cls + "__article md-typeset");
    var text = el("div", "bs-search-text");
    text.appendChild(heading(levels(cls)[1], "典型案例：", c.title, query));
    var excerpt = el("p", "bs-search-excerpt");
    var html = withoutTitle(String(c.excerpt || ""), c.title);
    var q = literal(query);
    /* Pagefind's window may miss the query its section holds (it scores parts of it): the
       query's own place in the section then */
    var own = q && (marked(excerptText(html), q) || around(c.body, q));
    setExcerpt(excerpt, own || html, flat);
    text.appendChild(excerpt);
    article.appendChild(text);
    a.appendChild(article);
    return a;
  }

  /* Whether this result holds only part of the query, where others hold all of it (wholeFirst). */
  function partOnly(data, query) {
    var q = simplify(String(query || "")).trim();
    return !!sorted[q] && !holds(data, q);
  }

  /* The brand's link, then links to the cases that matched. */
  function resultItems(data, cls, query) {
    var flat = flatText(data.content);
    var cases = casesOf(data, query, flat);
    var main = resultItem(data, cls, cases, flat, query);
    var frag = document.createDocumentFragment();
    frag.appendChild(main);
    cases.forEach(function (c) { frag.appendChild(caseItem(c, cls, flat, query)); });
    return frag;
  }

  function resultItem(data, cls, cases, flat, query) {
    var meta = data.meta || {};
    var a = el("a", cls + "__link");
    a.href = data.url;
    var article = el("article", cls + "__article md-typeset");
    var logo = unhex(meta.logo);
    if (logo) {
      var img = el("img", "bs-search-logo");
      /* the logo's file, from the brand page, as written: each part of its path quoted */
      img.src = new URL(logo.split("/").map(encodeURIComponent).join("/"), new URL(data.url, ROOT)).href;
      img.alt = "";
      img.width = 40;
      img.height = 40;
      img.loading = "lazy";
      article.appendChild(img);
    }
    var text = el("div", "bs-search-text");
    text.appendChild(heading(levels(cls)[0], "", meta.title || data.url, query));
    var kicker = [meta.category, meta.brand && meta.brand !== meta.title ? meta.brand : "",
                  partOnly(data, query) ? "只含部分文字" : ""].filter(Boolean).join(" · ");
    if (kicker) text.appendChild(el("p", "bs-search-kicker", kicker));
    var excerpt = el("p", "bs-search-excerpt");
    var slogan = meta.slogan ? escapeHtml(meta.slogan) : "";
    /* the hit is in a case: its excerpt goes with the case link below */
    var shown = cases && cases.length ? slogan : excerptOf(data, query);
    setExcerpt(excerpt, shown, shown && shown !== slogan ? flat : "");
    text.appendChild(excerpt);
    article.appendChild(text);
    a.appendChild(article);
    return a;
  }

  /* ---------------------------------------------------------------- warming */

  /* The words most pages hold (pagefind/common-words.json, written with the index)
     are the slowest to find: their queries score the most pages and show results
     whose fragments are not loaded yet. Once a visitor's first results are shown,
     each such word is searched in idle time, as the header box searches it, and
     the fragments of its first results are loaded, so typing it later downloads
     nothing. One word at a time; the visitor's own search stops it (`busy`), and
     it goes on after their next results. Not with the browser's Save-Data.
     `done(word)` after each word (the header lists them in data-bs-warmed). */
  var common = null;
  var warming = false;
  /* The latest caller's: a search shown since a word started warming may let it go on. */
  var latest = null;

  function warm(busy, done) {
    if (navigator.connection && navigator.connection.saveData) return;
    latest = { busy: busy, done: done };
    if (warming) return;
    if (!common) {
      common = fetch(new URL("pagefind/common-words.json", ROOT).href, { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : {}; })
        .then(function (data) {
          return (Array.isArray(data.words) ? data.words : []).filter(function (w) {
            return typeof w === "string" && w.length <= 8;
          }).slice(0, 8);
        })
        .catch(function () { return []; });
    }
    warming = true;
    function stale() { return latest.busy(); }
    function stop() { warming = false; }
    var idle = window.requestIdleCallback || function (f) { return setTimeout(f, 200); };
    (function next() {
      common.then(function (words) {
        if (!words.length || stale()) return stop();
        idle(function () {
          if (stale()) return stop();
          engine().then(function (pf) {
            return find(pf, words[0], undefined, stale, FIRST_SHOWN);
          }).then(function (search) {
            if (search && simplifiedReady) warmed[keyOf(words[0])] = search;
            return Promise.all((search ? search.results : []).slice(0, LIMIT).map(function (r) { return r.data(); }));
          }).then(function () {
            latest.done(words.shift());
            next();
          }, function (error) {
            if (error !== STALE) words.shift();  /* a word that fails is not tried again */
            stop();
          });
        });
      });
    })();
  }

  /* ---------------------------------------------------------------- header */

  function header() {
    var root = document.querySelector("[data-bs-search]");
    if (!root || root.dataset.bsReady) return;
    root.dataset.bsReady = "1";
    var toggle = document.getElementById("__search");
    var form = root.querySelector("form");
    var input = root.querySelector(".md-search__input");
    var meta = root.querySelector(".md-search-result__meta");
    var list = root.querySelector(".md-search-result__list");
    var seq = 0;
    var active = -1;
    var timer = 0;
    var coming = false;  /* the first results are shown, the rest not yet */

    function open(state) {
      if (toggle && toggle.checked !== state) {
        toggle.checked = state;
        toggle.dispatchEvent(new Event("change"));
      }
    }

    function links() {
      return Array.prototype.slice.call(list.querySelectorAll("a"));
    }

    /* The chosen result: marked, and named to screen readers as the box's active option
       (aria-activedescendant: each link of a result is an option, see options()). */
    function highlight(index, scroll) {
      var all = links();
      active = all.length && index !== null ? (index % all.length + all.length) % all.length : -1;
      all.forEach(function (a, i) {
        a.classList.toggle("bs-search-active", i === active);
        a.setAttribute("aria-selected", String(i === active));
        if (i === active && scroll !== false) a.scrollIntoView({ block: "nearest" });
      });
      if (active >= 0) input.setAttribute("aria-activedescendant", all[active].id);
      else input.removeAttribute("aria-activedescendant");
    }

    function run() {
      var query = input.value.trim();
      var mine = ++seq;
      active = -1;
      coming = false;
      input.removeAttribute("aria-activedescendant");
      if (!query) {
        list.textContent = "";
        meta.textContent = "输入关键词开始搜索";
        input.setAttribute("aria-expanded", "false");
        return;
      }
      /* typed past (or a newer search started): neither search on nor show these */
      function stale() { return mine !== seq || input.value.trim() !== query; }
      engine().then(function (pf) {
        return find(pf, query, undefined, stale, FIRST_SHOWN);
      }).then(function (search) {
        if (stale() || !search) return null;
        var count = search.results.length;
        var loading = search.results.slice(0, FIRST_SHOWN).map(function (r) { return r.data(); });
        function add(data) {
          data.forEach(function (d) {
            var li = el("li", "md-search-result__item");
            li.setAttribute("role", "none");  /* its links are the options (the brand's, its cases') */
            li.appendChild(resultItems(d, "md-search-result", query));
            options(li);
            list.appendChild(li);
          });
        }
        /* The first results (find has their fragments already, see exactFirst)
           are shown at once, the others after them: the rest of the first five
           once those are painted, and the fragments of the last ones requested
           only then, so that neither their layout nor their answers (and their
           decoding) hold up the first frame on a slow phone. */
        return Promise.all(loading).then(function (data) {
          if (stale()) return null;
          meta.textContent = !count ? "没有找到相关结果"
            : search.partial ? "没有包含全部文字的结果，以下 " + count + " 个只含其中一部分" : "找到 " + count + " 个结果";
          list.textContent = "";
          add(data.slice(0, FIRST_PAINTED));
          coming = count > FIRST_PAINTED;
          input.setAttribute("aria-expanded", String(count > 0));
          return painted().then(idle).then(function () {
            if (stale()) return null;
            add(data.slice(FIRST_PAINTED));
            warm(function () { return mine !== seq; }, function (word) {
              root.dataset.bsWarmed = ((root.dataset.bsWarmed || "") + " " + word).trim();
            });
            return Promise.all(search.results.slice(FIRST_SHOWN, LIMIT).map(function (r) { return r.data(); }));
          });
        }).then(function (data) {
          if (stale() || !data) return;
          coming = false;
          add(data);
          if (count > LIMIT) {
            var li = el("li", "md-search-result__item bs-search-more");
            var a = el("a", "md-search-result__link", "查看全部 " + count + " 个结果 →");
            a.href = resultsUrl(query);
            li.setAttribute("role", "none");
            li.appendChild(a);
            options(li);
            list.appendChild(li);
          }
        });
      }).catch(function (error) {
        if (error === STALE) return;
        coming = false;
        meta.textContent = "搜索暂时不可用";
        if (window.console) console.warn("search", error);
      });
    }

    /* After the next frame is painted (a task posted from its animation frame callback;
       setTimeout alone when the page is hidden, where frames wait). */
    function painted() {
      return new Promise(function (done) {
        if (document.hidden) return setTimeout(done, 0);
        requestAnimationFrame(function () { setTimeout(done, 0); });
      });
    }

    /* When the page has nothing more urgent to do (a keystroke), at most IDLE_WAIT ms on. */
    function idle() {
      return new Promise(function (done) {
        if (window.requestIdleCallback) requestIdleCallback(function () { done(); }, { timeout: IDLE_WAIT });
        else setTimeout(done, 0);
      });
    }

    /* the listbox's options: each link of a result (the brand's, its cases'), each with an id */
    var optionCount = 0;
    function options(li) {
      Array.prototype.forEach.call(li.querySelectorAll("a"), function (a) {
        a.setAttribute("role", "option");
        a.setAttribute("aria-selected", "false");
        a.id = "bs-search-option-" + (++optionCount);
      });
    }

    input.addEventListener("focus", function () {
      open(true);
      engine();
      if (links().length) input.setAttribute("aria-expanded", "true");  /* shown again after Esc */
    });
    /* While an input method composes, the box holds its pinyin letters, not the
       query: search when the word is committed. A committed or pasted Chinese
       word is a whole query at once: it searches without the keystroke wait. */
    input.addEventListener("input", function (event) {
      clearTimeout(timer);
      if (event.isComposing) return;
      if (CJK.test(event.data || "")) run();
      else timer = setTimeout(run, DEBOUNCE);
    });
    input.addEventListener("compositionend", function () {
      clearTimeout(timer);
      run();
    });
    if (toggle) {
      toggle.addEventListener("change", function () {
        if (toggle.checked && document.activeElement !== input) input.focus();
      });
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });
    form.addEventListener("reset", function () {
      setTimeout(function () { run(); input.focus(); }, 0);
    });
    root.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        var next = event.key === "ArrowDown" ? active + 1 : active < 0 ? -1 : active - 1;  /* up from none: the last */
        /* while the last results are still coming, the ends do not wrap round: there is more below */
        if (coming && (next >= links().length || next < 0)) next = event.key === "ArrowDown" ? links().length - 1 : Math.max(active, 0);
        highlight(next);
      } else if (event.key === "Enter") {
        var target = links()[active];
        if (!target && input.value.trim()) {
          target = el("a");
          target.href = resultsUrl(input.value.trim());
          list.appendChild(target);
        }
        if (target) {
          event.preventDefault();
          target.click();
        }
      } else if (event.key === "Escape") {
        event.preventDefault();
        highlight(null);
        input.setAttribute("aria-expanded", "false");
        open(false);
        input.blur();
      }
    });
    /* Tab into the list: the focused result is the chosen one, not also the one chosen before */
    list.addEventListener("focusin", function (event) {
      var at = links().indexOf(event.target.closest("a"));
      if (at >= 0) highlight(at, false);
    });
    list.addEventListener("click", function (event) {
      if (event.target.closest("a")) open(false);
    });
    /* typed before this script ran */
    if (input.value.trim()) run();
    /* "/", "s" or "f" anywhere opens search, as with Material's own search */
    document.addEventListener("keydown", function (event) {
      var t = event.target;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
      if (event.key === "/" || event.key === "s" || event.key === "f") {
        event.preventDefault();
        open(true);
        input.focus();
      }
    });
  }

  /* ---------------------------------------------------------- results page */

  /* A query as the status line quotes it: a pasted paragraph cut to its first 20 characters. */
  function shortened(query) {
    var chars = Array.from(String(query || ""));
    return chars.length > 20 ? chars.slice(0, 20).join("") + "…" : chars.join("");
  }

  /* A region and the regions named inside it, of those the index has (`regions`, Pagefind's
     filter counts): 东湖市 holds 东湖市湾口镇, as in the gallery's filter (a region that ends
     in a level: 省 市 县 区 州 盟 旗). */
  var LEVEL_END = /[省市县区州盟旗]$/;
  var PLACE_END = /(?:[省市县区州盟旗镇乡村]|街道|社区|苏木|嘎查|办事处)$/;

  function within(region, regions) {
    var inside = LEVEL_END.test(region) ? Object.keys(regions || {}).filter(function (r) {
      var rest = r.slice(region.length);
      return r !== region && r.indexOf(region) === 0 && rest.length >= 2 && PLACE_END.test(rest);  /* not 东湖市场 */
    }) : [];
    return [region].concat(inside);
  }

  function resultsPage() {
    var root = document.querySelector("[data-bs-search-page]");
    if (!root || root.dataset.bsReady) return;
    root.dataset.bsReady = "1";
    var form = root.querySelector("form");
    var input = form.querySelector("input[name=q]");
    var filtersBox = root.querySelector("[data-bs-search-filters]");
    var status = root.querySelector("[data-bs-search-status]");
    var list = root.querySelector("[data-bs-search-results]");
    var params = new URLSearchParams(location.search);
    var state = { q: params.get("q") || "", filters: {} };
    var seq = 0;
    FILTERS.forEach(function (f) {
      if (params.get(f[0])) state.filters[f[0]] = params.get(f[0]);
    });
    input.value = state.q;

    function sync() {
      var url = new URL(location.href);
      url.search = "";
      if (state.q) url.searchParams.set("q", state.q);
      FILTERS.forEach(function (f) {
        if (state.filters[f[0]]) url.searchParams.set(f[0], state.filters[f[0]]);
      });
      history.replaceState(history.state, "", url.href);
    }

    function show(search, from, mine) {
      var slice = search.results.slice(from, from + PAGE_SIZE);
      return Promise.all(slice.map(function (r) { return r.data(); })).then(function (data) {
        if (mine !== seq) return;
        var more = list.querySelector(".bs-search-page__more");
        if (more) more.remove();
        data.forEach(function (d) {
          var li = el("li", "bs-search-page__item");
          li.appendChild(resultItems(d, "bs-search-page__result", state.q));
          list.appendChild(li);
        });
        if (from + PAGE_SIZE < search.results.length) {
          var li = el("li", "bs-search-page__more");
          var button = el("button", "md-button", "显示更多");
          button.type = "button";
          button.addEventListener("click", function () { show(search, from + PAGE_SIZE, mine); });
          li.appendChild(button);
          list.appendChild(li);
        }
      });
    }

    function run() {
      var mine = ++seq;
      var any = Object.keys(state.filters).some(function (k) { return state.filters[k]; });
      list.textContent = "";
      if (!state.q && !any) {
        status.textContent = "输入关键词，或选择类别、阶段、地区、年份进行筛选。";
        root.removeAttribute("data-bs-searching");
        return Promise.resolve();
      }
      status.textContent = "正在搜索…";
      /* the footer waits for the results (search.css), a few seconds at most: a stalled engine
         must not hide it (it holds the site's record numbers) */
      root.setAttribute("data-bs-searching", "");
      setTimeout(function () { if (mine === seq) root.removeAttribute("data-bs-searching"); }, FOOTER_WAIT);
      return engine().then(function (pf) {
        return (state.filters.region ? pf.filters() : Promise.resolve({})).then(function (available) {
          var filters = {};
          Object.keys(state.filters).forEach(function (k) {
            if (state.filters[k]) filters[k] = k === "region" ? { any: within(state.filters[k], available.region) } : state.filters[k];
          });
          return find(pf, state.q || null, { filters: filters }, function () { return mine !== seq; }, PAGE_SIZE);
        });
      }).then(function (search) {
        if (mine !== seq || !search) return;
        var n = search.results.length;
        status.textContent = !n ? "没有找到相关结果，换个关键词或减少筛选条件试试。"
          : search.partial ? "没有找到包含“" + shortened(state.q) + "”全部文字的结果，以下 " + n + " 个结果只含其中一部分。"
          : "共 " + n + " 个结果";
        return show(search, 0, mine);
      }).catch(function (error) {
        if (error === STALE) return;
        status.textContent = "搜索暂时不可用";
        if (window.console) console.warn("search", error);
      }).then(function () {
        if (mine === seq) root.removeAttribute("data-bs-searching");  /* the footer shows (search.css) */
      });
    }

    var orders = {};
    try { orders = JSON.parse(filtersBox.getAttribute("data-bs-order") || "{}") || {}; } catch (e) { /* keep code order */ }

    function renderFilters(available) {
      filtersBox.textContent = "";
      FILTERS.forEach(function (f) {
        var values = Object.keys(available[f[0]] || {});
        /* a value from the address no page has (a region only its towns have): listed, so that it shows */
        if (state.filters[f[0]] && values.indexOf(state.filters[f[0]]) < 0) values.push(state.filters[f[0]]);
        if (!values.length) return;
        values.sort();
        var order = orders[f[0]];  /* categories and stages in the site's order, as in the gallery */
        if (Array.isArray(order)) {
          values.sort(function (a, b) {
            var i = order.indexOf(a), j = order.indexOf(b);
            return (i < 0 ? order.length : i) - (j < 0 ? order.length : j);
          });
        }
        if (f[0] === "year") values.reverse();
        var label = el("label", "bs-search-page__filter");
        label.appendChild(el("span", "", f[1]));
        var select = el("select");
        select.name = f[0];
        select.appendChild(new Option("全部", ""));
        values.forEach(function (v) {
          var n = f[0] !== "region" ? available[f[0]][v] || 0 : within(v, available.region).reduce(function (sum, r) {
            return sum + ((available.region || {})[r] || 0);
          }, 0);
          select.appendChild(new Option(v + "(" + n + ")", v));
        });
        select.value = state.filters[f[0]] || "";
        select.addEventListener("change", function () {
          state.filters[f[0]] = select.value;
          sync();
          run();
        });
        label.appendChild(select);
        filtersBox.appendChild(label);
      });
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      state.q = input.value.trim();
      sync();
      run();
    });
    engine().then(function (pf) { return pf.filters(); }).then(renderFilters).catch(function () {});
    run();
  }

  /* The same search as the box and the results page, for scripts and tests:
     brandsiteSearch.search("连心", {category: "机关"}) -> [{url, title, ...}] */
  window.brandsiteSearch = {
    search: function (query, filters, limit) {
      return engine().then(function (pf) {
        return find(pf, query || null, { filters: filters || {} }, null, limit || 10);
      }).then(function (search) {
        return Promise.all(search.results.slice(0, limit || 10).map(function (r) { return r.data(); })).then(function (data) {
          return data.map(function (d) {
            return { url: d.url, title: (d.meta || {}).title, category: (d.meta || {}).category, excerpt: excerptOf(d, query),
                     cases: casesOf(d, query).map(function (c) { return { url: c.url, title: c.title }; }),
                     partial: !!search.partial, partOnly: partOnly(d, query) };
          });
        });
      });
    }
  };

  function start() {
    header();
    resultsPage();
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(start);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
