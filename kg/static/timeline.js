/* The timeline view: vis-timeline; exact days as points, vague dates as hatched ranges.
   A large graph (data.clusters) shows dense periods as one block per lane and month, quarter
   or year with its number of events, and hands vis-timeline only the events around the window
   once they are few enough to show one by one. */
(function () {
  "use strict";
  var KG = window.KG, el = KG.el, t = KG.t, data = KG.data;
  var DAY = 86400000;
  var dense = data.clusters || null;
  function nextDay(iso) { return new Date(Date.parse(iso + "T00:00:00") + DAY); }
  function parseDay(iso) { return new Date(Date.parse(iso + "T00:00:00")); }
  // each event's extent (ms) of its own dates, read once (a rebuild visits every event)
  var byId = {}, extent = {};
  data.events.forEach(function (event) {
    byId[event.id] = event;
    extent[event.id] = {start: parseDay(event.start).getTime(), end: nextDay(event.end).getTime()};
  });

  // ongoing work is drawn on to the last day the data knows of (it has not ended)
  var dataEnd = data.events.reduce(function (m, e) { return e.end > m ? e.end : m; }, "");
  var state = {mode: "recommendation", kinds: {}, statuses: {}, item: null};  // kinds: none = all
  data.statuses.forEach(function (s) { state.statuses[s.id] = true; });

  var groups = new vis.DataSet();
  var items = new vis.DataSet();

  function anyKind() { return Object.keys(state.kinds).some(function (k) { return state.kinds[k]; }); }
  // a recommendation lane reads "22a" and its words; the whole title shows on hover
  function laneElement(lane) {
    return el("span", {class: "lane-label", title: lane.title}, el("strong", {text: lane.label}),
              lane.title !== lane.label ? el("span", {class: "lane-title", text: lane.title}) : null);
  }
  function itemElement(event) {
    return el("span", {class: "item-label", "data-event": event.id, text: event.label});
  }
  // vis-timeline puts a text title into its tooltip as HTML: hand it an element built from text
  function itemTitle(event) { return el("span", {text: event.label + " · " + event.when}); }
  function eventItem(event, lane) {
    var ongoing = event.status === "ongoing";
    var range = ongoing || event.approximate || event.start !== event.end;
    var item = {
      id: event.id + "@" + lane, group: lane, eventId: event.id,
      start: parseDay(event.start), content: itemElement(event), title: itemTitle(event),
      className: ["status-" + event.status, range ? "approx" : "exact"].join(" "),
      type: range ? "range" : "point"
    };
    if (range) item.end = nextDay(ongoing && dataEnd > event.end ? dataEnd : event.end);
    return item;
  }
  // what the lanes and filters let through: one entry per event and lane, with the extent (ms)
  // of its own dates (an ongoing event is drawn on to the end of the data, but a clustered
  // timeline loads it, and counts it, around the days it started)
  var members = [], shownEvents = 0, laneById = {}, order = [];
  function byStart(a, b) {
    return a.start < b.start ? -1 : a.start > b.start ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  }
  function rebuild() {
    var lanes = data.lanes[state.mode];
    var used = {}, seen = {};
    members = [];
    laneById = {};
    lanes.forEach(function (lane) { laneById[lane.id] = lane; });
    var someKinds = anyKind();
    data.events.forEach(function (event) {
      if (someKinds && !state.kinds[event.kind]) return;
      if (!state.statuses[event.status]) return;
      seen[event.id] = true;
      var span = extent[event.id];
      event.lanes[state.mode].forEach(function (lane) {
        used[lane] = true;
        members.push({event: event, lane: lane, item: dense ? null : eventItem(event, lane),
                      start: span.start, end: span.end});
      });
    });
    groups.clear();
    groups.add(lanes.filter(function (lane) { return used[lane.id]; }).map(function (lane, i) {
      return {id: lane.id, content: laneElement(lane), order: i};
    }));
    shownEvents = Object.keys(seen).length;
    order = Object.keys(seen).map(function (id) { return byId[id]; }).sort(byStart);
    if (dense) {
      loaded = null;
      refresh();
    } else {
      items.clear();
      addAtOnce(members.map(function (m) { return m.item; }));
      status();
    }
    if (state.item && byId[state.item]) mark(state.item);
    fillTwin();
  }
  function status() {
    var text = KG.fmt("events_shown", {shown: shownEvents, total: data.events.length});
    if (dense) text += " · " + t[loaded && loaded.unit ? "clustered_" + loaded.unit : "clustered_none"];
    document.getElementById("shown-count").textContent = text;
  }

  // ------------------------------------------------------------------ clusters (large graphs)
  var MONTH = 30.44 * DAY, BLOCKS = 36;
  var loaded = null;  // what the items hold: {unit: "month" | "quarter" | "year" | null, from, to}
  function unitFor(span) {  // the smallest unit that keeps about BLOCKS blocks across the window
    if (span <= BLOCKS * MONTH) return "month";
    if (span <= BLOCKS * 3 * MONTH) return "quarter";
    return "year";
  }
  function blockKey(iso, unit) {  // the block a day falls in: 12 × its year + its first month
    var year = parseInt(iso.slice(0, 4), 10), month = parseInt(iso.slice(5, 7), 10) - 1;
    return year * 12 + (unit === "year" ? 0 : unit === "quarter" ? month - month % 3 : month);
  }
  function block(key, unit) {  // its year, first month, and first and next day
    var year = Math.floor(key / 12), month = key % 12;
    var size = unit === "year" ? 12 : unit === "quarter" ? 3 : 1;
    return {key: key, year: year, month: month, start: new Date(year, month, 1), end: new Date(year, month + size, 1)};
  }
  function period(block, unit) {
    if (unit === "year") return String(block.year);
    if (unit === "quarter") return KG.fmt("quarter_label", {n: block.month / 3 + 1, year: block.year});
    return (t.months || [])[block.month] + " " + block.year;
  }
  function clusterCells(unit, from, to) {  // the blocks of the events in [from, to]
    var cells = {}, list = [];
    members.forEach(function (m) {
      if (m.end < from || m.start > to) return;
      var key = blockKey(m.event.start, unit), id = "cluster|" + m.lane + "|" + key;
      var cell = cells[id];
      if (!cell) {
        cell = cells[id] = {id: id, lane: m.lane, unit: unit, block: block(key, unit), events: []};
        list.push(cell);
      }
      cell.events.push(m.event.id);
    });
    return list;
  }
  function clusterItem(cell, most) {
    var n = cell.events.length, level = Math.min(4, Math.ceil(4 * n / most[cell.lane]));
    if (n === 1) return eventItem(byId[cell.events[0]], cell.lane);  // one event: itself
    var text = KG.fmt("cluster_count", {n: n}) + " · " + period(cell.block, cell.unit);
    return {id: cell.id, group: cell.lane, type: "range", start: cell.block.start, end: cell.block.end,
            content: el("span", {class: "cluster-count", text: String(n)}), title: text,
            className: "cluster density-" + level, cluster: cell};
  }
  // Swap the items when the window needs other ones: blocks of another unit, or the events
  // themselves once few enough are in view. Half a window's width either side is loaded too,
  // so that panning does not swap at every step. The unit is the smallest that keeps about
  // BLOCKS blocks across the window and at most dense.blockLimit blocks in all (many lanes
  // with few events each: quarters or years rather than a month per event).
  var UNITS = ["month", "quarter", "year"];
  function refresh() {
    var range = timeline.getWindow(), from = range.start.getTime(), to = range.end.getTime();
    var span = to - from, inView = 0, lo = from - span / 2, hi = to + span / 2;
    members.forEach(function (m) { if (m.end >= from && m.start <= to) inView++; });
    var unit = null, cells = null;
    if (inView > dense.detailLimit) {
      for (var i = UNITS.indexOf(unitFor(span)); i < UNITS.length; i++) {
        unit = UNITS[i];
        if (loaded && loaded.unit === unit && from >= loaded.from && to <= loaded.to) return;
        cells = clusterCells(unit, lo, hi);
        if (cells.length <= dense.blockLimit) break;
      }
    } else if (loaded && loaded.unit === null && from >= loaded.from && to <= loaded.to) {
      return;
    }
    var list;
    if (unit) {
      var most = {};  // the fullest block of each lane: shading compares within a lane
      cells.forEach(function (c) { most[c.lane] = Math.max(most[c.lane] || 1, c.events.length); });
      list = cells.map(function (cell) { return clusterItem(cell, most); });
    } else {
      list = members.filter(function (m) { return m.end >= lo && m.start <= hi; })
        .map(function (m) { return eventItem(m.event, m.lane); });
    }
    items.clear();
    // blocks lie side by side, events stack; setOptions costs a layout of the page, so only
    // on a change
    if (stacked !== !unit) { stacked = !unit; timeline.setOptions({stack: stacked}); }
    addAtOnce(list);
    loaded = {unit: unit, from: lo, to: hi};
    container.classList.toggle("clustered", Boolean(unit));
    status();
  }
  function addAtOnce(list) { KG.addAtOnce(timeline, function () { items.add(list); }); }
  function zoomTo(cell) {
    var span = cell.block.end - cell.block.start, pad = span * 0.08;
    timeline.setWindow(new Date(cell.block.start.getTime() - pad), new Date(cell.block.end.getTime() + pad),
                       {animation: false});
  }

  var months = t.months || [];
  function minor(date, scale) {
    if (scale === "month") return (months[date.month()] || "").slice(0, 3);
    if (scale === "year") return String(date.year());
    if (scale === "day" || scale === "weekday") return String(date.date());
    return date.format("HH:mm");
  }
  function major(date, scale) {
    if (scale === "day" || scale === "weekday") return months[date.month()] + " " + date.year();
    if (scale === "month") return String(date.year());
    return "";
  }

  var container = document.getElementById("timeline");
  var all = data.presets[data.presets.length - 1];
  var opening = data.presets.filter(function (p) { return p.id === "recent"; })[0] || all;
  // the window the address asks for: from–to, else a period, else the opening one
  function addressWindow(q) {
    var from = q.get("from"), to = q.get("to"), period = q.get("period");
    if (/^\d{4}-\d\d-\d\d$/.test(from || "") && /^\d{4}-\d\d-\d\d$/.test(to || "") && from < to) {
      return {start: parseDay(from), end: parseDay(to), preset: null};
    }
    var chosen = data.presets.filter(function (p) { return p.id === period; })[0] || opening;
    return chosen ? {start: parseDay(chosen.start), end: parseDay(chosen.end), preset: chosen.id} : null;
  }
  function heightLimit() { return Math.max(window.innerHeight - container.getBoundingClientRect().top - 4, 240); }
  // created with the window and height it opens with: vis-timeline lays the chart out once
  var initial = addressWindow(KG.address.read());
  var stacked = !dense;  // a large graph opens on blocks
  var timeline = new vis.Timeline(container, items, groups, {
    stack: stacked, showCurrentTime: false, orientation: {axis: "top", item: "top"},
    zoomMin: 14 * DAY, zoomMax: 40 * 365 * DAY, groupOrder: "order", selectable: true,
    margin: {item: {horizontal: 6, vertical: 6}, axis: 8},
    verticalScroll: true, zoomKey: "ctrlKey", horizontalScroll: true,
    format: {minorLabels: minor, majorLabels: major},
    start: initial ? initial.start : undefined, end: initial ? initial.end : undefined,
    maxHeight: heightLimit(), tooltip: {followMouse: false}
  });
  // the lane labels scroll with the chart: a keyboard can scroll them too
  container.querySelectorAll(".vis-panel.vis-left").forEach(function (panel) {
    panel.setAttribute("tabindex", "0");
    panel.setAttribute("role", "group");
    panel.setAttribute("aria-label", t.lanes);
  });
  function fitHeight() { timeline.setOptions({maxHeight: heightLimit()}); }

  // ------------------------------------------------------------------ details
  var details = new KG.Details(document.getElementById("details"), function () {
    timeline.setSelection([]); state.item = null; save(true);
  });
  function show(eventId, focus) {
    var event = byId[eventId];
    if (!event) return;
    details.show({title: event.label, item: event.id, tags: [
      {text: event.kindLabel}, {text: event.statusLabel, class: "status-" + event.status},
      event.recommendation ? {text: event.recommendation} : null], rows: [
      {label: t.date, value: event.when},
      {label: t.date_note, value: event.dateNote},
      {label: t.outcome, value: event.outcomeLabel},
      {label: t.description, value: event.description},
      {label: t.actors, value: KG.list(event.actors, function (a) {
        return [el("span", {text: a.label}), el("span", {class: "role", text: " — " + a.roles.join(", ")})];
      })},
      {label: t.instruments, value: KG.list(event.instruments, function (i) { return i.label; })},
      {label: t.places, value: KG.list(event.places, function (p) { return p.label; })},
      {label: t.section, value: KG.sectionNode(event.section)}
    ]}, focus);
  }
  function showCluster(cell) {
    var lane = laneById[cell.lane] || {label: cell.lane};
    var events = cell.events.map(function (id) { return byId[id]; }).sort(byStart);
    details.show({title: KG.fmt("cluster_count", {n: events.length}),
      tags: [{text: lane.label}, {text: period(cell.block, cell.unit)}], rows: [
      {label: t.zoom, value: el("button", {type: "button", class: "secondary", text: t.cluster_zoom,
                                           onclick: function () { zoomTo(cell); }})},
      {label: t.events, value: KG.list(events, function (e) {
        return [el("span", {class: "role", text: e.when + " · "}),
                el("button", {type: "button", class: "linkish", "data-event": e.id, text: e.label,
                              onclick: function () { select(e.id, true); }})];
      })}
    ]});
  }
  // an event's items on the chart: one in each of its lanes
  function itemsOf(eventId) { return items.getIds({filter: function (i) { return i.eventId === eventId; }}); }
  // mark an event as selected on the chart (its items in every lane)
  function mark(eventId) { timeline.setSelection(itemsOf(eventId)); }
  // the event's item scrolled into the chart's view (its lane may lie below the fold). vis-timeline
  // scrolls its lanes only by focus(), which also centres the window on the item: a window
  // that showed the item already is put back.
  function inView(eventId, keepWindow) {
    var ids = itemsOf(eventId);
    if (!ids.length) return;
    var kept = timeline.getWindow();
    timeline.focus(ids[0], {zoom: false, animation: false});
    if (keepWindow) timeline.setWindow(kept.start, kept.end, {animation: false});
  }
  // select an event: details, the chart moved to it, the address; `focus` moves the keyboard
  // to the details heading (a link or a row of the twin was used)
  function select(eventId, focus, quiet) {
    var event = byId[eventId];
    if (!event) return;
    state.item = eventId;
    var range = timeline.getWindow(), at = parseDay(event.start).getTime();
    var moved = at < range.start.getTime() || at > range.end.getTime() || (dense && loaded && loaded.unit);
    if (moved) {
      var span = range.end - range.start;
      if (dense && loaded && loaded.unit) span = Math.min(span, 120 * DAY);
      timeline.setWindow(new Date(at - span / 2), new Date(at + span / 2), {animation: false});
      if (dense) refresh();
    }
    mark(eventId);
    inView(eventId, !moved);
    show(eventId, focus);
    if (!quiet) save(true);
  }
  timeline.on("select", function (props) {
    if (!props.items.length) return;
    var item = items.get(props.items[0]);
    if (item.cluster) { showCluster(item.cluster); return; }
    state.item = item.eventId;
    mark(item.eventId);
    show(item.eventId);
    save(true);
  });
  timeline.on("doubleClick", function (props) {
    var item = props.item !== null && props.item !== undefined ? items.get(props.item) : null;
    if (item && item.cluster) zoomTo(item.cluster);
  });

  // ------------------------------------------------------------------ keyboard on the chart
  // ← → the previous or next event in time (of those the filters show), Home/End the first or
  // last, Enter the details; the twin table below is the other keyboard path.
  container.setAttribute("tabindex", "0");
  container.addEventListener("keydown", function (e) {
    if (!order.length) return;
    var at = state.item ? order.indexOf(byId[state.item]) : -1, next = null;
    if (e.key === "ArrowRight") next = order[Math.min(at + 1, order.length - 1)];
    else if (e.key === "ArrowLeft") next = order[at < 0 ? order.length - 1 : Math.max(at - 1, 0)];
    else if (e.key === "Home") next = order[0];
    else if (e.key === "End") next = order[order.length - 1];
    else if (e.key === "Enter" && state.item) { show(state.item, true); e.preventDefault(); return; }
    else if (e.key === "Escape") { details.clear(); timeline.setSelection([]); state.item = null; save(true); return; }
    else return;
    e.preventDefault();
    select(next.id, false);
  });

  // ------------------------------------------------------------------ the twin: a sortable table
  var twin = new KG.SortTable(document.getElementById("events-table"), [
    {label: t.date, key: function (e) { return e.start + e.end; }, cell: function (e) { return e.when; }},
    {label: t.event, key: function (e) { return KG.normalize(e.label); }, cell: function (e) {
      return el("button", {type: "button", class: "linkish", "data-event": e.id, text: e.label,
                           onclick: function () { select(e.id, true); }});
    }},
    {label: t.kind, key: function (e) { return e.kindLabel; }, cell: function (e) { return e.kindLabel; }},
    {label: t.status, key: function (e) { return e.statusLabel; }, cell: function (e) { return e.statusLabel; }}
  ]);
  // the table is filled once the chart is painted (thousands of rows are work)
  function fillTwin() { KG.afterPaint("twin", function () { twin.set(order); }); }

  // ------------------------------------------------------------------ controls
  var lanesRadios = document.querySelectorAll('input[name="lanes"]');
  var kindBoxes = document.querySelectorAll('input[name="kind"]');
  var statusBoxes = document.querySelectorAll('input[name="status"]');
  lanesRadios.forEach(function (radio) {
    radio.addEventListener("change", function () { if (radio.checked) { state.mode = radio.value; rebuild(); save(true); } });
  });
  function kindSummary() {
    var chosen = [];
    kindBoxes.forEach(function (box) { if (box.checked) chosen.push(box.parentNode.textContent.trim()); });
    document.getElementById("kind-summary").textContent = chosen.length ? chosen.join(", ") : t.all_kinds;
  }
  kindBoxes.forEach(function (box) {
    box.addEventListener("change", function () { state.kinds[box.value] = box.checked; kindSummary(); rebuild(); save(true); });
  });
  document.getElementById("kind-clear").addEventListener("click", function () {
    kindBoxes.forEach(function (box) { box.checked = false; }); state.kinds = {}; kindSummary(); rebuild(); save(true);
  });
  // the kinds' drop-down closes on a click elsewhere and on Escape, as a menu does
  var kindMenu = document.querySelector(".kind-filter");
  document.addEventListener("click", function (e) { if (!kindMenu.contains(e.target)) kindMenu.open = false; });
  kindMenu.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && kindMenu.open) { kindMenu.open = false; kindMenu.querySelector("summary").focus(); }
  });
  statusBoxes.forEach(function (box) {
    box.addEventListener("change", function () { state.statuses[box.value] = box.checked; rebuild(); save(true); });
  });
  var presetButtons = document.querySelectorAll("[data-preset]"), presetNow = null;
  function preset(id) {
    data.presets.forEach(function (p) {
      if (p.id === id) timeline.setWindow(parseDay(p.start), parseDay(p.end), {animation: false});
    });
    presetNow = id;
    presetButtons.forEach(function (b) {
      var on = b.getAttribute("data-preset") === id;
      b.classList.toggle("active", on);
      b.setAttribute("aria-pressed", on ? "true" : "false");
    });
  }
  presetButtons.forEach(function (button) {
    button.addEventListener("click", function () { preset(button.getAttribute("data-preset")); save(true); });
  });
  var driftTimer = null;
  timeline.on("rangechanged", function (props) {
    if (props.byUser) {
      presetNow = null;
      presetButtons.forEach(function (b) { b.classList.remove("active"); b.setAttribute("aria-pressed", "false"); });
      clearTimeout(driftTimer);
      driftTimer = setTimeout(function () { save(false); }, 250);  // panning replaces, not pushes
    }
    if (dense) refresh();
  });
  document.getElementById("zoom-in").addEventListener("click", function () { timeline.zoomIn(0.5); });
  document.getElementById("zoom-out").addEventListener("click", function () { timeline.zoomOut(0.5); });
  window.addEventListener("resize", fitHeight);
  document.getElementById("png-btn").addEventListener("click", function () {
    KG.download(KG.snapshot(container, ".vis-item.vis-range, .vis-item.vis-dot, .vis-item.vis-box",
      ".vis-label strong, .vis-label .lane-title, .item-label, .cluster-count, .vis-time-axis .vis-text"),
      "timeline.png");
  });

  // ------------------------------------------------------------------ the address
  function iso(date) {
    return date.getFullYear() + "-" + String(date.getMonth() + 1).padStart(2, "0") + "-" +
      String(date.getDate()).padStart(2, "0");
  }
  function save(push) {
    var range = timeline.getWindow(), hidden = [], kinds = [];
    Object.keys(state.statuses).forEach(function (s) { if (!state.statuses[s]) hidden.push(s); });
    Object.keys(state.kinds).sort().forEach(function (k) { if (state.kinds[k]) kinds.push(k); });
    KG.address.write({
      lanes: state.mode === "recommendation" ? null : state.mode, kind: kinds, hide: hidden,
      period: presetNow && opening && presetNow !== opening.id ? presetNow : null,
      from: presetNow ? null : iso(range.start), to: presetNow ? null : iso(range.end),
      item: state.item ? KG.itemPath(state.item) : null
    }, push);
  }
  function restore() {
    var q = KG.address.read(), mode = q.get("lanes");
    state.mode = data.lanes[mode] ? mode : "recommendation";
    lanesRadios.forEach(function (r) { r.checked = r.value === state.mode; });
    var kinds = KG.address.list(q, "kind") || [], hidden = KG.address.list(q, "hide") || [];
    state.kinds = {};
    kindBoxes.forEach(function (box) { box.checked = kinds.indexOf(box.value) >= 0; state.kinds[box.value] = box.checked; });
    statusBoxes.forEach(function (box) { box.checked = hidden.indexOf(box.value) < 0; state.statuses[box.value] = box.checked; });
    kindSummary();
    // the window first, then the items: they are laid out once, in the window they are seen in
    var range = addressWindow(q);
    if (range && range.preset) {
      preset(range.preset);
    } else if (range) {
      presetNow = null;
      presetButtons.forEach(function (b) { b.classList.remove("active"); b.setAttribute("aria-pressed", "false"); });
      timeline.setWindow(range.start, range.end, {animation: false});
    }
    rebuild();
    var item = KG.itemId(q.get("item"));
    if (item && byId[item]) select(item, false, true);
    else { state.item = null; timeline.setSelection([]); details.clear(); }
  }
  window.addEventListener("popstate", restore);

  restore();
  KG.reveal(timeline);
  // once drawn: the chart fitted to the window again (the controls above take their final
  // height only when filled: the count of events shown wraps to a line of its own), and an
  // event the address chose scrolled into view (focus() finds an item only once it is drawn)
  KG.afterPaint("fit", function () { fitHeight(); if (state.item) inView(state.item, true); });
  KG.view = {timeline: timeline, items: items, groups: groups, state: state, rebuild: rebuild,
             preset: preset, show: show, select: select, twin: twin,
             clustered: function () { return Boolean(loaded && loaded.unit); }};
})();
