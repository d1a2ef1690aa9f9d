/* The timeline view: vis-timeline; exact days as points, vague dates as hatched ranges.
   A large graph (data.clusters) shows dense periods as one block per lane and month, quarter
   or year with its number of events, and hands vis-timeline only the events around the window
   once they are few enough to show one by one. */
(function () {
  "use strict";
  var KG = window.KG, el = KG.el, t = KG.t, data = KG.data;
  var DAY = 86400000;
  var dense = data.clusters || null;
  var byId = {};
  data.events.forEach(function (event) { byId[event.id] = event; });

  function nextDay(iso) { return new Date(Date.parse(iso + "T00:00:00") + DAY); }
  function parseDay(iso) { return new Date(Date.parse(iso + "T00:00:00")); }

  // ongoing work is drawn on to the last day the data knows of (it has not ended)
  var dataEnd = data.events.reduce(function (m, e) { return e.end > m ? e.end : m; }, "");
  var state = {mode: "recommendation", kind: "", statuses: {}};
  data.statuses.forEach(function (s) { state.statuses[s.id] = true; });

  var groups = new vis.DataSet();
  var items = new vis.DataSet();

  function laneElement(lane) {
    return el("span", {title: lane.title, text: lane.label});
  }
  function itemElement(event) {
    return el("span", {class: "item-label", "data-event": event.id, text: event.label});
  }
  function eventItem(event, lane) {
    var ongoing = event.status === "ongoing";
    var range = ongoing || event.approximate || event.start !== event.end;
    var item = {
      id: event.id + "@" + lane, group: lane, eventId: event.id,
      start: parseDay(event.start), content: itemElement(event),
      className: ["status-" + event.status, range ? "approx" : "exact"].join(" "),
      type: range ? "range" : "point"
    };
    if (range) item.end = nextDay(ongoing && dataEnd > event.end ? dataEnd : event.end);
    return item;
  }
  // what the lanes and filters let through: one entry per event and lane, with the extent (ms)
  // of its own dates (an ongoing event is drawn on to the end of the data, but a clustered
  // timeline loads it, and counts it, around the days it started)
  var members = [], shownEvents = 0, laneById = {};
  function rebuild() {
    var lanes = data.lanes[state.mode];
    var used = {}, seen = {};
    members = [];
    laneById = {};
    lanes.forEach(function (lane) { laneById[lane.id] = lane; });
    data.events.forEach(function (event) {
      if (state.kind && event.kind !== state.kind) return;
      if (!state.statuses[event.status]) return;
      seen[event.id] = true;
      event.lanes[state.mode].forEach(function (lane) {
        used[lane] = true;
        members.push({event: event, lane: lane, item: dense ? null : eventItem(event, lane),
                      start: parseDay(event.start).getTime(), end: nextDay(event.end).getTime()});
      });
    });
    groups.clear();
    groups.add(lanes.filter(function (lane) { return used[lane.id]; }).map(function (lane, i) {
      return {id: lane.id, content: laneElement(lane), order: i};
    }));
    shownEvents = Object.keys(seen).length;
    if (dense) {
      loaded = null;
      refresh();
    } else {
      items.clear();
      items.add(members.map(function (m) { return m.item; }));
      status();
    }
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
  function bucket(iso, unit) {  // the first and the next month of the block a day falls in
    var year = parseInt(iso.slice(0, 4), 10), month = parseInt(iso.slice(5, 7), 10) - 1;
    var first = unit === "year" ? 0 : unit === "quarter" ? month - month % 3 : month;
    var size = unit === "year" ? 12 : unit === "quarter" ? 3 : 1;
    return {key: year * 12 + first, start: new Date(year, first, 1), end: new Date(year, first + size, 1),
            year: year, month: first};
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
      var block = bucket(m.event.start, unit), id = "cluster|" + m.lane + "|" + block.key;
      var cell = cells[id];
      if (!cell) {
        cell = cells[id] = {id: id, lane: m.lane, unit: unit, block: block, events: []};
        list.push(cell);
      }
      cell.events.push(m.event.id);
    });
    return list;
  }
  function clusterItem(cell, most) {
    var n = cell.events.length, level = Math.min(4, Math.ceil(4 * n / most));
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
      var most = cells.reduce(function (m, c) { return Math.max(m, c.events.length); }, 1);
      list = cells.map(function (cell) { return clusterItem(cell, most); });
    } else {
      list = members.filter(function (m) { return m.end >= lo && m.start <= hi; })
        .map(function (m) { return eventItem(m.event, m.lane); });
    }
    items.clear();
    if (!loaded || Boolean(loaded.unit) !== Boolean(unit)) timeline.setOptions({stack: !unit});
    addAtOnce(list);
    loaded = {unit: unit, from: lo, to: hi};
    container.classList.toggle("clustered", Boolean(unit));
    status();
  }
  // vis-timeline draws and measures every item added inside the window right away, one reflow
  // per item (seconds for a few thousand); items added while its range is parked elsewhere are
  // drawn by the next redraw in one batch, and only in the lanes scrolled into view.
  function addAtOnce(list) {
    var range = timeline.range, start = range.start, end = range.end;
    range.start = -8e15; range.end = -8e15 + 1;
    try { items.add(list); } finally { range.start = start; range.end = end; }
    timeline.redraw();
  }
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
  var timeline = new vis.Timeline(container, items, groups, {
    stack: true, showCurrentTime: false, orientation: {axis: "top", item: "top"},
    zoomMin: 14 * DAY, zoomMax: 40 * 365 * DAY, groupOrder: "order", selectable: true,
    margin: {item: {horizontal: 6, vertical: 6}, axis: 8},
    verticalScroll: true, zoomKey: "ctrlKey", horizontalScroll: true,
    format: {minorLabels: minor, majorLabels: major},
    start: opening ? parseDay(opening.start) : undefined, end: opening ? parseDay(opening.end) : undefined,
    tooltip: {followMouse: false}
  });
  function fitHeight() {
    var rect = container.getBoundingClientRect();
    timeline.setOptions({maxHeight: Math.max(window.innerHeight - rect.top - 4, 240)});
  }

  // ------------------------------------------------------------------ details
  var details = new KG.Details(document.getElementById("details"), function () { timeline.setSelection([]); });
  function show(eventId) {
    var event = byId[eventId];
    if (!event) return;
    details.show({title: event.label, tags: [
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
    ]});
  }
  function showCluster(cell) {
    var lane = laneById[cell.lane] || {label: cell.lane};
    var events = cell.events.map(function (id) { return byId[id]; })
      .sort(function (a, b) { return a.start < b.start ? -1 : a.start > b.start ? 1 : 0; });
    details.show({title: KG.fmt("cluster_count", {n: events.length}),
      tags: [{text: lane.label}, {text: period(cell.block, cell.unit)}], rows: [
      {label: t.zoom, value: el("button", {type: "button", class: "secondary", text: t.cluster_zoom,
                                           onclick: function () { zoomTo(cell); }})},
      {label: t.events, value: KG.list(events, function (e) {
        return [el("span", {class: "role", text: e.when + " · "}),
                el("button", {type: "button", class: "linkish", "data-event": e.id, text: e.label,
                              onclick: function () { show(e.id); }})];
      })}
    ]});
  }
  timeline.on("select", function (props) {
    if (!props.items.length) return;
    var item = items.get(props.items[0]);
    if (item.cluster) showCluster(item.cluster); else show(item.eventId);
  });
  timeline.on("doubleClick", function (props) {
    var item = props.item !== null && props.item !== undefined ? items.get(props.item) : null;
    if (item && item.cluster) zoomTo(item.cluster);
  });

  // ------------------------------------------------------------------ controls
  document.querySelectorAll('input[name="lanes"]').forEach(function (radio) {
    radio.addEventListener("change", function () { if (radio.checked) { state.mode = radio.value; rebuild(); } });
  });
  document.getElementById("kind-filter").addEventListener("change", function (e) { state.kind = e.target.value; rebuild(); });
  document.querySelectorAll('input[name="status"]').forEach(function (box) {
    box.addEventListener("change", function () { state.statuses[box.value] = box.checked; rebuild(); });
  });
  var presetButtons = document.querySelectorAll("[data-preset]");
  function preset(id) {
    data.presets.forEach(function (p) {
      if (p.id === id) timeline.setWindow(parseDay(p.start), parseDay(p.end), {animation: false});
    });
    presetButtons.forEach(function (b) { b.classList.toggle("active", b.getAttribute("data-preset") === id); });
  }
  presetButtons.forEach(function (button) {
    button.addEventListener("click", function () { preset(button.getAttribute("data-preset")); });
  });
  timeline.on("rangechanged", function (props) {
    if (props.byUser) presetButtons.forEach(function (b) { b.classList.remove("active"); });
    if (dense) refresh();
  });
  document.getElementById("zoom-in").addEventListener("click", function () { timeline.zoomIn(0.5); });
  document.getElementById("zoom-out").addEventListener("click", function () { timeline.zoomOut(0.5); });
  window.addEventListener("resize", fitHeight);

  rebuild();
  fitHeight();
  if (opening) preset(opening.id);
  KG.view = {timeline: timeline, items: items, groups: groups, state: state, rebuild: rebuild,
             preset: preset, show: show,
             clustered: function () { return Boolean(loaded && loaded.unit); }};
})();
