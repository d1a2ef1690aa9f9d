/* The timeline view: vis-timeline; exact days as points, vague dates as hatched ranges. */
(function () {
  "use strict";
  var KG = window.KG, el = KG.el, t = KG.t, data = KG.data;
  var DAY = 86400000;
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
  function rebuild() {
    var lanes = data.lanes[state.mode];
    var used = {};
    var list = [];
    data.events.forEach(function (event) {
      if (state.kind && event.kind !== state.kind) return;
      if (!state.statuses[event.status]) return;
      event.lanes[state.mode].forEach(function (lane) {
        used[lane] = true;
        var ongoing = event.status === "ongoing";
        var range = ongoing || event.approximate || event.start !== event.end;
        var item = {
          id: event.id + "@" + lane, group: lane, eventId: event.id,
          start: parseDay(event.start), content: itemElement(event),
          className: ["status-" + event.status, range ? "approx" : "exact"].join(" "),
          type: range ? "range" : "point"
        };
        if (range) item.end = nextDay(ongoing && dataEnd > event.end ? dataEnd : event.end);
        list.push(item);
      });
    });
    groups.clear();
    groups.add(lanes.filter(function (lane) { return used[lane.id]; }).map(function (lane, i) {
      return {id: lane.id, content: laneElement(lane), order: i};
    }));
    items.clear();
    items.add(list);
    var shown = {};
    list.forEach(function (item) { shown[item.eventId] = true; });
    document.getElementById("shown-count").textContent =
      KG.fmt("events_shown", {shown: Object.keys(shown).length, total: data.events.length});
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
  timeline.on("select", function (props) {
    if (props.items.length) show(items.get(props.items[0]).eventId);
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
  });
  document.getElementById("zoom-in").addEventListener("click", function () { timeline.zoomIn(0.5); });
  document.getElementById("zoom-out").addEventListener("click", function () { timeline.zoomOut(0.5); });
  window.addEventListener("resize", fitHeight);

  rebuild();
  fitHeight();
  if (opening) preset(opening.id);
  KG.view = {timeline: timeline, items: items, groups: groups, state: state, rebuild: rebuild,
             preset: preset, show: show};
})();
