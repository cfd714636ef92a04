// Client-side search over a static index: works offline, sends nothing
// anywhere. The page works without it (search is the only feature that
// needs JavaScript, and the page says so).
(function () {
  "use strict";
  var form = document.querySelector("form.search");
  var results = document.getElementById("results");
  if (!form || !results) { return; }
  var input = form.querySelector("input");
  var entries = null;

  function words(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .split(/[^a-z0-9]+/).filter(function (w) { return w.length > 1; });
  }

  function score(entry, terms) {
    var total = 0;
    for (var i = 0; i < terms.length; i++) {
      var t = terms[i], hit = 0;
      if (entry.t.indexOf(t) >= 0) { hit += 5; }
      if (entry.k.indexOf(t) >= 0) { hit += 1; }
      if (!hit) { return 0; }
      total += hit;
    }
    return total;
  }

  function show(query) {
    var terms = words(query);
    results.textContent = "";
    if (!terms.length) { return; }
    var found = entries.map(function (e) { return [score(e, terms), e]; })
      .filter(function (p) { return p[0] > 0; })
      .sort(function (a, b) { return b[0] - a[0]; })
      .slice(0, 30);
    var heading = document.createElement("p");
    // The words come from the theme's catalog, through the form's data
    // attributes: %n is the number of results, %q the query.
    var said = found.length ? form.getAttribute("data-found") : form.getAttribute("data-none");
    // A search page overridden before the catalog existed has no words to
    // give: the count and the query still say what happened.
    if (!said) { said = found.length ? "%n: \u201c%q\u201d" : "0: \u201c%q\u201d"; }
    heading.textContent = said.replace("%n", String(found.length)).replace("%q", query);
    results.appendChild(heading);
    var list = document.createElement("ol");
    found.forEach(function (p) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = p[1].u;
      link.textContent = p[1].title;
      item.appendChild(link);
      if (p[1].s) {
        var summary = document.createElement("p");
        summary.className = "small";
        summary.textContent = p[1].s;
        item.appendChild(summary);
      }
      list.appendChild(item);
    });
    results.appendChild(list);
  }

  function load(then) {
    if (entries) { then(); return; }
    fetch(form.getAttribute("data-index")).then(function (r) { return r.json(); }).then(function (data) {
      entries = data.map(function (e) { return { title: e.title, u: e.url, s: e.summary, t: e.title.toLowerCase(), k: e.keywords }; });
      then();
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    load(function () { show(input.value); });
  });
  var initial = new URLSearchParams(window.location.search).get("q");
  if (initial) {
    input.value = initial;
    load(function () { show(initial); });
  }
})();
