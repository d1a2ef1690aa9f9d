/* Shared helpers of the offline views. Data is only ever put into the page as text
   (textContent / text nodes), never as HTML. */
(function () {
  "use strict";

  function readJSON(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  /* el("p", {class: "x", text: "…"}, child, "text", …): build an element; strings become text nodes. */
  function el(tag, attrs) {
    var node = document.createElement(tag);
    var options = attrs || {};
    Object.keys(options).forEach(function (key) {
      var value = options[key];
      if (value === undefined || value === null || value === false) return;
      if (key === "class") node.className = value;
      else if (key === "text") node.textContent = value;
      else if (key.slice(0, 2) === "on") node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : String(value));
    });
    (function add(children) {
      children.forEach(function (child) {
        if (child === null || child === undefined || child === false) return;
        if (Array.isArray(child)) add(child);
        else node.append(child);
      });
    })(Array.prototype.slice.call(arguments, 2));
    return node;
  }

  var t = readJSON("kg-i18n") || {};

  function fmt(key, vars) {
    return String(t[key] || key).replace(/\{(\w+)\}/g, function (m, name) {
      return vars && name in vars ? vars[name] : m;
    });
  }

  function formatDate(iso) {
    if (!iso) return "";
    var parts = iso.split("-");
    var month = (t.months || [])[parseInt(parts[1], 10) - 1] || parts[1];
    return parseInt(parts[2], 10) + " " + month + " " + parts[0];
  }

  function normalize(text) {
    return String(text || "").toLowerCase().replace(/[’‘]/g, "'")
      .normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  /* The details panel: a title, tags and labelled rows; every value is text. */
  function Details(panel, onClose) {
    this.panel = panel;
    this.empty = panel.firstElementChild ? panel.firstElementChild.cloneNode(true) : null;
    this.onClose = onClose;
  }
  Details.prototype.clear = function () {
    this.panel.replaceChildren();
    if (this.empty) this.panel.append(this.empty.cloneNode(true));
    this.panel.classList.remove("open");
  };
  /* spec: {title, tags: [{text, class}], rows: [{label, value: string|Node|[Node]}]} */
  Details.prototype.show = function (spec, focus) {
    var self = this;
    var close = el("button", {type: "button", class: "close", "aria-label": t.close, title: t.close,
      text: "×", onclick: function () { self.clear(); if (self.onClose) self.onClose(); }});
    var tags = el("div", {class: "tags"});
    (spec.tags || []).forEach(function (tag) {
      if (tag && tag.text) tags.append(el("span", {class: "tag " + (tag.class || ""), text: tag.text}));
    });
    var list = el("dl");
    (spec.rows || []).forEach(function (row) {
      if (row.value === undefined || row.value === null || row.value === "" ||
          (Array.isArray(row.value) && !row.value.length)) return;
      var dd = el("dd", null, row.value);
      list.append(el("dt", {text: row.label}), dd);
    });
    var heading = el("h2", {tabindex: "-1", text: spec.title});
    var page = spec.item ? pagePath(spec.item) : null;
    var more = page ? el("p", {class: "more"}, el("a", {href: page,
      text: fmt("more_about", {label: spec.title})})) : null;
    this.panel.replaceChildren(close, heading, tags, list, more || "");
    this.panel.classList.add("open");
    this.panel.scrollTop = 0;
    // a keyboard user who chose this (a link, a row of the twin, an arrow key) reads on here
    if (focus) heading.focus();
  };

  /* Items in the address: ?item=<type>/<slug>, the IRI path after id/ (the data says "ev:slug";
     the prefixes are kg/namespaces.py's, handed over as t.idPaths). Every thing's own page is
     id/<type>/<slug>.html beside the views. */
  var idPaths = t.idPaths || {};
  function itemPath(id) {
    var colon = String(id).indexOf(":"), prefix = String(id).slice(0, colon);
    return colon > 0 && idPaths[prefix] ? idPaths[prefix] + "/" + String(id).slice(colon + 1) : null;
  }
  function itemId(path) {
    var slash = String(path || "").indexOf("/");
    if (slash < 0) return null;
    var type = path.slice(0, slash);
    for (var prefix in idPaths) if (idPaths[prefix] === type) return prefix + ":" + path.slice(slash + 1);
    return null;
  }
  /* null when the build wrote no pages per thing (a large graph: t.thingPages is false) */
  function pagePath(id) {
    var p = t.thingPages === false ? null : itemPath(id);
    return p ? "id/" + p + ".html" : null;
  }

  /* The view's state in the query string: read(), and write(state, push) with push for a step
     the user took (Back undoes it) and replace for drift (panning, zooming). Empty values go. */
  var address = {
    read: function () { return new URLSearchParams(location.search); },
    write: function (values, push) {
      var params = new URLSearchParams();
      Object.keys(values).forEach(function (key) {
        var v = values[key];
        if (v !== null && v !== undefined && v !== "" && !(Array.isArray(v) && !v.length)) {
          params.set(key, Array.isArray(v) ? v.join(",") : String(v));
        }
      });
      var query = params.toString(), url = location.pathname + (query ? "?" + query : "") + location.hash;
      if (url === location.pathname + location.search + location.hash) return;
      history[push ? "pushState" : "replaceState"](null, "", url);
    },
    list: function (params, key) { var v = params.get(key); return v ? v.split(",") : null; }
  };

  /* A table whose columns sort by a button in their heading (aria-sort says how).
     columns: [{label, key(row) → sortable value, cell(row) → string|Node}] */
  function SortTable(table, columns, sortBy) {
    var self = this;
    this.table = table; this.columns = columns; this.rows = []; this.by = sortBy || 0; this.dir = 1;
    this.body = el("tbody");
    var head = el("tr");
    this.heads = columns.map(function (column, i) {
      var th = el("th", {scope: "col"}, el("button", {type: "button", class: "sort", text: column.label,
        onclick: function () { self.sort(i, self.by === i ? -self.dir : 1); }}));
      head.append(th);
      return th;
    });
    table.replaceChildren(el("thead", null, head), this.body);
    table.classList.add("sortable");
  }
  SortTable.prototype.set = function (rows) { this.rows = rows.slice(); this.sort(this.by, this.dir); };
  SortTable.prototype.sort = function (by, dir) {
    var key = this.columns[by].key;
    this.by = by; this.dir = dir;
    // each row's key once, not once per comparison (thousands of rows on a large graph)
    this.rows = this.rows.map(function (row) { return {row: row, key: key(row)}; }).sort(function (a, b) {
      var x = a.key, y = b.key, i = a.row.id, j = b.row.id;
      return (x < y ? -1 : x > y ? 1 : 0) * dir || (i < j ? -1 : i > j ? 1 : 0);
    }).map(function (keyed) { return keyed.row; });
    this.heads.forEach(function (th, i) {
      if (i === by) th.setAttribute("aria-sort", dir > 0 ? "ascending" : "descending");
      else th.removeAttribute("aria-sort");
    });
    var columns = this.columns, rows = document.createDocumentFragment();
    this.rows.forEach(function (row) {
      var tr = el("tr", {"data-id": row.id});
      columns.forEach(function (c) { tr.append(el("td", {"data-label": c.label}, c.cell(row))); });
      rows.append(tr);
    });
    this.body.replaceChildren(rows);
    if (this.onsort) this.onsort(by, dir);
  };

  /* Run `fn` once the chart is painted (a twin list or table of thousands of rows waits for
     it): two frames on, since a chart library draws in the first frame after its creation,
     and then when the page is idle, so that it never holds up that frame; a later call for
     the same `key` replaces an earlier one not yet run. */
  var waiting = {};
  var whenIdle = window.requestIdleCallback
    ? function (fn) { window.requestIdleCallback(fn, {timeout: 300}); }
    : function (fn) { setTimeout(fn, 0); };
  function afterPaint(key, fn) {
    waiting[key] = fn;
    requestAnimationFrame(function () {
      requestAnimationFrame(function () {
        whenIdle(function () { if (waiting[key] === fn) { delete waiting[key]; fn(); } });
      });
    });
  }

  /* Show a new vis-timeline at once. The library keeps a timeline hidden behind its loading
     screen until a "rangechanged" event has come and a redraw after it; a window set without
     animation sends that event 200 ms later, and the next redraw is its resize check a second
     on: the chart stood blank for 1.2 s. Announcing the window it has now (the event the
     library would send) lets the next frame draw it, visible. */
  function reveal(timeline) {
    var range = timeline.getWindow();
    timeline.emit("rangechanged", {start: range.start, end: range.end, byUser: false});
    timeline.redraw();
  }

  /* Let `add` put items (and lanes) into a vis-timeline, drawn together by its next redraw.
     vis-timeline draws and measures every item added inside its window right away, one reflow
     per item (seconds for a few thousand); items added while its range is parked elsewhere are
     drawn by the next redraw in one batch, and only in the lanes scrolled into view. */
  function addAtOnce(timeline, add) {
    var range = timeline.range, start = range.start, end = range.end;
    range.start = -8e15; range.end = -8e15 + 1;
    try { add(); } finally { range.start = start; range.end = end; }
    timeline.redraw();
  }

  /* The monitor section an item comes from: its heading, and the heading above it. */
  function sectionNode(section) {
    if (!section) return null;
    var path = [section.parent, section.line ? fmt("section_line", {line: section.line}) : ""]
      .filter(Boolean).join(" · ");
    return el("span", {class: "section"},
      el("span", {class: "section-title", text: section.title || section.id}),
      path ? el("span", {class: "section-path", text: path}) : null);
  }

  function list(items, render) {
    var ul = el("ul");
    items.forEach(function (item) { ul.append(el("li", null, render(item))); });
    return items.length ? ul : null;
  }

  /* The CSV of a table of a page per thing, made from the table itself when its link is used
     (a file per thing and table was 10,000 files more at 5,000 things): its columns as shown,
     then the IRI of each linked thing (the table's data-id-base and the path of its link). */
  function csvField(text) { return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text; }
  function tableCsv(table) {
    var base = table.getAttribute("data-id-base") || "", text = function (cell) { return cell.textContent.trim(); };
    var rows = [Array.prototype.map.call(table.tHead.rows[0].cells, text).concat(["IRI"])];
    Array.prototype.forEach.call(table.tBodies[0].rows, function (tr) {
      var link = tr.querySelector("a[href]");
      var path = link ? link.getAttribute("href").replace(/^(\.\.\/)*id\//, "").replace(/\.html$/, "") : "";
      rows.push(Array.prototype.map.call(tr.cells, text).concat([path ? base + path : ""]));
    });
    return rows.map(function (row) { return row.map(csvField).join(","); }).join("\r\n") + "\r\n";
  }
  document.querySelectorAll("a[data-csv]").forEach(function (link) {
    var table = document.getElementById(link.getAttribute("data-csv") + "-table");
    if (!table) return;
    link.hidden = false;  // without a script there is no CSV: no link either
    link.addEventListener("click", function () {
      if (link.href.indexOf("blob:") === 0) URL.revokeObjectURL(link.href);
      link.href = URL.createObjectURL(new Blob([tableCsv(table)], {type: "text/csv;charset=utf-8"}));
    });
  });

  window.KG = {readJSON: readJSON, el: el, t: t, fmt: fmt, formatDate: formatDate,
               normalize: normalize, Details: Details, sectionNode: sectionNode, list: list,
               itemPath: itemPath, itemId: itemId, pagePath: pagePath, address: address,
               SortTable: SortTable, afterPaint: afterPaint, reveal: reveal, addAtOnce: addAtOnce,
               data: readJSON("kg-data")};
})();

/* The language switch keeps the view: the link to the same page in the other language tree
   carries this page's query and hash (selection, filters, period) at the moment it is used. */
(function () {
  "use strict";
  document.querySelectorAll("a[data-lang-switch]").forEach(function (link) {
    var base = link.getAttribute("href").split(/[?#]/)[0];
    function carry() { link.setAttribute("href", base + location.search + location.hash); }
    ["click", "auxclick", "focus", "mouseenter", "contextmenu", "touchstart"].forEach(function (type) {
      link.addEventListener(type, carry);
    });
    window.addEventListener("popstate", carry);
    window.addEventListener("hashchange", carry);
    carry();
  });
})();
