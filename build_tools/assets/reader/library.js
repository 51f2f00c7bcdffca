/* policy-reader: the 文库's filters. Facets counted and combined (any value within a facet, every facet at
   once), the list sorted, and the choice kept in the page's address (?kind=law&status=现行有效) so a view
   can be linked. The data is the page's own <script type="application/json">: nothing is fetched, so it
   works from disk too. Without this script the page lists every text. */
(function () {
  "use strict";
  var data = document.getElementById("pr-library-data");
  var list = document.querySelector(".md-typeset .pr-library__list");
  if (!data || !list) return;
  var entries;
  try { entries = JSON.parse(data.textContent); } catch (error) { return; }

  // Each facet: its key in the address, its legend, and the values an entry has for it.
  var FACETS = [
    { key: "kind", legend: "类型", of: function (e) { return [e.kind]; } },
    { key: "issuer", legend: "发布机关或刊物", of: function (e) { return e.issuer ? [e.issuer] : []; } },
    { key: "year", legend: "年份", of: function (e) { return e.year ? [e.year] : []; } },
    { key: "status", legend: "时效性", of: function (e) { return e.status ? [e.status] : []; } },
    { key: "topic", legend: "主题", of: function (e) { return e.topics || []; } }
  ];
  var SORTS = [["date", "日期(由新到旧)"], ["date-asc", "日期(由旧到新)"], ["title", "标题"]];
  // A facet shows this many values (the most frequent; the newest years) until asked for all, and any chosen.
  var FIRST_VALUES = 8;
  var kindNames = {};
  var items = {};
  entries.forEach(function (e) { kindNames[e.kind] = e.kind_name; });
  Array.prototype.forEach.call(list.querySelectorAll("li[data-pr-id]"), function (li) {
    items[li.getAttribute("data-pr-id")] = li;
  });
  entries = entries.filter(function (e) { return items[e.id]; });

  // The choice as the address gives it (a file:// page that could not rewrite its query keeps it after #).
  function chosenFromAddress() {
    var query = location.search.length > 1 ? location.search : location.hash.replace(/^#/, "?");
    var params = new URLSearchParams(query);
    var chosen = { sort: params.get("sort") || "date" };
    FACETS.forEach(function (facet) { chosen[facet.key] = params.getAll(facet.key); });
    return chosen;
  }
  var chosen = chosenFromAddress();

  function matches(entry, except) {
    return FACETS.every(function (facet) {
      var wanted = chosen[facet.key];
      if (facet.key === except || !wanted.length) return true;
      return facet.of(entry).some(function (value) { return wanted.indexOf(value) >= 0; });
    });
  }

  var form = document.createElement("form");
  form.className = "pr-library__filters";
  form.setAttribute("role", "search");
  form.setAttribute("aria-label", "筛选文库");
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  var boxes = [];  // {facet, value, input, count, label}
  FACETS.forEach(function (facet) {
    var counts = {};
    entries.forEach(function (e) { facet.of(e).forEach(function (v) { counts[v] = (counts[v] || 0) + 1; }); });
    var values = Object.keys(counts);
    if (!values.length) return;
    values.sort(facet.key === "year"
      ? function (a, b) { return a < b ? 1 : a > b ? -1 : 0; }
      : function (a, b) { return counts[b] - counts[a] || a.localeCompare(b, "zh-Hans-CN"); });
    var fieldset = document.createElement("fieldset");
    fieldset.className = "pr-library__facet pr-library__facet--" + facet.key;
    var legend = document.createElement("legend");
    legend.textContent = facet.legend;
    fieldset.appendChild(legend);
    values.forEach(function (value, index) {
      var label = document.createElement("label");
      label.className = "pr-library__value";
      var input = document.createElement("input");
      input.type = "checkbox";
      input.name = facet.key;
      input.value = value;
      input.checked = chosen[facet.key].indexOf(value) >= 0;
      var name = document.createElement("span");
      name.textContent = facet.key === "kind" ? kindNames[value] || value : value;
      var count = document.createElement("span");
      count.className = "pr-library__count";
      label.appendChild(input);
      label.appendChild(name);
      label.appendChild(count);
      fieldset.appendChild(label);
      boxes.push({ facet: facet, value: value, input: input, count: count, label: label });
      if (index >= FIRST_VALUES) label.classList.add("pr-library__value--more");
    });
    if (values.length > FIRST_VALUES) {
      var more = document.createElement("button");
      more.type = "button";
      more.className = "pr-library__more";
      more.setAttribute("aria-expanded", "false");
      more.textContent = "显示全部 " + values.length + " 项";
      more.addEventListener("click", function () {
        var open = fieldset.classList.toggle("pr-library__facet--open");
        more.setAttribute("aria-expanded", String(open));
        more.textContent = open ? "收起" : "显示全部 " + values.length + " 项";
      });
      fieldset.appendChild(more);
    }
    form.appendChild(fieldset);
  });

  var bar = document.createElement("div");
  bar.className = "pr-library__bar";
  var sortLabel = document.createElement("label");
  sortLabel.textContent = "排序 ";
  var sort = document.createElement("select");
  sort.name = "sort";
  SORTS.forEach(function (pair) {
    var option = document.createElement("option");
    option.value = pair[0];
    option.textContent = pair[1];
    sort.appendChild(option);
  });
  sort.value = SORTS.some(function (pair) { return pair[0] === chosen.sort; }) ? chosen.sort : "date";
  sortLabel.appendChild(sort);
  var clear = document.createElement("button");
  clear.type = "button";
  clear.className = "pr-library__clear";
  clear.textContent = "清除筛选";
  // Outside the form: what is shown, and chosen, is said to screen readers and printed with the list.
  var shown = document.createElement("p");
  shown.className = "pr-library__shown";
  shown.setAttribute("role", "status");
  bar.appendChild(sortLabel);
  bar.appendChild(clear);
  form.appendChild(bar);
  list.parentNode.insertBefore(form, list);
  list.parentNode.insertBefore(shown, list);

  function byDate(a, b) { return (a.date || "") < (b.date || "") ? -1 : (a.date || "") > (b.date || "") ? 1 : 0; }
  var ORDERS = {
    "date": function (a, b) { return byDate(b, a); },
    "date-asc": byDate,
    "title": function (a, b) { return a.title.localeCompare(b.title, "zh-Hans-CN"); }
  };

  function keepInAddress() {
    var params = new URLSearchParams();
    FACETS.forEach(function (facet) {
      chosen[facet.key].forEach(function (value) { params.append(facet.key, value); });
    });
    if (chosen.sort !== "date") params.set("sort", chosen.sort);
    var query = params.toString();
    // A heading's #anchor stays; a choice kept after # (see below) is now in the query.
    var hash = location.hash.indexOf("=") >= 0 ? "" : location.hash;
    try {
      history.replaceState(history.state, "", location.pathname + (query ? "?" + query : "") + hash);
    } catch (error) {  // a browser that lets no page opened from disk rewrite its query: keep it after #
      location.replace("#" + query);
    }
  }

  function show() {
    var count = 0;
    entries.slice().sort(ORDERS[chosen.sort] || ORDERS.date).forEach(function (entry) {
      var li = items[entry.id];
      li.hidden = !matches(entry);
      if (!li.hidden) count += 1;
      list.appendChild(li);
    });
    boxes.forEach(function (box) {
      var n = entries.filter(function (e) {
        return matches(e, box.facet.key) && box.facet.of(e).indexOf(box.value) >= 0;
      }).length;
      box.count.textContent = String(n);
      box.label.classList.toggle("pr-library__value--none", n === 0);
    });
    var named = FACETS.filter(function (facet) { return chosen[facet.key].length; }).map(function (facet) {
      return facet.legend + ":" + chosen[facet.key].map(function (value) {
        return facet.key === "kind" ? kindNames[value] || value : value;
      }).join("、");
    });
    shown.textContent = (count ? "共 " + count + " 项" : "没有符合所选条件的文本") +
      (named.length ? "(" + named.join(";") + ")" : "");
  }

  form.addEventListener("change", function () {
    FACETS.forEach(function (facet) { chosen[facet.key] = []; });
    boxes.forEach(function (box) { if (box.input.checked) chosen[box.facet.key].push(box.value); });
    chosen.sort = sort.value;
    keepInAddress();
    show();
  });
  clear.addEventListener("click", function () {
    boxes.forEach(function (box) { box.input.checked = false; });
    form.dispatchEvent(new Event("change"));
  });
  show();
})();
