// bantin search: diacritic-insensitive, runs from file:// (the index is a script, not a fetch).
(function () {
  "use strict";
  var index = window.BANTIN_SEARCH_INDEX || [];
  var form = document.querySelector(".search-form");
  var input = document.getElementById("search-q");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  if (!input || !list) return;
  var root = list.getAttribute("data-root") || "../";
  var LIMIT = 50;

  // Folds one character: lower case, no diacritics, đ → d.
  function foldChar(ch) {
    var lower = ch.toLowerCase();
    if (lower === "đ") return "d";
    return lower.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  // The folded text and, for each folded position, the index in the original.
  function foldWithMap(text) {
    var folded = "", map = [];
    for (var i = 0; i < text.length; i++) {
      var f = foldChar(text[i]);
      for (var k = 0; k < f.length; k++) { folded += f[k]; map.push(i); }
    }
    map.push(text.length);
    return { text: folded, map: map };
  }

  function fold(text) { return foldWithMap(text).text; }

  var entries = index.map(function (row, position) {
    var haystack = row[1] + " \n " + row[3] + " \n " + row[4];
    return {
      url: row[0], title: row[1], date: row[2], sapo: row[3], position: position,
      title_folded: fold(row[1]), visible_folded: fold(row[1] + " \n " + row[3]), folded: fold(haystack), lower: haystack.toLowerCase(), title_lower: row[1].toLowerCase()
    };
  });

  function terms(query) {
    return query.trim().split(/\s+/).filter(function (t) { return t.length > 0; });
  }

  function search(query) {
    var raw = terms(query.toLowerCase());
    var folded = raw.map(fold);
    if (folded.length === 0) return [];
    var phrase = query.trim().toLowerCase(), foldedPhrase = fold(phrase);
    var results = [];
    for (var i = 0; i < entries.length; i++) {
      var e = entries[i], ok = true;
      for (var t = 0; t < folded.length && ok; t++) ok = e.folded.indexOf(folded[t]) !== -1;
      if (!ok) continue;
      var score = 0;
      // Exact spelling (with diacritics) ranks first, then the title, then the whole phrase.
      var exact = raw.every(function (term) { return e.lower.indexOf(term) !== -1; });
      if (exact) score += 100;
      if (e.title_lower.indexOf(phrase) !== -1) score += 60;
      if (e.title_folded.indexOf(foldedPhrase) !== -1) score += 30;
      // The phrase in what the reader sees (title, sapo) beats the phrase in the extra terms.
      if (e.visible_folded.indexOf(foldedPhrase) !== -1) score += 15;
      else if (e.folded.indexOf(foldedPhrase) !== -1) score += 5;
      folded.forEach(function (term) { if (e.title_folded.indexOf(term) !== -1) score += 5; });
      results.push({ entry: e, score: score });
    }
    results.sort(function (a, b) { return b.score - a.score || a.entry.position - b.entry.position; });
    return results;
  }

  // Appends `text` to `parent`, wrapping each match of the folded terms in <mark>.
  function highlight(parent, text, foldedTerms) {
    var f = foldWithMap(text), marks = [];
    foldedTerms.forEach(function (term) {
      var from = 0, at;
      while (term && (at = f.text.indexOf(term, from)) !== -1) {
        marks.push([f.map[at], f.map[at + term.length]]);
        from = at + term.length;
      }
    });
    marks.sort(function (a, b) { return a[0] - b[0]; });
    var cursor = 0;
    marks.forEach(function (m) {
      if (m[0] < cursor) return;
      parent.appendChild(document.createTextNode(text.slice(cursor, m[0])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(m[0], m[1]);
      parent.appendChild(mark);
      cursor = m[1];
    });
    parent.appendChild(document.createTextNode(text.slice(cursor)));
  }

  function show(query) {
    list.textContent = "";
    var q = query.trim();
    if (!q) { status.textContent = "Nhập từ khóa để tìm trong " + entries.length + " bài viết."; return; }
    var results = search(q), foldedTerms = terms(q).map(fold);
    status.textContent = results.length === 0
      ? "Không tìm thấy bài nào cho “" + q + "”."
      : "Tìm thấy " + results.length + " bài cho “" + q + "”" + (results.length > LIMIT ? "; hiển thị " + LIMIT + " bài đầu." : ".");
    results.slice(0, LIMIT).forEach(function (r) {
      var e = r.entry, li = document.createElement("li"), h = document.createElement("h2"), a = document.createElement("a");
      li.className = "search-result";
      a.href = root + e.url;
      highlight(a, e.title, foldedTerms);
      h.appendChild(a);
      li.appendChild(h);
      var meta = document.createElement("p"), time = document.createElement("time");
      meta.className = "meta";
      time.textContent = e.date;
      meta.appendChild(time);
      li.appendChild(meta);
      if (e.sapo) {
        var p = document.createElement("p");
        p.className = "search-sapo";
        highlight(p, e.sapo, foldedTerms);
        li.appendChild(p);
      }
      list.appendChild(li);
    });
  }

  function queryFromURL() {
    var match = /[?&]q=([^&#]*)/.exec(window.location.search);
    if (!match) return "";
    try { return decodeURIComponent(match[1].replace(/\+/g, " ")); } catch (err) { return ""; }
  }

  var initial = queryFromURL();
  input.value = initial;
  show(initial);

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      show(input.value);
      try {
        var url = window.location.pathname + (input.value.trim() ? "?q=" + encodeURIComponent(input.value.trim()) : "");
        window.history.replaceState(null, "", url);
      } catch (err) { /* some browsers refuse history changes on file:// */ }
    }, 120);
  });
  window.addEventListener("popstate", function () { input.value = queryFromURL(); show(input.value); });
})();
