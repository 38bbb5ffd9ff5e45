// bantin search: every word of every article, folded the Vietnamese way (no diacritics, đ → d),
// matched by word prefix (a word of one letter or digit only as itself); a part of the query in
// quotes asks for a phrase of whole words. The
// index is split into small scripts under tim-kiem/chi-muc/ (see SearchShards.swift) loaded with
// <script> elements only for the words typed, so it works opened from disk (file://) as over
// HTTP: no fetch, no WebAssembly.
(function () {
  "use strict";
  var input = document.getElementById("search-q");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var more = document.getElementById("search-more");
  if (!input || !list || !status) return;
  var root = list.getAttribute("data-root") || "../";
  var folder = root + "tim-kiem/chi-muc/";
  var INDEX_FORMAT = 6;  // the format of the index this script reads (SearchShards.format)
  var PAGE = 10;     // results shown at a time
  var WINDOW = 30;   // the best results by word, read whole to rank phrases and show passages

  var manifest = null;   // {format, docs, build, pairs: {buckets, perFile}, shards}
  var words = {};        // folded word → [title, sapo, about, form, articles, …] (DocList strings)
  var pairLists = {};    // PhrasePairs file number → its buckets' DocList strings
  var docs = {};         // article number → [url, title, date, sapo, body, author place category codes themes, subtitle?, source?]
  var loaded = {};       // script src → true once run, or a list of callbacks while loading
  var generation = 0;    // the query being answered; older answers are dropped
  var fresh = "";        // in every index file's address once files of two builds were met (`readAgain`)
  var RECHECK = 30000;   // ms after which a new query or "Xem thêm" first asks the table again
  var checkedAt = 0;     // when the table was last asked for
  var tableSrc = null;   // the table's address then
  var tableRead = false, build;  // the numbering of the articles read so far (the table's `build`)

  // An index file's address: under the numbering of its articles (`build`), so that a browser's
  // cache never gives a file of another build for it.
  function indexSrc(name) {
    var query = [];
    if (manifest && manifest.build) query.push("v=" + encodeURIComponent(manifest.build));
    if (fresh) query.push("r=" + fresh);
    return folder + name + (query.length ? "?" + query.join("&") : "");
  }

  // Loads the table past any cache (its address names the time), then `done(failed)`; a table of
  // another numbering than what was read (the site built again: articles are numbered anew when
  // one is added, deleted or redated) drops what was read (`BANTIN_SEARCH_INDEX`).
  function loadTable(done) {
    if (!(tableSrc && Array.isArray(loaded[tableSrc]))) {
      checkedAt = Date.now();
      tableSrc = folder + "muc-luc.js?t=" + checkedAt;
    }
    loadAll([tableSrc], done);
  }

  // Drops every index file read and its script, but the table's, loading.
  function dropRead() {
    words = {}; pairLists = {}; docs = {};
    var table = tableSrc && loaded[tableSrc];
    loaded = {};
    if (table) loaded[tableSrc] = table;
    [].slice.call(document.querySelectorAll("script[src]")).forEach(function (s) {
      if (/\/chi-muc\//.test(s.src) && s.getAttribute("src") !== tableSrc) s.remove();
    });
  }

  // The site built again while the page was open, or a browser's cache keeping some files of the
  // build before (a host may let it keep them ten minutes): the articles are numbered anew when
  // one is deleted or redated, so files of two builds name the wrong articles. Found so (a record
  // without the words its shards listed it for: `hasEvery`), everything read is dropped and read
  // again, past any cache (a query the files' address does not name, which a host ignores), once.
  function readAgain() {
    if (fresh) return false;
    fresh = String(Date.now());
    document.documentElement.dataset.searchReadAgain = "1";
    manifest = null;
    dropRead();
    return true;
  }

  // Each index file calls one of these as it runs, and so says it ran: a file that loads but
  // does not run (cut short while it was copied, a host's error page sent as the file) is one
  // that failed, not one that holds nothing.
  function ran() { if (document.currentScript) document.currentScript.bantinRan = true; }
  window.BANTIN_SEARCH_INDEX = function (m) {
    ran();
    if (tableRead && m.build !== build) dropRead();
    tableRead = true;
    build = m.build;
    manifest = m;
  };
  window.BANTIN_SEARCH_SHARD = function (key, entries) {
    ran();
    for (var w in entries) if (Object.prototype.hasOwnProperty.call(entries, w)) words[w] = entries[w];
  };
  window.BANTIN_SEARCH_DOC = function (n, record) { ran(); docs[n] = record; };
  window.BANTIN_SEARCH_PAIRS = function (k, lists) { ran(); pairLists[k] = lists; };

  // Runs `done(failed)` once every script of `srcs` has run or failed to load (`failed`: any
  // did, or loaded without running: `ran`). One that failed is forgotten, so that the next
  // query asks for it again. (An engine without `document.currentScript` takes a load as run.)
  function loadAll(srcs, done) {
    var waiting = 1, failed = false;
    function one(ok) {
      if (!ok) failed = true;
      if (--waiting === 0) done(failed);
    }
    srcs.forEach(function (src) {
      if (loaded[src] === true) return;
      waiting++;
      if (loaded[src]) { loaded[src].push(one); return; }
      loaded[src] = [one];
      var script = document.createElement("script");
      script.src = src;
      script.onload = script.onerror = function (event) {
        var callbacks = loaded[src], ok = event.type === "load" && (script.bantinRan === true || !("currentScript" in document));
        // Asked for before everything read was dropped (`readAgain`): no one waits for it.
        if (!Array.isArray(callbacks)) return;
        if (ok) loaded[src] = true;
        else { delete loaded[src]; script.remove(); }
        callbacks.forEach(function (f) { f(ok); });
      };
      document.head.appendChild(script);
    });
    one(true);
  }

  // ---- Vietnamese folding and words (as SearchWords.swift and VietnameseFolding.swift) ----

  // Letters, digits and combining marks of every script: Unicode's classes (`\p{L}`, ES2018),
  // or in an engine without them (Chrome before 64, KaiOS 2.5) the ranges of the Latin,
  // Vietnamese, Greek, Cyrillic, Hebrew, Arabic, Devanagari, Thai, Khmer and East Asian ones
  // (full-width letters too; not the katakana middle dot, which parts names). Written as
  // strings, never as `/\p{…}/` literals: a literal such an engine cannot read stops the whole
  // script.
  var CLASSES = (function () { try { return new RegExp("\\p{L}", "u").test("đ"); } catch (err) { return false; } })();
  var L = CLASSES ? "\\p{L}" : "A-Za-z\\u00AA\\u00B5\\u00BA\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02C1\\u02C6-\\u02D1\\u02E0-\\u02E4\\u02EC\\u02EE"
    + "\\u0370-\\u0374\\u0376-\\u03FF\\u0400-\\u0481\\u048A-\\u052F\\u05D0-\\u05EA\\u0620-\\u064A\\u0904-\\u0939\\u0E01-\\u0E30\\u0E32\\u0E33\\u0E40-\\u0E46"
    + "\\u1780-\\u17B3\\u1E00-\\u1FFF\\u3041-\\u3096\\u309D-\\u309F\\u30A1-\\u30FA\\u30FC-\\u30FF\\u3400-\\u4DBF\\u4E00-\\u9FFF\\uAC00-\\uD7A3"
    + "\\uFF21-\\uFF3A\\uFF41-\\uFF5A\\uFF66-\\uFF9D\\u{20000}-\\u{2FA1F}";
  var N = CLASSES ? "\\p{N}" : "0-9\\u00B2\\u00B3\\u00B9\\u00BC-\\u00BE\\u0660-\\u0669\\u06F0-\\u06F9\\u2070-\\u2079\\u2080-\\u2089\\u2150-\\u2189\\u2460-\\u249B\\uFF10-\\uFF19";
  var M = CLASSES ? "\\p{Mn}\\p{Mc}" : "\\u0300-\\u036F\\u0483-\\u0489\\u0591-\\u05BD\\u064B-\\u065F\\u093A-\\u094F\\u0E31\\u0E34-\\u0E3A\\u0E47-\\u0E4E"
    + "\\u17B4-\\u17D3\\u1AB0-\\u1AFF\\u1DC0-\\u1DFF\\u20D0-\\u20FF\\u3099\\u309A\\uFE20-\\uFE2F";
  var WORD = new RegExp("[" + L + N + "][" + L + N + M + "]*", "gu");
  // A text that starts with a combining mark.
  var MARK_FIRST = new RegExp("^[" + M + "]", "u");

  // Scripts written without spaces between words (Thai, Lao, Myanmar, Khmer, kana, CJK
  // ideographs: the blocks of SearchWords.swift's `unspacedBlocks`): each of their letters is a
  // word with the marks after it, as the index parts them, so that any part of a run of them is
  // found (`共产党` in `中国共产党代表团`); their digits go on as any number does.
  var UNSPACED = "\\u0E00-\\u0EFF\\u1000-\\u109F\\u1780-\\u17FF\\u19E0-\\u19FF\\u3040-\\u30FF\\u31F0-\\u31FF\\u3400-\\u4DBF"
    + "\\u4E00-\\u9FFF\\uF900-\\uFAFF\\uFF66-\\uFF9F\\u{20000}-\\u{3FFFF}";
  var STANDS_ALONE = new RegExp("^(?![" + M + N + "])" + (CLASSES ? "(?=\\p{Alphabetic})" : "(?=[" + L + "])") + "[" + UNSPACED + "]", "u");
  var WORD_CHAR = new RegExp("^[" + L + N + M + "]", "u");

  // Where a word of `text` ends though no space parts it: before a letter that stands alone, and
  // after one (and its marks) before any other letter or digit. What shows as nothing
  // (`INSIDE_WORDS`: `甲⟨soft hyphen⟩乙`) is passed over, as the index passes it over.
  function unspacedBreaks(text) {
    var breaks = [], alone = false;
    for (var i = 0; i < text.length; i++) {
      var c = text.charCodeAt(i);
      if (c >= 0xDC00 && c <= 0xDFFF || c < 0x0E00 && !alone) continue;
      var ch = String.fromCodePoint(text.codePointAt(i));
      if (ch.search(INSIDE_WORDS) === 0) continue;
      if (STANDS_ALONE.test(ch)) {
        if (WORD_CHAR.test(charBefore(text, i))) breaks.push(i);
        alone = true;
      } else if (alone && !MARK_FIRST.test(ch)) {
        if (WORD_CHAR.test(ch)) breaks.push(i);
        alone = false;
      }
    }
    return breaks;
  }

  // The character before position `i` of `text`, past any that shows as nothing (`INSIDE_WORDS`).
  function charBefore(text, i) {
    while (i > 0) {
      var start = i > 1 && text.charCodeAt(i - 1) >= 0xDC00 && text.charCodeAt(i - 1) <= 0xDFFF ? i - 2 : i - 1;
      var ch = text.slice(start, i);
      if (ch.search(INSIDE_WORDS) !== 0) return ch;
      i = start;
    }
    return "";
  }

  // `text` with a space where `unspacedBreaks` says a word ends.
  function partedUnspaced(text) {
    var breaks = unspacedBreaks(text);
    for (var k = breaks.length - 1; k >= 0; k--) text = text.slice(0, breaks[k]) + " " + text.slice(breaks[k]);
    return text;
  }

  // Letters written for an apostrophe (`Hʼmông`, U+02B9–U+02BD) part words as `'` does: one
  // character each, so that folded positions still map to the text's.
  var APOSTROPHES = /[\u02b9-\u02bd]/g;

  // What shows as nothing inside a word (a soft hyphen, a word joiner, a zero-width joiner or
  // non-joiner: SearchWords.Kinds.insideWords, which a test holds this to) is no part of it and
  // parts nothing: `Th&shy;áp` is `tháp`. Folding drops it; a match's marks still cover it.
  var INSIDE_WORDS = /[\u00ad\u200c\u200d\u2060\ufeff]/g;

  // What folding drops, as VietnameseFolding.swift does: every nonspacing mark (accents, an
  // Arabic vowel, a variation selector), and a letter or mark that is a diacritic (`ˈ`); in an
  // engine without Unicode's classes, the accents.
  var DROPPED = CLASSES ? new RegExp("\\p{Mn}|(?=[\\p{L}\\p{N}\\p{M}])\\p{Diacritic}", "gu") : /[\u0300-\u036f]/g;
  // Latin letters that Unicode does not part into a letter and a mark, as the letters they are
  // read as (a capital lowered first): VietnameseFolding.baseLetters, which a test holds this to.
  var BASE_LETTERS = {
    "ß": "ss", "æ": "ae", "ø": "o", "þ": "th", "ħ": "h", "ı": "i", "ĳ": "ij", "ŀ": "l", "ł": "l", "œ": "oe", "ŧ": "t", "ſ": "s",
    "ƀ": "b", "ɓ": "b", "ƃ": "b", "ƈ": "c", "ȼ": "c", "ɗ": "d", "ƌ": "d", "ȡ": "d", "ɇ": "e", "ƒ": "f", "ǥ": "g", "ɠ": "g",
    "ɨ": "i", "ɉ": "j", "ȷ": "j", "ƙ": "k", "ƚ": "l", "ȴ": "l", "ƞ": "n", "ȵ": "n", "ɲ": "n", "ɵ": "o", "ƥ": "p", "ɋ": "q",
    "ɍ": "r", "ƫ": "t", "ƭ": "t", "ʈ": "t", "ȶ": "t", "ʉ": "u", "ʋ": "v", "ƴ": "y", "ɏ": "y", "ƶ": "z", "ȥ": "z"
  };
  function foldChar(ch) {
    if (ch.search(APOSTROPHES) === 0) return "'";
    if (ch.search(INSIDE_WORDS) === 0) return "";
    var lower = ch.toLowerCase();
    if (lower === "đ" || lower === "ð" || lower === "ɖ") return "d";
    // Broken into its letter and marks first, as VietnameseFolding.slowFold does: `ǿ` is `ø`
    // and an accent, folded to `o`.
    var bare = lower.normalize("NFD").replace(DROPPED, ""), out = "";
    for (var k = 0; k < bare.length; k++) out += Object.prototype.hasOwnProperty.call(BASE_LETTERS, bare[k]) ? BASE_LETTERS[bare[k]] : bare[k];
    return out;
  }

  // A number written with a dot between thousands (`1.250`, `2.500.000`) is one word, its
  // digits joined (`1250`), as SearchWords.swift reads it: a dot followed by three digits and no
  // fourth, after one to three digits (back to anything else, a dot too).
  function digitAt(text, i) { var c = text.charCodeAt(i); return c >= 48 && c <= 57; }
  function isThousandsDot(text, i) {
    if (text.charCodeAt(i) !== 46 || !digitAt(text, i + 1) || !digitAt(text, i + 2) || !digitAt(text, i + 3) || digitAt(text, i + 4)) return false;
    var run = 0;
    while (run < 4 && digitAt(text, i - run - 1)) run++;
    return run >= 1 && run <= 3;
  }
  function joinThousands(text) {
    var out = "";
    for (var i = 0; i < text.length; i++) if (!isThousandsDot(text, i)) out += text[i];
    return out;
  }

  // The folded text and, for each folded position, the position in the original (a thousands
  // dot has none: `1.250` folds to `1250`, which maps back over the dot).
  // Where a word of a script without spaces ends, the folded text has `UNSPACED_BREAK` (mapped to
  // the letter after it), so that it is parted as the index parts it, and a phrase of such
  // letters is told from letters a space or a stop parts (`phrasePattern`).
  var UNSPACED_BREAK = "\u0000";
  // A character past U+FFFF is folded whole (an ideographic variation selector, U+E0100 on, is
  // a mark folding drops); what it folds to maps to its two halves, so that a word's end after
  // it falls after both.
  function foldWithMap(text) {
    var f = foldLetters(text);
    return { text: yAsI(f.text), map: f.map };
  }

  // The same, each letter as it folds, a syllable's `y` left as typed.
  function foldLetters(text) {
    var folded = "", map = [], breaks = unspacedBreaks(text), next = 0;
    for (var i = 0; i < text.length; i++) {
      if (next < breaks.length && breaks[next] === i) { folded += UNSPACED_BREAK; map.push(i); next++; }
      if (text.charCodeAt(i) === 46 && isThousandsDot(text, i)) continue;
      var c = text.charCodeAt(i), width = c >= 0xD800 && c <= 0xDBFF && (text.charCodeAt(i + 1) & 0xFC00) === 0xDC00 ? 2 : 1;
      var f = foldChar(text.substr(i, width));
      for (var k = 0; k < f.length; k++) { folded += f[k]; map.push(i + Math.min(k, width - 1)); }
      i += width - 1;
    }
    map.push(text.length);
    return { text: folded, map: map };
  }

  // The initials after which a syllable's only vowel is written `y` or `i` alike (`lý`/`lí`,
  // `quy`/`qui`, `kỹ`/`kĩ`, `mỹ`/`mĩ`, `tỷ`/`tỉ`): such a word's `y` is read as `i`, one word
  // whichever was typed (VietnameseFolding.initialsOfIOrY, which a test holds this list to). Not
  // `ay`, `tuy`, `quyết`, `y` alone nor `city`: only the whole syllable.
  var Y_AS_I = ["b", "c", "ch", "d", "g", "gh", "h", "k", "kh", "l", "m", "n", "ng", "ngh", "nh", "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x"];
  var Y_READ_AS_I = new RegExp("(^|[^" + L + N + M + "])(" + Y_AS_I.join("|") + ")y(?![" + L + N + M + "])", "gu");
  // Folded `text` with such a syllable's `y` as `i` (the text keeps its length).
  function yAsI(text) { return text.replace(Y_READ_AS_I, "$1$2i"); }

  // Lower-case NFC text with each tone mark where the newer rule puts it: `hóa` and `hoá`,
  // `thủy` and `thuỷ`, `khỏe` and `khoẻ` are one spelling, however the keyboard placed the mark;
  // what shows as nothing inside a word (`INSIDE_WORDS`) is left out.
  var TONE_BEFORE_VOWEL = new RegExp("([ou])([\\u0300\\u0301\\u0303\\u0309\\u0323])([aey])(?![" + L + M + "])", "gu");
  function spelling(text) {
    return text.replace(INSIDE_WORDS, "").normalize("NFC").toLowerCase().normalize("NFD")
      .replace(TONE_BEFORE_VOWEL, "$1$3$2").normalize("NFC");
  }

  // The words of a query: {exact (its `spelling`), folded, begins (folded as typed, a `y` read
  // as `i` left: `ly` is the word `li` and begins `lyon`), marked (typed with diacritics),
  // whole (matches only the whole word, not a longer one it begins), strict (matches only as
  // spelt: set for a keyboard's reading of keys, `show`)}. A word of one letter or digit is
  // whole: the `5` of `ngày 5`, the `2` of `2,5`, the `K` of `Điểu K'Ré` mean themselves, and
  // every word they begin would be a good part of the index to load (every number starting 5).
  // While the reader types, such a word at the very end is the start of one still being typed:
  // it is left out until the next key (`readQuery`). A number of digits only (`number`) begins
  // only the numbers that go on by whole groups of three: `1.250` (`1250`) begins `1.250.000`,
  // not `125.000` or `12.500`, whose size differs.
  function terms(query) {
    var found = partedUnspaced(joinThousands(spelling(query)).replace(APOSTROPHES, "'")).match(WORD) || [];
    return found.map(function (exact) {
      var begins = foldLetters(exact).text, folded = yAsI(begins), whole = Array.from(folded).length === 1;
      return { exact: exact, folded: folded, begins: begins, marked: folded !== exact, whole: whole, number: !whole && /^[0-9]+$/.test(folded) };
    }).filter(function (t) { return t.folded.length > 0; });
  }

  // ---- Parts in quotes ----

  // A query cut at its quotes, straight or curly (any quote opens or closes: keyboards pair them
  // in different ways): {terms: every word in order, quoted: the parts in quotes {text, terms},
  // loose: the text outside them}. A quote left open runs to the end. In quotes the reader means
  // those very words, so each is whole; but the last word of a quote left open may still be
  // being typed, and stays a prefix meanwhile (`"đồng th` finds what `"đồng tháp"` will). A part
  // in quotes without words is no part.
  function readQuery(query, stillTyped) {
    var pieces = query.split(/["“”„]/), all = [], quoted = [], outside = [];
    pieces.forEach(function (text, k) {
      var ts = terms(text), open = k === pieces.length - 1;
      all = all.concat(ts);
      if (k % 2 === 0) { outside.push(text); return; }
      ts.forEach(function (t, i) { t.whole = !(open && i === ts.length - 1); });
      if (ts.length) quoted.push({ text: text.trim(), terms: ts });
    });
    // A letter just typed after a space (`sinh hoạt c`, `stillTyped`: more keys may come) answers
    // nothing yet: not every word starting with it (a large part of the index to load), nor only
    // the word `c` (found nowhere). Outside quotes; a quote left open keeps its last word a
    // prefix, whatever its length.
    // (A letter of a script written without spaces is a word of its own: it answers at once.)
    var last = all[all.length - 1], leftOut = Boolean(stillTyped) && pieces.length % 2 === 1 && last !== undefined && last.whole
      && !STANDS_ALONE.test(last.exact) && new RegExp("[" + L + N + M + "]$", "u").test(query);
    if (leftOut) all = all.slice(0, -1);
    return { terms: all, quoted: quoted, loose: outside.join(" ").replace(/\s+/g, " ").trim(), leftOut: leftOut };
  }

  // The phrases a read query asks for: the words of each part in quotes with more than one word.
  function askedPhrases(read) {
    return read.quoted.filter(function (part) { return part.terms.length > 1; }).map(function (part) { return part.terms; });
  }

  // How the status names a query: ` cho “đảng bộ”`; with parts in quotes, each after the words
  // outside them as a phrase or a word (` cho “kiểm tra” có cụm “hợp tác xã” và từ “an”`),
  // without its quotes.
  function told(query) {
    var read = readQuery(query);
    if (read.quoted.length === 0) return " cho “" + unquoted(query) + "”";
    var named = read.quoted.map(function (part) { return (part.terms.length > 1 ? "cụm “" : "từ “") + part.text + "”"; });
    var last = named.pop();
    return (read.loose ? " cho “" + read.loose + "”" : "") + " có " + (named.length ? named.join(", ") + " và " : "") + last;
  }

  // A query as a message quotes it (inside “…”): without its own quote marks.
  function unquoted(query) { return query.replace(/["“”„]/g, " ").replace(/\s+/g, " ").trim(); }

  // ---- Words typed without a Vietnamese keyboard ----

  // What a Vietnamese keyboard would have made of a query's keys, when they were typed without
  // one: Telex (`ddangr booj` → `đảng bộ`) or VNI (`d9a3ng bo65` → `đảng bộ`). Asked for only
  // when the query as typed finds nothing: {query, way, exact: the words read, as `spelling`
  // writes them}, or null when no word reads as either. A word of a code (`01-KL/TW`) is left.
  var TONE = { s: "\u0301", f: "\u0300", r: "\u0309", x: "\u0303", j: "\u0323",
               1: "\u0301", 2: "\u0300", 3: "\u0309", 4: "\u0303", 5: "\u0323" };
  var HAT = { a: "â", e: "ê", o: "ô" }, HORN = { o: "ơ", u: "ư" }, VOWEL = /[aăâeêioôơuưy]/;

  function keyed(query) {
    var ways = [], exact = [];
    query = query.replace(APOSTROPHES, "'");
    var out = query.replace(new RegExp("[" + L + N + "]+", "gu"), function (word, at) {
      var before = query[at - 1], after = query[at + word.length];
      if (!/^[a-zđăâêôơư][a-zđăâêôơư0-9]*$/i.test(word) || /[-/]/.test(before || "") || /[-/]/.test(after || "")) return word;
      var way = /[0-9]/.test(word) ? "VNI" : "Telex", made = keyedWord(word.toLowerCase(), way);
      if (!made) return word;
      if (ways.indexOf(way) < 0) ways.push(way);
      exact.push(spelling(made));
      // In the case it was typed in: `DDANGR` → `ĐẢNG`, `Thaps` → `Tháp`.
      if (word === word.toUpperCase() && word.length > 1) return made.toUpperCase();
      return word[0] === word[0].toUpperCase() ? made[0].toUpperCase() + made.slice(1) : made;
    });
    return ways.length ? { query: out, way: ways.join(" và "), exact: exact } : null;
  }

  // One word's letters as the keyboard `way` makes them; null when it has no key to read.
  function keyedWord(word, way) {
    var out = [], tone = null, marked = false;
    function last(k) { return out[out.length - 1 - (k || 0)]; }
    function vowelTyped() { return out.some(function (c) { return VOWEL.test(c); }); }
    // The vowel a horn goes on: the last `o` or `u` typed (the first of `uu`; not the `u` of
    // `qu`), or `a` for Telex's `w` (a breve).
    function horned(breve) {
      for (var k = out.length - 1; k >= 0; k--) {
        if (out[k] === "o" || (breve && out[k] === "a") || (out[k] === "u" && !(k === 1 && out[0] === "q"))) return out[k] === "u" && out[k - 1] === "u" ? k - 1 : k;
      }
      return -1;
    }
    for (var i = 0; i < word.length; i++) {
      var c = word[i];
      if (way === "Telex") {
        if (c === "d" && i === 1 && last() === "d") { out[0] = "đ"; marked = true; continue; }
        if (TONE[c] && /[a-z]/.test(c) && vowelTyped()) { tone = TONE[c]; continue; }
        if (c === "w") {
          var k = horned(true);
          if (k < 0) out.push("ư"); else out[k] = out[k] === "a" ? "ă" : HORN[out[k]];
          marked = true;
          continue;
        }
        if (HAT[c] && last() === c) { out[out.length - 1] = HAT[c]; marked = true; continue; }
      } else {
        if (c === "9" && out[0] === "d") { out[0] = "đ"; marked = true; continue; }
        if (TONE[c] && vowelTyped()) { tone = TONE[c]; continue; }
        if (c === "6" || c === "7" || c === "8") {
          var v = -1;
          if (c === "7") v = horned(false);
          else for (var j = out.length - 1; j >= 0 && v < 0; j--) if (c === "8" ? out[j] === "a" : HAT[out[j]]) v = j;
          if (v < 0) return null;
          out[v] = c === "8" ? "ă" : c === "6" ? HAT[out[v]] : HORN[out[v]];
          marked = true;
          continue;
        }
      }
      if (/[0-9]/.test(c)) return null;
      out.push(c);
    }
    // `ươ` as keyboards write it: a horn on either of `uo` goes on both, but `thuở` stays.
    var letters = out.join("").replace(/ưo|uơ/g, "ươ").replace(/ươ$/, "uơ");
    if (!tone) return marked ? letters : null;
    out = Array.from(letters);
    var at = toneVowel(out);
    if (at < 0) return null;
    out[at] += tone;
    return out.join("").normalize("NFC");
  }

  // Where a syllable's tone mark goes: on its vowel with a hat or horn (the second of `ươ`), on
  // its only vowel, on the last before a final consonant, the middle of three, else the first
  // of two (`spelling` then places it in `oa`, `oe`, `uy` as the text does).
  function toneVowel(letters) {
    var start = 0;
    if ((letters[0] === "q" && letters[1] === "u") || (letters[0] === "g" && letters[1] === "i" && VOWEL.test(letters[2] || ""))) start = 2;
    while (start < letters.length && !VOWEL.test(letters[start])) start++;
    var end = start;
    while (end < letters.length && VOWEL.test(letters[end])) end++;
    if (start === end) return -1;
    for (var k = end - 1; k >= start; k--) if (/[ăâêôơư]/.test(letters[k])) return k;
    if (end - start === 1) return start;
    if (end < letters.length) return end - 1;
    return end - start === 3 ? start + 1 : start;
  }

  // ---- Reading the index ----

  var FINAL = "0123456789abcdefghijklmnopqrstuv", MORE = "ABCDEFGHIJKLMNOPQRSTUVWXYZ-_.!*'";
  var BITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

  // Calls `each(n)` for every article number of a DocList string (DocList.swift).
  function forEachDoc(list, each) {
    var i, c;
    if (list.charAt(0) === "~") {
      for (i = 1; i < list.length; i++) {
        var bits = BITS.indexOf(list.charAt(i));
        for (var j = 0; j < 6; j++) if (bits & (1 << j)) each((i - 1) * 6 + j);
      }
      return;
    }
    var value = 0, previous = -1;
    for (i = 0; i < list.length; i++) {
      c = list.charAt(i);
      var digit = MORE.indexOf(c);
      if (digit >= 0) { value = value * 32 + digit; continue; }
      previous += value * 32 + FINAL.indexOf(c) + 1;
      each(previous);
      value = 0;
    }
  }

  // ---- Neighbouring words (PhrasePairs.swift) ----

  // FNV-1a (32 bits) of a folded word's UTF-8 bytes (VietnameseFolding.foldedHash).
  function wordHash(folded) {
    var bytes = new TextEncoder().encode(folded), h = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193) >>> 0;
    return h;
  }

  // Two 32-bit hashes mixed into one (PhrasePairs.mix).
  function mix(first, second) {
    var x = (Math.imul(first, 0x9e3779b1) ^ second) >>> 0;
    x = (x ^ (x >>> 16)) >>> 0;
    x = Math.imul(x, 0x85ebca6b) >>> 0;
    return (x ^ (x >>> 13)) >>> 0;
  }

  // The buckets of the query's neighbouring words, two and three at a time (PhrasePairs.bucket).
  function queryBuckets(ts) {
    var found = [];
    var mask = manifest.pairs.buckets - 1, h = ts.map(function (t) { return wordHash(t.folded); });
    for (var i = 1; i < ts.length; i++) {
      found.push(mix(h[i - 1], h[i]) & mask);
      if (i >= 2) found.push(mix(mix(h[i - 2], h[i - 1]), h[i]) & mask);
    }
    return found;
  }

  function pairFileSrc(bucket) { return indexSrc("p-" + Math.floor(bucket / manifest.pairs.perFile) + ".js"); }

  // Articles that have every bucket of `buckets` (the query's words probably in order):
  // article number → true.
  function inOrder(buckets) {
    var count = {}, found = {};
    buckets.forEach(function (b) {
      var lists = pairLists[Math.floor(b / manifest.pairs.perFile)];
      var list = lists && lists[b % manifest.pairs.perFile];  // a hole: no article has it
      if (list) forEachDoc(list, function (n) { count[n] = (count[n] || 0) + 1; });
    });
    for (var n in count) if (count[n] === buckets.length) found[n] = true;
    return found;
  }

  // Marks the words of an unquoted query the pair lists cannot place (`open`): its last, which
  // may be still typed or begin longer words (`dong th` for `Đồng Tháp`), and any that is no
  // indexed word itself (the pair lists know whole indexed words only). A word of one letter or
  // digit is whole.
  function markOpen(ts) {
    ts.forEach(function (t, k) { t.open = ts.length > 1 && !t.whole && (k === ts.length - 1 || !words[t.folded]); });
  }

  // The buckets of the runs of words between the open ones (`markOpen`): what the pair lists
  // tell of the order of the others.
  function knownBuckets(ts) {
    var found = [], run = [];
    ts.concat([{ open: true }]).forEach(function (t) {
      if (!t.open) { run.push(t); return; }
      found = found.concat(queryBuckets(run));
      run = [];
    });
    return found;
  }

  // Of the results `order` (`rank`), those not in `sure` whose words may stand in order where the
  // pair lists cannot tell: each open word begins a longer word there (`begun`), and the other
  // words' runs are in order. Their records are read to see: the best `WINDOW` by where the
  // words stand (a word still typed begins words of most articles; reading them all would cost
  // as many records).
  function begunInOrder(order, ts, sure) {
    var buckets = knownBuckets(ts), known = buckets.length > 0 ? inOrder(buckets) : null;
    return order.filter(function (r) { return r.begun && !(sure && sure[r.n]) && (!known || known[r.n]); }).sort(byBound).slice(0, WINDOW);
  }

  // The shard scripts a query word needs: those whose key is a prefix of it or of what it begins
  // (`begins`) or, unless it is whole, starts with what it begins (those hold only longer words).
  function shardsFor(term) {
    return manifest.shards.filter(function (key) {
      return term.folded.lastIndexOf(key, 0) === 0 || term.begins.lastIndexOf(key, 0) === 0 || (!term.whole && key.lastIndexOf(term.begins, 0) === 0);
    }).map(function (key) {
      return indexSrc("t-" + key.replace(/[^a-z0-9]/gu, function (c) { return "_" + c.codePointAt(0).toString(16); }) + ".js");
    });
  }

  // What a query word finds in an article: it begins a word there (MATCH), of the title, of the
  // sapo or of the byline, place, category, codes and themes (ABOUT), spelt as typed; and the
  // same for the word itself, not a longer one it begins (`thi`, not `thiếu`: a Vietnamese word
  // is one syllable, the start of many others).
  // LONGER: it begins a longer word there.
  var MATCH = 1, TITLE = 2, SAPO = 4, EXACT = 8, WHOLE = 16, WHOLE_TITLE = 32, WHOLE_SAPO = 64, ABOUT = 128, WHOLE_ABOUT = 256, LONGER = 512;

  // For each article, what one query word finds in it (bits above): every indexed word it begins,
  // or only itself when whole.
  function flagsFor(term) {
    var flags = new Uint16Array(manifest.docs);
    for (var w in words) {
      if (w !== term.folded && (term.whole || w.lastIndexOf(term.begins, 0) !== 0)) continue;
      if (term.number && !GROUPS_ONLY.test(w.slice(term.folded.length))) continue;
      var entry = words[w], itself = w === term.folded;
      var title = itself ? TITLE | WHOLE_TITLE : TITLE, sapo = itself ? SAPO | WHOLE_SAPO : SAPO, about = itself ? ABOUT | WHOLE_ABOUT : ABOUT;
      forEachDoc(entry[0], function (n) { flags[n] |= title; });
      forEachDoc(entry[1], function (n) { flags[n] |= sapo; });
      forEachDoc(entry[2], function (n) { flags[n] |= about; });
      for (var k = 3; k + 1 < entry.length; k += 2) {
        var bit = (itself ? MATCH | WHOLE : MATCH | LONGER) | (term.marked && spelling(entry[k]).lastIndexOf(term.exact, 0) === 0 ? EXACT : 0);
        forEachDoc(entry[k + 1], function (n) { flags[n] |= bit; });
      }
    }
    return flags;
  }

  // What one word scores by where it stands: the title 3, the sapo or the byline, place,
  // category, codes and themes 2 (an article in the place, by the author, is about them), the
  // body 1; 3 more where it is the word itself, not only the start of a longer one (the body's
  // `thi` before the title's `Thiếu`: a Vietnamese word is one syllable, the start of many).
  function placeScore(tier, wholeTier) { return wholeTier > 0 ? 3 + wholeTier : tier; }

  // Articles with every word of `ts`, best first: exact spelling, then title over sapo (and
  // byline, place…) over the rest, then newer (higher numbers are newer). A strict word matches
  // only as spelt. `bound`: the most the words in order can score there (`phraseScore`), as far
  // as the shards tell: in the title only if every word is, in the sapo or byline, place…
  // likewise, spelt as typed only if every word typed with marks is so spelt there, and as the
  // whole words only where each is itself. `begun`: every open word of the query (`openWords`)
  // begins a longer word there, where the pair lists cannot tell the order.
  function rank(ts) {
    var found = [];
    if (ts.length === 0) return found;
    var all = ts.map(flagsFor), strict = ts.map(function (t) { return t.strict; });
    var marked = ts.some(function (t) { return t.marked; });
    for (var n = 0; n < manifest.docs; n++) {
      var exact = 0, place = 0, ok = true, tierAll = 3, wholeAll = 3, asTyped = marked, begun = null;
      for (var t = 0; t < all.length && ok; t++) {
        var f = all[t][n];
        if (!(f & MATCH) || (strict[t] && !(f & EXACT))) { ok = false; break; }
        if (ts[t].open) begun = begun !== false && Boolean(f & LONGER);
        if (f & EXACT) exact++;
        else if (ts[t].marked) asTyped = false;
        var tier = f & TITLE ? 3 : f & (SAPO | ABOUT) ? 2 : 1, wholeTier = f & WHOLE_TITLE ? 3 : f & (WHOLE_SAPO | WHOLE_ABOUT) ? 2 : f & WHOLE ? 1 : 0;
        place += placeScore(tier, wholeTier);
        tierAll = Math.min(tierAll, tier);
        wholeAll = Math.min(wholeAll, wholeTier);
      }
      // The words whole in a field only where each is whole somewhere, in a field no better
      // than the worst of those (the title's `Tôn` and the body's `tổ` bound it as a body's `tổ`).
      if (ok) found.push({ n: n, score: exact * 100 + place, bound: Math.max(tierAll, wholeAll > 0 ? 8 + wholeAll : 0) + (asTyped ? 4 : 0), begun: begun === true });
    }
    found.sort(byScore);
    return found;
  }

  function byScore(a, b) { return b.score - a.score || b.n - a.n; }

  // Those whose words in order may score most first: their records are read in that order.
  function byBound(a, b) { return b.bound - a.bound || byScore(a, b); }

  // ---- Phrases, passages and highlighting, on the records of the best results ----

  function escapeRegExp(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }

  // After a whole query word matched in folded text: no more of a word.
  var WORD_END = "(?![" + L + N + M + "])";
  // What may follow a number typed (`term.number`) in a number it begins: whole groups of three digits.
  var GROUPS_ONLY = /^(?:[0-9]{3})*$/;
  // A query word in folded text: itself, or what it begins as typed (`ly`: the word `li`, or
  // `lyon`); both are as long.
  function termPattern(t) {
    return t.begins === t.folded ? escapeRegExp(t.folded) : "(?:" + escapeRegExp(t.folded) + WORD_END + "|" + escapeRegExp(t.begins) + ")";
  }
  function after(t) {
    return t.whole ? WORD_END : t.number ? "(?=(?:[0-9]{3})*" + WORD_END + ")" : "[" + L + N + M + "]*";
  }

  // Matches the query's words in order, each the start of a word (the whole word when whole), in
  // folded text, within one block (a line of the body: a paragraph, heading, list item or table
  // row); a group per word.
  // Two letters of a script written without spaces are a phrase only side by side: a space
  // there parts its phrases (Thai), as a stop does.
  function phrasePattern(ts) {
    var pattern = "(?:^|[^" + L + N + M + "])";
    ts.forEach(function (t, k) {
      if (k > 0) pattern += STANDS_ALONE.test(ts[k - 1].exact) && STANDS_ALONE.test(t.exact) ? UNSPACED_BREAK : "[^" + L + N + M + "\\n]+";
      pattern += "(" + termPattern(t) + ")" + after(t) + (t.number ? "[0-9]*" : "");
    });
    return new RegExp(pattern, INDICES ? "gud" : "gu");
  }

  // Whether the browser gives a match's groups their places (the `d` flag; older ones do not,
  // and then a phrase counts as not spelt as typed).
  var INDICES = (function () { try { return new RegExp("a", "d").hasIndices === true; } catch (err) { return false; } })();

  // Where the query's words stand in order in `text`: [start of the first word, spelt as typed
  // (each word typed with diacritics is spelt so there), each the whole word (none only begins
  // a longer one)], those spelt as typed first, then the whole words.
  var NOT_WORD_START = new RegExp("^[^" + L + N + M + "]", "u");
  function phrases(text, ts, folded) {
    if (ts.length === 0) return [];
    var f = folded || foldWithMap(text), re = phrasePattern(ts), found = [], m;
    while ((m = re.exec(f.text)) !== null) {
      var indices = m.indices;
      if (!indices) {
        var lead = m[0].length - m[0].replace(NOT_WORD_START, "").length;
        found.push([f.map[m.index + lead], false, false]);
        re.lastIndex = m.index + lead + m[1].length;
        continue;
      }
      var typed = ts.every(function (t, k) {
        var at = indices[k + 1];
        return !t.marked || spelling(text.slice(f.map[at[0]], f.map[at[1]])) === t.exact;
      });
      var whole = ts.every(function (t, k) {
        WORD_GOES_ON.lastIndex = indices[k + 1][1];
        return !WORD_GOES_ON.test(f.text);
      });
      found.push([f.map[indices[1][0]], typed, whole]);
      re.lastIndex = indices[1][1];
    }
    return found.sort(function (a, b) { return b[1] - a[1] || b[2] - a[2] || a[0] - b[0]; });
  }

  // The sum of the `phraseScore`s of the phrases of `list` (each a list of words), or 0 when one
  // of them is not there.
  function phrasesScore(record, list) {
    var sum = 0;
    for (var i = 0; i < list.length; i++) {
      var score = phraseScore(record, list[i]);
      if (score === 0) return 0;
      sum += score;
    }
    return sum;
  }

  // A record's fields {text, tier: what a word or phrase found there scores}, best first: the
  // title or subtitle 3, the sapo or the author, place, category, codes and themes 2 (an article
  // listing the directive, or in the place, is about it), the body and the source 1 (the source
  // is often the bulletin's own name, on every article). Kept on the record, each folded when
  // first needed (`folded`): a long body only when nothing before it scores more.
  function recordFields(record) {
    if (!record.fields) {
      record.fields = [[[record[1], record[6] || ""].join("\n"), 3], [record[3] || "", 2], [(record[5] || "").split(" · ").join("\n"), 2], [record[4] || "", 1], [record[7] || "", 1]]
        .map(function (field) { return { text: field[0], tier: field[1], fold: null }; });
    }
    return record.fields;
  }

  // A field's text folded (`foldWithMap`), once.
  function folded(field) { return field.fold || (field.fold = foldWithMap(field.text)); }

  // The query's words in order: 0 when nowhere, else the best of its fields' scores where they
  // stand so, +4 when spelt as typed there, +8 when they are the whole words (`Tô` in a title
  // scores 3, `tổ` in the body 13, `tổng` in a title 7: a Vietnamese word is one syllable, and
  // the longer words it begins are other words).
  function phraseScore(record, ts) {
    var best = 0;
    recordFields(record).forEach(function (field) {
      if (best >= field.tier + 12) return;
      phrases(field.text, ts, folded(field)).forEach(function (p) { best = Math.max(best, field.tier + (p[1] ? 4 : 0) + (p[2] ? 8 : 0)); });
    });
    return best;
  }

  // What the query's words score on a record, as `rank` scores them on the shards, but knowing
  // how each field spells them: 100 for each word spelt as typed somewhere, then where it stands
  // (`placeScore`), counting, for a word typed with marks, only where it is so spelt when it is
  // anywhere (the title's `Tôn` is not the `tổ` of the body).
  function wordsScore(record, ts) {
    var fields = recordFields(record);
    return ts.reduce(function (sum, t) {
      var spelt = false, best = 0, bestSpelt = 0;
      fields.forEach(function (field) {
        // A field that cannot score more than what is found already is not read.
        var most = placeScore(field.tier, field.tier);
        if (t.marked ? spelt && bestSpelt >= most : best >= most) return;
        occurrences(field.text, t, folded(field)).forEach(function (m) {
          var score = placeScore(field.tier, m[4] ? field.tier : 0);
          best = Math.max(best, score);
          if (m[3]) { spelt = true; bestSpelt = Math.max(bestSpelt, score); }
        });
      });
      return sum + (t.marked && spelt ? 100 + bestSpelt : best);
    }, 0);
  }

  // [start, end, folded word, spelt as typed, the whole word] where the query word `t` begins a
  // word of `text` (is one, when whole; spelt as typed, when strict), in order.
  var WORD_GOES_ON = new RegExp("[" + L + N + M + "]", "uy");
  function occurrences(text, t, folded) {
    var f = folded || foldWithMap(text), found = [], m;
    var re = new RegExp("(^|[^" + L + N + M + "])(" + termPattern(t) + ")" + after(t), "gu");
    while ((m = re.exec(f.text)) !== null) {
      // Its end is after its last character (not after a thousands dot that follows it), and
      // after the marks that follow that folding drops (`kơ̆`, Khmer `ប្រពៃណី`): part of the word.
      var at = m.index + m[1].length, start = f.map[at];
      var end = afterDroppedMarks(text, f.map[at + t.folded.length - 1] + 1, f.map[at + t.folded.length]);
      var spelt = t.marked && spelling(text.slice(start, end)) === t.exact;
      WORD_GOES_ON.lastIndex = at + t.folded.length;
      if (spelt || !t.strict) found.push([start, end, t.folded, spelt, !WORD_GOES_ON.test(f.text)]);
      re.lastIndex = at + t.folded.length;
    }
    return found;
  }

  // `end` moved on over the marks of `text` before `next` (where the next folded character
  // stands), which folding drops.
  function afterDroppedMarks(text, end, next) {
    while (end < next && MARK_FIRST.test(text.slice(end, end + 2))) end += text.codePointAt(end) > 0xFFFF ? 2 : 1;
    return end;
  }

  // The same for every query word, in order; of two starting at one place (`dan`, `dang`), the
  // longer first.
  function matches(text, ts, foldedText) {
    var f = foldedText || foldWithMap(text), found = [];
    ts.forEach(function (t) { found = found.concat(occurrences(text, t, f)); });
    found = together(found, ts, f);
    found.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    return found;
  }

  // Of `found`, the query's letters of a script written without spaces only where they stand
  // side by side as typed (`ประชุม`): each alone is a letter met all over a text (ร, ม), which
  // marks nothing of what was asked. Such a letter typed alone stays wherever it is; a browser
  // that gives no places of a match's groups keeps them all.
  function together(found, ts, f) {
    if (!INDICES) return found;
    var kept = {}, asked = {};
    for (var k = 0; k < ts.length; k++) {
      var end = k;
      while (end < ts.length && STANDS_ALONE.test(ts[end].exact)) end++;
      if (end - k < 2) continue;
      var run = ts.slice(k, end), re = phrasePattern(run), m;
      run.forEach(function (t) { asked[t.folded] = true; });
      while ((m = re.exec(f.text)) !== null) {
        for (var j = 1; j < m.indices.length; j++) kept[f.map[m.indices[j][0]] + ":" + run[j - 1].folded] = true;
        re.lastIndex = m.indices[1][1];
      }
      k = end - 1;
    }
    return found.filter(function (m) { return !asked[m[2]] || kept[m[0] + ":" + m[2]]; });
  }

  // Whether a record has every query word somewhere, spelt as typed or not, as the shards that
  // listed it said: one without is an article of another build of the site (`readAgain`).
  function hasEvery(record, ts) {
    var fields = recordFields(record);
    return ts.every(function (t) {
      var loose = {};
      for (var key in t) if (Object.prototype.hasOwnProperty.call(t, key)) loose[key] = t[key];
      loose.strict = false;
      return fields.some(function (field) { return occurrences(field.text, loose, folded(field)).length > 0; });
    });
  }

  // Whether any of the results `rs` whose records are read is of another build than the shards.
  function ofAnotherBuild(rs, ts) { return rs.some(function (r) { return docs[r.n] && !hasEvery(docs[r.n], ts); }); }

  // The query's words as a result shows them: one typed with marks and spelt so anywhere in the
  // record is marked, and its passage found, only where it is so spelt (`tổ`, not the `Tôn`
  // of the title nor the `to`, `toàn`, `tôi` around it); else wherever its letters are.
  function shownTerms(record, ts) {
    var fields = recordFields(record);
    return ts.map(function (t) {
      if (t.strict || !t.marked || !fields.some(function (field) { return occurrences(field.text, t, folded(field)).some(function (m) { return m[3]; }); })) return t;
      // The same word, matching only as spelt.
      var strict = {};
      for (var key in t) if (Object.prototype.hasOwnProperty.call(t, key)) strict[key] = t[key];
      strict.strict = true;
      return strict;
    });
  }

  // Appends `text` to `parent`, each match in <mark>; matches side by side (the letters of a
  // script written without spaces: `ប្រពៃណី`) in one.
  function highlight(parent, text, ts) {
    var cursor = 0, mark = null;
    matches(text, ts).forEach(function (m) {
      if (m[0] < cursor) return;
      if (mark && m[0] === cursor) {
        mark.textContent += text.slice(m[0], m[1]);
      } else {
        parent.appendChild(document.createTextNode(text.slice(cursor, m[0])));
        mark = document.createElement("mark");
        mark.textContent = text.slice(m[0], m[1]);
        parent.appendChild(mark);
      }
      cursor = m[1];
    });
    parent.appendChild(document.createTextNode(text.slice(cursor)));
  }

  // The passage of the body where the words of `lead` (the query's, or its first phrase in
  // quotes) stand in order (spelt as typed first), or else with most of the query's words `ts`
  // close together, then most of them spelt as typed (the first such); cut at word boundaries,
  // its blocks apart: [text, cut before, cut after]; null when the body has none.
  function passage(body, ts, lead, foldedBody) {
    var f = foldedBody || foldWithMap(body), found = matches(body, ts, f);
    if (found.length === 0) return null;
    var phrase = lead.length > 1 ? phrases(body, lead, f)[0] : null, best = 0, bestCount = 0, bestExact = 0;
    for (var i = 0; i < found.length; i++) {
      if (phrase && found[i][0] === phrase[0]) { best = i; break; }
      var seen = {}, count = 0, exact = 0;
      for (var j = i; j < found.length && found[j][0] - found[i][0] < 160; j++) {
        if (!seen[found[j][2]]) { seen[found[j][2]] = true; count++; }
        if (found[j][3]) exact++;
      }
      if (count > bestCount || (count === bestCount && exact > bestExact)) { bestCount = count; bestExact = exact; best = i; }
    }
    var start = Math.max(0, found[best][0] - 70), end = Math.min(body.length, found[best][0] + 230);
    var lineStart = body.lastIndexOf("\n", found[best][0]);
    if (lineStart >= start) start = lineStart + 1;
    else if (start > 0) { var space = body.indexOf(" ", start); if (space >= 0 && space < found[best][0]) start = space + 1; }
    if (end < body.length) { var back = body.lastIndexOf(" ", end); if (back > found[best][0]) end = back; }
    start = characterStart(body, start);
    end = characterStart(body, end);
    return [body.slice(start, end).replace(/\n/g, " · "), start > 0, end < body.length];
  }

  // Where a cut at `i` of `text` parts no character, `i` or before it: not between the halves
  // of a surrogate pair (a Hán-Nôm ideograph of Extension B, an emoji: either half alone shows
  // as �), nor before a combining mark (a Khmer or Thai vowel sign, a tone mark typed apart),
  // which would be left without its letter. Text without spaces (Chinese, Hán-Nôm, Khmer) is
  // cut where its count of characters falls.
  function characterStart(text, i) {
    while (i > 0 && i < text.length) {
      var c = text.charCodeAt(i), before = text.charCodeAt(i - 1);
      var inPair = c >= 0xDC00 && c <= 0xDFFF && before >= 0xD800 && before <= 0xDBFF;
      if (!inPair && !MARK_FIRST.test(text.slice(i, i + 2))) break;
      i--;
    }
    return i;
  }

  // ---- The page ----

  // The answer shown: its query, its results in order, how many are shown, the query's words,
  // the phrases looked for on the records (the query's words, or its parts in quotes), and how
  // many of the results come first because their neighbouring words are the phrases'
  // (`paired`), of which the first `checked` had their records read to see the phrases are there.
  var current = { query: "", order: [], shown: 0, terms: [], phrases: [], paired: 0, checked: 0, tell: function () {} };
  var asked = null;      // the query of the latest answer asked for (maybe still loading)
  var typing = false;    // the query is being typed (answered 120 ms after a key, not after a
                         // space), not entered, pasted or taken from the address
  var leftOut = false;   // the latest answer left out the letter typed last (`readQuery`)
  // Come back to (Back from a result): how many results were shown for which query, and where
  // the page was scrolled, as the page kept them in its history entry when it was left. A
  // browser that keeps the whole page (over HTTP) needs none of it; one opened from disk does.
  var resume = null;     // after reading again: {q, shown, focus: the result to focus, or -1}
  var restore = null;
  try {
    restore = window.history.state && window.history.state.shown > 0 ? window.history.state : null;
    // The place is put back once the results are there; the browser's own try comes too early.
    if (restore && "scrollRestoration" in window.history) window.history.scrollRestoration = "manual";
  } catch (err) { /* no history */ }

  function recordSrc(n) { return indexSrc("bai/" + n + ".js"); }

  // 12.345, as Vietnamese writes numbers.
  function count(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, "."); }

  // `typed`: this query is how a Vietnamese keyboard reads `typed.text`, which found nothing.
  function show(query, typed) {
    var mine = ++generation, q = query.trim();
    asked = typed ? typed.text : q;
    list.textContent = "";
    if (more) more.hidden = true;
    // The table asked for again a while after it was read: the site may have been built again.
    var stale = manifest && Date.now() - checkedAt > RECHECK;
    if (!manifest || stale) {
      // Still loading, or asked for again: the answer comes once it is there.
      var loading = tableSrc !== null && Array.isArray(loaded[tableSrc]);
      status.textContent = stale ? "Đang tìm…" : loading ? "Đang tải chỉ mục tìm kiếm…" : "Không tải được chỉ mục tìm kiếm.";
      if (!stale && !loading) notLoaded();
      loadTable(function (failed) {
        if (mine !== generation) return;
        // Not read again (offline a while), the table read before still answers.
        if (!failed || manifest) show(query, typed);
        else { status.textContent = "Không tải được chỉ mục tìm kiếm."; notLoaded(); }
      });
      return;
    }
    // An index this script cannot read (a site built by another bantin than its script's) is
    // said so, not taken for one without the words.
    if (manifest.format !== INDEX_FORMAT) {
      status.textContent = "Không đọc được chỉ mục tìm kiếm: trang tìm kiếm và chỉ mục thuộc hai phiên bản bantin khác nhau.";
      return;
    }
    // A keyboard's reading (`typed`) reads whole keys: its last word is no letter still typed.
    var read = readQuery(q, typing && !typed);
    leftOut = read.leftOut;
    // Nothing to look for (no query, or only quote marks or signs): the reader is asked for words.
    if (read.terms.length === 0) { status.textContent = "Nhập từ khóa để tìm trong " + count(manifest.docs) + " bài viết."; return; }
    // The status names what was looked for, and the letter that waits: `cho “ngày”; nhấn Enter để
    // tìm cả “5”`.
    var named = leftOut ? q.replace(new RegExp("[" + L + N + M + "]+$", "u"), "").trim() : q;
    var waits = leftOut ? "; nhấn Enter để tìm cả “" + q.slice(named.length).trim() + "”" : "";
    // Parts in quotes (`"hợp tác xã" kiểm tra`) ask for their phrases: only the articles with
    // every one are shown. The pair lists know whole words only: the last word of a quote left
    // open, still a prefix, is left to the records.
    var ts = read.terms, quoted = askedPhrases(read), phraseOnly = quoted.length > 0;
    // A keyboard's reading of the keys is taken as spelt: `tax` is no search for every `tả…`,
    // nor marks one in a passage.
    ts.forEach(function (t) { t.strict = Boolean(typed && typed.exact.indexOf(t.exact) >= 0); });
    var phraseList = phraseOnly ? quoted : [ts], needed = [];
    var buckets = phraseOnly
      ? quoted.reduce(function (all, p) { return all.concat(queryBuckets(p.filter(function (t) { return t.whole; }))); }, [])
      : queryBuckets(ts);
    ts.forEach(function (t) { needed = needed.concat(shardsFor(t)); });
    buckets.forEach(function (b) { if (needed.indexOf(pairFileSrc(b)) < 0) needed.push(pairFileSrc(b)); });
    status.textContent = "Đang tìm…";
    loadAll(needed, function (failed) {
      if (mine !== generation) return;
      // Not "nothing found": the words may be in what did not load.
      if (failed) {
        status.textContent = "Không tải được chỉ mục tìm kiếm cho “" + unquoted(typed ? typed.text : q) + "”. Hãy tìm lại.";
        notLoaded();
        return;
      }
      document.documentElement.dataset.searchLoadedAt = String(performance.now());
      if (!phraseOnly) markOpen(ts);
      var order = rank(ts), paired = 0;
      // Articles whose neighbouring words match the phrase's come first, to be checked on
      // their records: however many articles have the words apart, the phrase is among them.
      // Asked for in quotes, only the articles with the phrase are shown; when the pair lists
      // cannot tell (`"đồng th`), every article with the words is checked.
      // One word typed with its marks is checked the same way: the shards tell which articles
      // have it spelt so, and which have its folded form in the title, not that the title spells it so.
      // Where the last word typed only begins the article's (`dang bo dong th`), the pair lists
      // cannot tell: those that may have the words in order are checked after them (`begunInOrder`).
      var inOrder_ = buckets.length > 0 ? inOrder(buckets) : null, spelt = !phraseOnly && ts.length === 1 && ts[0].marked;
      var begun = phraseOnly ? [] : begunInOrder(order, ts, inOrder_);
      if (inOrder_ || phraseOnly || spelt || begun.length > 0) {
        var together = (inOrder_ ? order.filter(function (r) { return inOrder_[r.n]; }) : phraseOnly || spelt ? order.slice() : []).sort(byBound).concat(begun);
        var chosen = {};
        together.forEach(function (r) { chosen[r.n] = true; });
        paired = together.length;
        order = phraseOnly ? together : together.concat(order.filter(function (r) { return !chosen[r.n]; }));
      }
      // Nothing for keys typed without a Vietnamese keyboard: what it would have made of them.
      var reading = order.length === 0 && !typed ? keyed(q) : null;
      if (reading) { show(reading.query, { text: q, way: reading.way, exact: reading.exact }); return; }
      var c = { query: q, order: order, shown: 0, terms: ts, phrases: phraseList, paired: paired, checked: 0, phraseOnly: phraseOnly };
      // Read again (`readAgain`) while more results were asked for: as many are shown again, and
      // the first new one takes the focus if it was to.
      c.again = function () {
        if (c.shown > 0 || c.loadingMore) resume = { q: c.query, shown: c.shown + (c.loadingMore ? PAGE : 0), focus: c.wantsFocus ? c.shown : -1 };
        show(query, typed);
      };
      // A phrase's count is of the articles not yet found without it on their records. Where
      // the pair lists could not tell which have it (`"an toàn`, its last word still typed), those
      // not read yet may not: the count is of those found so far, "at least", until all are read.
      c.tell = function () {
        var unsure = phraseOnly && !inOrder_ && c.checked < c.paired;
        var n = unsure ? "ít nhất " + count(c.checked) : count(c.order.length);
        if (c.told === n) return;
        c.told = n;
        status.textContent = c.order.length === 0
          ? "Không tìm thấy bài nào" + told(typed ? typed.text : named) + waits + "."
          : "Tìm thấy " + n + " bài" + told(named) + (typed ? " (đọc “" + unquoted(typed.text) + "” như gõ " + typed.way + ")" : "") + waits + ".";
      };
      current = c;
      checkPhrases(mine, WINDOW, function () {
        c.tell();
        showMore(mine);
      });
    });
  }

  // Reads the records of the paired results up to `end` (a window at a time), then `done`.
  // Those with the phrases (words in order in one block) stay first, best first; the others,
  // there only because the hashes of other words met, go after every paired result.
  function checkPhrases(mine, end, done) {
    var c = current;
    if (c.checked >= Math.min(end, c.paired)) { done(); return; }
    // No more than are still needed: a few strays in a window cost as many records, not a window.
    var chunk = c.order.slice(c.checked, Math.min(c.paired, end, c.checked + WINDOW));
    loadAll(chunk.map(function (r) { return recordSrc(r.n); }), function (failed) {
      if (mine !== generation) return;
      if (ofAnotherBuild(chunk, c.terms) && readAgain()) { c.again(); return; }
      // A record not read cannot be ranked by its phrase: the reader is told, as in `shown`.
      if (failed) c.lost = true;
      var phrase = [], stray = [];
      chunk.forEach(function (r) {
        var record = docs[r.n] || [], score = phrasesScore(record, c.phrases);
        // Read, a record tells how each field spells the words: it ranks them, after the phrase.
        if (score > 0) r.score = 100000 * score + wordsScore(record, c.terms);
        (score > 0 ? phrase : stray).push(r);
      });
      phrase.sort(byScore);
      var unchecked = c.order.slice(c.checked + chunk.length, c.paired);
      // A stray goes back among the articles without the phrase, where its words rank it.
      var rest = c.phraseOnly ? [] : stray.concat(c.order.slice(c.paired)).sort(byScore);
      c.order = c.order.slice(0, c.checked).concat(phrase, unchecked, rest);
      c.checked += phrase.length;
      c.paired -= stray.length;
      checkPhrases(mine, end, done);
    });
  }

  // Shows the next results; `focus`: the first of them takes the keyboard's focus (asked for
  // with the button, which may disappear).
  function showMore(mine, focus) {
    // A second tap while the next results load would add them twice.
    if (current.loadingMore) return;
    current.loadingMore = true;
    current.wantsFocus = Boolean(focus);
    // A while after the table was read: asked again, and the query answered anew if the site
    // was built again meanwhile (as many results shown, `again`).
    if (Date.now() - checkedAt > RECHECK) {
      var before = build;
      loadTable(function () {
        if (mine !== generation) return;
        if (build !== before) { current.again(); return; }
        current.loadingMore = false;
        showMore(mine, focus);
      });
      return;
    }
    checkPhrases(mine, current.shown + PAGE, function () {
      // Records read since may have shown articles without the phrase: the count is told again.
      current.tell();
      var next = current.order.slice(current.shown, current.shown + PAGE);
      loadAll(next.map(function (r) { return recordSrc(r.n); }), function () { shown(mine, next, focus); });
    });
  }

  // The same query typed or asked for again (Enter) loads again what failed.
  function notLoaded() { asked = null; }

  // Adds the results `next`, whose records are loaded, to the list.
  function shown(mine, next, focus) {
    if (mine !== generation) return;
    if (ofAnotherBuild(next, current.terms) && readAgain()) { current.again(); return; }
    var first = null, missing = 0;
    next.forEach(function (r) {
      if (!docs[r.n]) { missing++; return; }
      var li = item(docs[r.n], current.terms, current.phrases[0]);
      list.appendChild(li);
      first = first || li.querySelector("a");
    });
    current.shown += next.length;
    current.loadingMore = false;
    if (more) more.hidden = current.shown >= current.order.length;
    if (missing || current.lost) {
      var what = missing ? count(missing) + " kết quả" : "hết các kết quả để xếp thứ tự";
      status.textContent = status.textContent.replace(/ Không tải được.*$/, "") + " Không tải được " + what + "; hãy tìm lại.";
      notLoaded();
    }
    if (focus && first) first.focus();
    if (resume && resume.q === current.query) {
      if (current.shown < Math.min(resume.shown, current.order.length) && !missing) { showMore(mine); return; }
      var shownLinks = list.querySelectorAll("li > h2 > a");
      if (resume.focus >= 0 && shownLinks[resume.focus]) shownLinks[resume.focus].focus();
    }
    resume = null;
    if (restore && restore.q === current.query && current.shown < Math.min(restore.shown, current.order.length) && !missing) {
      showMore(mine);
      return;
    }
    if (restore && restore.q === current.query) back(restore);
    restore = null;
    document.documentElement.dataset.searchShownAt = String(performance.now());
  }

  // Puts the page back as it was left: scrolled as it was (at once, not with the page's smooth
  // scrolling; a browser without it takes two numbers), the result that was opened where it was
  // in the window, or in view when the window has changed size, and with the keyboard's focus,
  // as Back over HTTP keeps it. For the first frames, what moves the page while it settles is
  // undone, until the reader scrolls.
  function back(left) {
    var instant = "scrollBehavior" in document.documentElement.style;
    function scrollBy(dy) {
      if (instant) window.scrollTo({ top: window.scrollY + dy, behavior: "instant" });
      else window.scrollTo(0, window.scrollY + dy);
    }
    if (instant) window.scrollTo({ top: left.y || 0, behavior: "instant" });
    else window.scrollTo(0, left.y || 0);
    var opened = Array.prototype.filter.call(list.querySelectorAll("li > h2 > a"), function (a) { return a.href === left.opened; })[0];
    if (!opened) return;
    function place() {
      var box = opened.getBoundingClientRect();
      var fits = typeof left.top === "number" && left.top >= 0 && left.top + box.height <= window.innerHeight;
      if (fits) { if (Math.abs(box.top - left.top) > 1) scrollBy(box.top - left.top); }
      else if (box.top < 0 || box.bottom > window.innerHeight) opened.scrollIntoView({ block: "center" });
    }
    place();
    try { opened.focus({ preventScroll: true }); } catch (err) { opened.focus(); }
    var frames = 0, moved = false;
    function stop() { moved = true; }
    ["wheel", "touchstart", "keydown", "mousedown"].forEach(function (name) { window.addEventListener(name, stop, { once: true, passive: true }); });
    (function settle() {
      if (moved || ++frames > 30 || !window.requestAnimationFrame) return;
      place();
      window.requestAnimationFrame(settle);
    })();
  }

  function item(record, typed, lead) {
    var ts = shownTerms(record, typed), li = document.createElement("li"), h = document.createElement("h2"), a = document.createElement("a");
    lead = shownTerms(record, lead);
    li.className = "search-result";
    a.href = root + record[0];
    highlight(a, record[1], ts);
    h.appendChild(a);
    li.appendChild(h);
    if (record[6]) {
      var subtitle = document.createElement("p");
      subtitle.className = "search-subtitle";
      highlight(subtitle, record[6], ts);
      li.appendChild(subtitle);
    }
    var meta = document.createElement("p"), time = document.createElement("time");
    meta.className = "meta";
    time.textContent = record[2];
    // The day shown (`14/06/2023`) in the form machines read (`2023-06-14`), as pages write it.
    var day = /^(\d\d)\/(\d\d)\/(\d{4,})$/.exec(record[2]);
    if (day) time.dateTime = day[3] + "-" + day[2] + "-" + day[1];
    meta.appendChild(time);
    li.appendChild(meta);
    if (record[3]) {
      var sapo = document.createElement("p");
      sapo.className = "search-sapo";
      highlight(sapo, record[3], ts);
      li.appendChild(sapo);
    }
    var found = passage(record[4] || "", ts, lead, folded(recordFields(record)[3]));
    if (found) {
      var p = document.createElement("p");
      p.className = "search-snippet";
      if (found[1]) p.appendChild(document.createTextNode("… "));
      highlight(p, found[0], ts);
      if (found[2]) p.appendChild(document.createTextNode(" …"));
      li.appendChild(p);
    }
    // A word found only in the byline, place, category, codes or themes: they are shown, so the
    // reader sees why the article was found.
    var shown = [record[1], record[6] || "", record[3] || "", found ? found[0] : ""].join("\n");
    var read = [record[5], record[7]].filter(Boolean).join(" · ");
    var elsewhere = ts.filter(function (t) { return !matches(shown, [t]).length && matches(read, [t]).length; });
    if (elsewhere.length) {
      var about = document.createElement("p");
      about.className = "meta search-about";
      highlight(about, read, ts);
      li.appendChild(about);
    }
    return li;
  }

  // The query of the address; a `%` not followed by a code (`?q=100%`) stays as typed.
  function queryFromURL() {
    var match = /[?&]q=([^&#]*)/.exec(window.location.search);
    if (!match) return "";
    return match[1].replace(/\+/g, " ").replace(/(%[0-9a-f]{2})+/gi, function (codes) {
      try { return decodeURIComponent(codes); } catch (err) { return codes; }
    });
  }

  if (more) more.addEventListener("click", function () { showMore(generation, true); });

  loadTable(function () {
    // What the reader typed while the index loaded stays; else the address's query is asked.
    if (!input.value.trim()) input.value = queryFromURL();
    show(input.value);
  });

  // Answers what is typed and keeps it in the address (in place: one history entry). `entered`:
  // by Enter, which answers a letter typed last too.
  function answerTyped(entered) {
    clearTimeout(timer);
    // After a space, the word before it is finished.
    typing = !entered && !/\s$/.test(input.value);
    if (input.value.trim() !== asked || (leftOut && !typing)) show(input.value);
    else if (entered) announceAgain();
    try {
      var url = window.location.pathname + (input.value.trim() ? "?q=" + encodeURIComponent(input.value.trim()) : "");
      window.history.replaceState(null, "", url);
      answeredSearch = window.location.search;
    } catch (err) { /* some browsers refuse history changes on file:// */ }
  }

  // Enter on the query already answered: its answer is said again (a screen reader says a live
  // region's text when it changes; unchanged, Enter would be met with silence).
  function announceAgain() {
    var text = status.textContent, mine = generation;
    status.textContent = "";
    setTimeout(function () { if (mine === generation && status.textContent === "") status.textContent = text; }, 100);
  }

  // The address's query as last answered or written (`popstate` compares).
  var answeredSearch = window.location.search;
  var timer = null;
  input.addEventListener("input", function (event) {
    clearTimeout(timer);
    // Text pasted, dropped or put in by the browser comes whole: no key follows.
    var whole = ["insertFromPaste", "insertFromDrop", "insertReplacementText", "insertFromYank"].indexOf(event.inputType) >= 0;
    timer = setTimeout(function () { answerTyped(whole); }, 120);
  });
  // Enter answers in place: the page is not loaded again as a new entry of the history.
  if (input.form) input.form.addEventListener("submit", function (event) {
    event.preventDefault();
    answerTyped(true);
  });
  // Back or Forward to another query (a place on the page, as the skip link's, changes no query).
  window.addEventListener("popstate", function () {
    if (window.location.search === answeredSearch) return;
    answeredSearch = window.location.search;
    restore = null;
    input.value = queryFromURL();
    typing = false;
    show(input.value);
  });
  // Leaving the page (to a result): what it shows is kept with its history entry (`restore`),
  // and which result has the focus (the one opened), by its address (the site may be built
  // again before the reader comes back).
  window.addEventListener("pagehide", function () {
    var active = document.activeElement;
    var opened = active && active.tagName === "A" && list.contains(active) ? active.href : null;
    var top = opened ? active.getBoundingClientRect().top : null;
    try {
      window.history.replaceState({ q: current.query, shown: current.shown, y: window.scrollY, opened: opened, top: top }, "", window.location.href);
    } catch (err) { /* file:// may refuse */ }
  });
})();
