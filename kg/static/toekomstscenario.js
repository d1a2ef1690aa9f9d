/* The participation trace: a lane per actor, each stance a bar from its first day until a later
   stance replaced it (an open end runs to the edge of the data). */
(function () {
  "use strict";
  var KG = window.KG, el = KG.el, t = KG.t, data = KG.data;
  var container = document.getElementById("trace");
  if (!container || !data.stances.length) return;
  var DAY = 86400000;
  function parseDay(iso) { return new Date(Date.parse(iso + "T00:00:00")); }

  var actors = {};
  data.actors.forEach(function (actor) { actors[actor.id] = actor; });
  var byId = {};
  data.stances.forEach(function (stance) { byId[stance.id] = stance; });

  var lanes = data.actors.map(function (actor, i) {
    // the same name as in the answer and the table (an abbreviation alone is a puzzle)
    return {id: actor.id, order: i, content: el("span", {title: actor.label, text: actor.label})};
  });
  var bars = data.stances.map(function (stance) {
    return {
      id: stance.id, group: stance.actor, type: "range",
      start: parseDay(stance.since), end: parseDay(stance.until || data.horizon),
      className: "stance stance-" + stance.stance + (stance.until ? "" : " open"),
      content: el("span", {"data-stance": stance.id, text: stance.stanceLabel}),
      title: el("span", {text: actors[stance.actor].label + ": " + stance.stanceLabel + " · " + stance.sinceText})
    };
  });
  var first = data.stances.reduce(function (m, s) { return s.since < m ? s.since : m; }, data.stances[0].since);
  var months = t.months || [];
  var groups = new vis.DataSet(), items = new vis.DataSet();  // filled below, in one redraw
  var timeline = new vis.Timeline(container, items, groups, {
    stack: true, showCurrentTime: false, orientation: {axis: "top"}, groupOrder: "order",
    margin: {item: {horizontal: 0, vertical: 8}}, zoomMin: 30 * DAY, zoomKey: "ctrlKey",
    start: new Date(parseDay(first).getTime() - 30 * DAY), end: parseDay(data.horizon),
    format: {
      minorLabels: function (date, scale) {
        if (scale === "month") return (months[date.month()] || "").slice(0, 3);
        if (scale === "year") return String(date.year());
        return String(date.date());
      },
      majorLabels: function (date, scale) {
        if (scale === "day" || scale === "weekday") return months[date.month()] + " " + date.year();
        return scale === "month" ? String(date.year()) : "";
      }
    }
  });
  KG.addAtOnce(timeline, function () { groups.add(lanes); items.add(bars); });

  var details = new KG.Details(document.getElementById("details"), function () {
    timeline.setSelection([]); chosen = null; save(true);
  });
  var chosen = null;
  function show(id, focus) {
    var stance = byId[id];
    if (!stance) return;
    var event = stance.event;
    var tags = [{text: stance.stanceLabel, class: "stance-" + stance.stance}];
    if (stance.kind === "position") tags.push({text: t.stance_position, class: "stance-kind"});
    details.show({title: actors[stance.actor].label, item: event ? event.id : null, tags: tags, rows: [
      {label: t.since, value: stance.sinceText},
      {label: t.until, value: stance.untilText || t.until_open},
      {label: t.caused_by, value: event ? [el("strong", {text: event.label}), el("br"),
        el("span", {class: "role", text: [event.kindLabel, event.when].filter(Boolean).join(" · ")})] : null},
      {label: t.description, value: event ? event.description : null},
      {label: t.section, value: event ? KG.sectionNode(event.section) : null}
    ]}, focus);
  }
  function select(id, focus, quiet) {
    if (!byId[id]) return;
    chosen = id;
    timeline.setSelection([id], {focus: false});
    show(id, focus);
    if (!quiet) save(true);
  }
  timeline.on("select", function (props) { if (props.items.length) select(props.items[0]); });
  // the table is the keyboard path: its actor buttons open the details, focus on their heading
  document.querySelectorAll("button[data-stance]").forEach(function (button) {
    button.addEventListener("click", function () { select(button.getAttribute("data-stance"), true); });
  });

  // the address: ?stance=<id>, or ?item=actor/<slug> for an actor's latest stance
  function save(push) { KG.address.write({stance: chosen}, push); }
  function restore() {
    var q = KG.address.read(), id = q.get("stance"), actor = KG.itemId(q.get("item"));
    if (!byId[id] && actor) {
      data.stances.forEach(function (s) { if (s.actor === actor) id = s.id; });
    }
    if (byId[id]) select(id, false, true);
    else { chosen = null; timeline.setSelection([]); details.clear(); }
  }
  window.addEventListener("popstate", restore);
  restore();
  KG.reveal(timeline);
  KG.view = {timeline: timeline, items: items, show: show, select: select};
})();
