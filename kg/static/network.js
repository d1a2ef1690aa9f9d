/* The network view: vis-network with positions fixed at build time (physics off).
   A large graph comes with a summary (data.summary: events folded per year and kind), which is
   drawn first; "show all nodes" swaps in the full graph. Details always come from the full one. */
(function () {
  "use strict";
  var KG = window.KG, el = KG.el, t = KG.t, data = KG.data;
  var FONT = getComputedStyle(document.body).fontFamily;

  function indexed(nodeList, edgeList) {  // a drawable graph: its nodes by id and their links
    var graph = {nodes: nodeList, edges: edgeList, byId: {}, adjacent: {}};
    nodeList.forEach(function (node) { graph.byId[node.id] = node; graph.adjacent[node.id] = []; });
    edgeList.forEach(function (edge) {
      graph.adjacent[edge.from].push({id: edge.to, roles: edge.roles, out: true, weight: edge.weight});
      graph.adjacent[edge.to].push({id: edge.from, roles: edge.roles, out: false, weight: edge.weight});
    });
    return graph;
  }
  var full = indexed(data.nodes, data.edges);
  var summary = data.summary ? indexed(data.summary.nodes, data.summary.edges) : null;
  var foldOf = {};  // event id → the summary node it is folded into
  if (summary) {
    summary.nodes.forEach(function (node) {
      (node.events || []).forEach(function (id) { foldOf[id] = node.id; });
    });
  }
  // the graph drawn now; byId and adjacent always describe it (the full graph for details)
  var shown = summary || full, byId = shown.byId, adjacent = shown.adjacent;
  var typeLabel = {};
  data.types.forEach(function (type) { typeLabel[type.id] = type.label; });

  function mix(hex, amount) {  // blend a colour with white
    var n = parseInt(hex.slice(1), 16), r = n >> 16, g = (n >> 8) & 255, b = n & 255;
    function m(c) { return Math.round(c + (255 - c) * amount); }
    return "rgb(" + m(r) + "," + m(g) + "," + m(b) + ")";
  }
  function darker(hex) {
    var n = parseInt(hex.slice(1), 16), r = n >> 16, g = (n >> 8) & 255, b = n & 255;
    return "rgb(" + Math.round(r * .7) + "," + Math.round(g * .7) + "," + Math.round(b * .7) + ")";
  }
  function tooltip(node) {  // pyvis' plain-text title as an element built from text
    var lines = String(node.title || node.name || "").split("\n");
    return el("div", null, el("span", {class: "tip-title", text: lines[0]}),
              lines[1] ? el("span", {class: "tip-meta", text: lines.slice(1).join(" · ")}) : null);
  }
  function visNode(node) {  // no label: labels are drawn by drawLabels, below
    var tentative = node.status === "planned" || node.status === "postponed";
    var fill = tentative ? mix(node.color, .6) : node.color;
    var isEvent = node.type === "event" && !node.fold;
    var item = {
      id: node.id, title: tooltip(node), x: node.x, y: node.y, shape: node.shape, value: node.value,
      color: {background: fill, border: darker(node.color),
              highlight: {background: fill, border: "#1d2733"},
              hover: {background: fill, border: "#1d2733"}},
      borderWidth: isEvent ? 1 : 1.5,
      hidden: false
    };
    if (tentative) item.shapeProperties = {borderDashes: [3, 2]};
    return item;
  }

  function visEdges(graph) {  // folded links are drawn wider the more events they stand for
    return new vis.DataSet(graph.edges.map(function (edge, i) {
      var item = {id: i, from: edge.from, to: edge.to};
      if (edge.weight > 1) item.width = Math.min(1 + Math.log(edge.weight) / Math.LN2 * 0.6, 5);
      return item;
    }));
  }
  function interaction(graph) {
    var big = graph.nodes.length > 1500 || graph.edges.length > 8000;
    return {hover: !big, tooltipDelay: 150, hideEdgesOnDrag: big, hideEdgesOnZoom: big,
            multiselect: false, navigationButtons: false, keyboard: false};
  }

  // Labels, readable at any zoom: drawn by drawLabels on the canvas after vis-network has drawn
  // the graph, 13 px high on screen (up to 16 px for the most linked nodes) whatever the zoom.
  // vis-network gets no labels, so it measures none (a label update made it measure and redraw
  // everything: 0.2 s for a hundred labels at 5,000 nodes). Which labels are drawn is planned
  // for each new view (the opening, a zoom or drag step) and after each change to what is
  // shown: where labels would overlap, the more linked node keeps its label (between equals,
  // the first by name), and the others show theirs on hover, when selected and as zooming in
  // makes room.
  // Events are labelled where they can be read: zoomed in (scale 1.25) or in a focus.
  var LABEL_PX = 13, LABEL_PX_MAX = 16, EVENT_LABEL_SCALE = 1.25, SIZE_MIN = 5, SIZE_MAX = 30;
  var LABEL_COLOR = {event: "#46525e", recommendation: "#7a2643"};
  var measure = document.createElement("canvas").getContext("2d"), widths = Object.create(null);
  measure.font = "100px " + FONT;
  function labelWidth(text) {  // on screen, per pixel of font size
    if (widths[text] === undefined) widths[text] = measure.measureText(text).width / 100;
    return widths[text];
  }
  function ranked(graph) {  // the labels in the order they claim room: linked most, then name
    if (graph.ranked) return graph.ranked;
    function range(list) {
      var values = list.map(function (n) { return n.value; }).concat([1]);
      return [Math.min.apply(null, values), Math.max.apply(null, values)];
    }
    graph.values = range(graph.nodes);  // vis-network scales node sizes over all of them
    graph.named = range(graph.nodes.filter(function (n) { return n.type !== "event" || n.fold; }));
    graph.ranked = graph.nodes.filter(function (n) { return n.label; }).sort(function (a, b) {
      var ea = a.type === "event" && !a.fold, eb = b.type === "event" && !b.fold;
      return (ea - eb) || (b.value - a.value) || (b.degree - a.degree) ||
        (a.label < b.label ? -1 : a.label > b.label ? 1 : 0) || (a.id < b.id ? -1 : 1);
    });
    return graph.ranked;
  }
  function labelPx(graph, n) {
    var lo = graph.named[0], hi = graph.named[1];
    if (n.type === "event" && !n.fold) return LABEL_PX;
    // whole pixels: four sizes, so drawing sets the canvas font four times, not once a label
    return Math.round(LABEL_PX + (LABEL_PX_MAX - LABEL_PX) * (hi > lo ? Math.max(0, (n.value - lo) / (hi - lo)) : 0.5));
  }
  function nodeSize(graph, n) {  // vis-network's scaling of `value` (linear, SIZE_MIN…SIZE_MAX)
    var lo = graph.values[0], hi = graph.values[1];
    return SIZE_MIN + (SIZE_MAX - SIZE_MIN) * (hi > lo ? (n.value - lo) / (hi - lo) : 0.5);
  }
  // The labels to draw for the view at `frame` ({center, scale}): [{id, text, px, half, color}],
  // px its height and half its half width on screen. `keep` (the selected, focused or hovered
  // node) is labelled whatever it covers; any other label is drawn whole or not at all.
  function labelPlan(graph, frame, hidden, keep, events) {
    var box = container.getBoundingClientRect(), scale = frame.scale, CELL = 64, cells = {};
    var plan = [], planned = {};
    var left = frame.center.x * scale - box.width / 2, right = left + box.width;
    var top = frame.center.y * scale - box.height / 2, bottom = top + box.height;
    function free(b, claim) {  // whether `b` overlaps no label claimed yet; claim it
      var i0 = Math.floor(b[0] / CELL), i1 = Math.floor(b[2] / CELL);
      var j0 = Math.floor(b[1] / CELL), j1 = Math.floor(b[3] / CELL), i, j, k, list, o;
      for (i = i0; i <= i1; i++) for (j = j0; j <= j1; j++) {
        list = cells[i + "," + j] || [];
        for (k = 0; !claim && k < list.length; k++) {
          o = list[k];
          if (b[0] < o[2] && o[0] < b[2] && b[1] < o[3] && o[1] < b[3]) return false;
        }
        if (claim) (cells[i + "," + j] = list).push(b);
      }
      return true;
    }
    function consider(n, force) {
      if (!n || planned[n.id] || hidden[n.id] || !n.label) return;
      if (!force && n.type === "event" && !n.fold && !events) return;
      var p = network.body.nodes[n.id] || n;  // where it is drawn now (a focus moves nodes)
      var x = p.x * scale, y = p.y * scale + nodeSize(graph, n) * scale;
      if (!force && (x < left || x > right || y < top || y > bottom)) return;
      var px = labelPx(graph, n), half = labelWidth(n.label) * px / 2 + 3;
      var b = [x - half, y, x + half, y + px * 1.3 + 3];
      if (!force && (b[0] < left || b[2] > right || b[3] > bottom || !free(b, false))) return;
      free(b, true);
      planned[n.id] = true;
      plan.push({id: n.id, text: n.label, px: px, half: half, color: LABEL_COLOR[n.fold ? "" : n.type] || "#1d2733"});
    }
    keep.forEach(function (id) { consider(graph.byId[id], true); });
    ranked(graph).forEach(function (n) { consider(n, false); });
    return plan;
  }
  var plan = [], planKey = "", planView = "", hovered = null;
  function currentView() { return {center: network.getViewPosition(), scale: network.getScale()}; }
  function viewKey(frame) { return frame.scale + " " + frame.center.x + " " + frame.center.y; }
  function replan(frame) {  // plan the labels for the view at `frame`; whether they changed
    var keep = [state.selected, state.focus, hovered].filter(Boolean);
    var events = Boolean(state.focus) || frame.scale >= EVENT_LABEL_SCALE;
    plan = labelPlan(shown, frame, hiddenNow, keep, events);
    planView = viewKey(frame);
    var key = plan.map(function (l) { return l.id; }).join(" "), changed = key !== planKey;
    planKey = key;
    return changed;
  }
  // after a change to what is shown, selected or hovered: plan again, redraw if need be
  function relabel() { if (replan(currentView())) network.redraw(); }
  function drawLabels(ctx) {  // in drawing units: sizes divided by the scale stay put on screen
    var scale = network.getScale(), font = "";
    ctx.save();
    ctx.textAlign = "center"; ctx.textBaseline = "top"; ctx.lineJoin = "round";
    ctx.strokeStyle = "rgba(251,250,248,0.92)"; ctx.lineWidth = 4 / scale;
    plan.slice().sort(function (a, b) { return a.px - b.px; }).forEach(function (l) {
      var body = network.body.nodes[l.id];
      if (!body || hiddenNow[l.id]) return;
      var y = body.y + nodeSize(shown, byId[l.id]) + 2 / scale;
      var f = (l.id === state.selected ? "600 " : "") + l.px / scale + "px " + FONT;
      if (f !== font) ctx.font = font = f;
      ctx.strokeText(l.text, body.x, y);
      ctx.fillStyle = l.color;
      ctx.fillText(l.text, body.x, y);
    });
    ctx.restore();
  }
  function labelAt(point) {  // the node whose drawn label is under `point` (drawing units)
    var scale = network.getScale();
    for (var i = plan.length - 1; i >= 0; i--) {
      var l = plan[i], body = network.body.nodes[l.id];
      if (!body || hiddenNow[l.id]) continue;
      var y = body.y + nodeSize(shown, byId[l.id]);
      if (Math.abs(point.x - body.x) <= l.half / scale && point.y >= y && point.y <= y + l.px * 1.3 / scale) return l.id;
    }
    return null;
  }
  // the middle of `list` and the scale at which it fills the canvas, with room for labels
  function extent(list) {
    var x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity, box = container.getBoundingClientRect();
    list.forEach(function (n) {
      x0 = Math.min(x0, n.x); x1 = Math.max(x1, n.x); y0 = Math.min(y0, n.y); y1 = Math.max(y1, n.y);
    });
    var scale = 0.85 * Math.min(box.width / Math.max(x1 - x0 + 60, 1), box.height / Math.max(y1 - y0 + 60, 1));
    return {center: {x: (x0 + x1) / 2, y: (y0 + y1) / 2}, scale: Math.min(scale, 1.6)};
  }

  var container = document.getElementById("network"), network = null, nodes, edges;
  function dataSets(graph) {
    nodes = new vis.DataSet(graph.nodes.map(visNode));
    edges = visEdges(graph);
    ranked(graph);
  }
  dataSets(shown);
  network = new vis.Network(container, {nodes: nodes, edges: edges}, {
    autoResize: true,
    physics: false,
    layout: {improvedLayout: false},
    interaction: interaction(shown),
    nodes: {scaling: {min: SIZE_MIN, max: SIZE_MAX}},  // sizes follow `value`; labels: drawLabels
    edges: {color: {color: "rgba(84,99,115,0.22)", highlight: "#2b5a87", hover: "#2b5a87"},
            width: 1, selectionWidth: 1.5, hoverWidth: 0.5, smooth: false}
  });

  // The nodes with no link at all sit in a grid of their own (the build's layout): a frame
  // and a heading say what they are.
  network.on("afterDrawing", function (ctx) {
    var lone = shown.nodes.filter(function (n) { return !adjacent[n.id].length && !hiddenNow[n.id]; });
    if (!lone.length || state.focus) return;
    var box = null;
    lone.forEach(function (n) {
      var b = network.body.nodes[n.id];
      if (!b) return;
      box = box ? {x0: Math.min(box.x0, b.x), y0: Math.min(box.y0, b.y), x1: Math.max(box.x1, b.x), y1: Math.max(box.y1, b.y)}
                : {x0: b.x, y0: b.y, x1: b.x, y1: b.y};
    });
    if (!box) return;
    var scale = network.getScale(), pad = 30 / Math.min(scale, 1), size = 14 / scale;
    ctx.save();
    ctx.strokeStyle = "rgba(84, 99, 115, .5)"; ctx.lineWidth = 1 / scale; ctx.setLineDash([6 / scale, 4 / scale]);
    ctx.strokeRect(box.x0 - pad, box.y0 - pad - size * 1.6, box.x1 - box.x0 + 2 * pad, box.y1 - box.y0 + 2 * pad + size * 1.6);
    ctx.fillStyle = "#46525e"; ctx.font = "600 " + size + "px " + FONT;
    ctx.fillText(KG.fmt("unconnected_count", {n: lone.length}), box.x0 - pad + 8 / scale, box.y0 - pad);
    ctx.restore();
  });

  // ------------------------------------------------------------------ filters and focus
  var state = {types: {}, rec: "", from: null, to: null, focus: null, selected: null};
  data.types.forEach(function (type) { state.types[type.id] = true; });
  var yearFrom = document.getElementById("year-from"), yearTo = document.getElementById("year-to");
  if (data.years.length) { state.from = data.years[0]; state.to = data.years[1]; }

  function eventMatches(node) {
    if (state.rec && (node.recommendations || []).indexOf(state.rec) < 0) return false;
    if (state.from !== null && node.end && parseInt(node.end.slice(0, 4), 10) < state.from) return false;
    if (state.to !== null && node.start && parseInt(node.start.slice(0, 4), 10) > state.to) return false;
    return true;
  }
  function neighbourhood(id) {
    var keep = {};
    keep[id] = true;
    adjacent[id].forEach(function (n) {
      keep[n.id] = true;
      if (byId[id].type !== "event" && byId[n.id].type === "event") {
        adjacent[n.id].forEach(function (m) { keep[m.id] = true; });
      }
    });
    return keep;
  }
  function filtering() {
    return Boolean(state.rec) || (data.years.length &&
      (state.from !== data.years[0] || state.to !== data.years[1]));
  }
  function computeVisible() {
    var visible = {}, around = state.focus ? neighbourhood(state.focus) : null;
    shown.nodes.forEach(function (node) {
      if (node.type === "event") visible[node.id] = state.types.event && eventMatches(node);
    });
    var narrowed = filtering();
    shown.nodes.forEach(function (node) {
      if (node.type === "event") return;
      var show = state.types[node.type];
      if (show && narrowed) {
        show = node.id === state.rec || adjacent[node.id].some(function (n) {
          return visible[n.id] && byId[n.id].type === "event";
        });
      }
      visible[node.id] = Boolean(show);
    });
    if (around) {
      Object.keys(visible).forEach(function (id) { visible[id] = visible[id] && Boolean(around[id]); });
      visible[state.focus] = true;
    }
    return visible;
  }
  // a drawing of a view the labels were not planned for (a zoom or drag step, a moveTo) plans
  // them first: a few milliseconds at 5,000 nodes, and no second drawing
  network.on("beforeDrawing", function () {
    var frame = currentView();
    if (viewKey(frame) !== planView) replan(frame);
  });
  network.on("afterDrawing", drawLabels);
  // a node hovered shows its label (a tooltip has the full name)
  network.on("hoverNode", function (params) { hovered = params.node; relabel(); });
  network.on("blurNode", function () { hovered = null; relabel(); });

  // A focused neighbourhood gets its own radial layout around the node (the build's positions
  // come back when the focus ends): direct neighbours on an inner ring, their other nodes outside.
  var moved = [];
  function radial(center, around) {
    var c = byId[center], inner = [], outer = [], angle = {};
    adjacent[center].forEach(function (n) { if (around[n.id] && inner.indexOf(n.id) < 0) inner.push(n.id); });
    inner.sort(function (a, b) {
      var x = byId[a], y = byId[b];
      return (x.type + (x.start || "") + x.name).localeCompare(y.type + (y.start || "") + y.name);
    });
    var r1 = Math.max(270, inner.length * 46 / (2 * Math.PI)), r2 = r1 + 240, placed = [];
    inner.forEach(function (id, i) {
      angle[id] = 2 * Math.PI * i / Math.max(inner.length, 1) - Math.PI / 2;
      placed.push({id: id, x: c.x + r1 * Math.cos(angle[id]), y: c.y + r1 * Math.sin(angle[id])});
    });
    Object.keys(around).forEach(function (id) {
      if (id === center || angle[id] !== undefined) return;
      var sx = 0, sy = 0;
      adjacent[id].forEach(function (n) {
        if (angle[n.id] !== undefined) { sx += Math.cos(angle[n.id]); sy += Math.sin(angle[n.id]); }
      });
      outer.push({id: id, a: Math.atan2(sy, sx)});
    });
    outer.sort(function (a, b) { return a.a - b.a; });
    var gap = Math.min(2 * Math.PI / Math.max(outer.length, 1), 0.5);  // keep labels apart
    outer.forEach(function (o, i) {
      if (i && o.a < outer[i - 1].a + gap) o.a = outer[i - 1].a + gap;
      placed.push({id: o.id, x: c.x + r2 * Math.cos(o.a), y: c.y + r2 * Math.sin(o.a)});
    });
    return placed;
  }
  function relayout() {
    if (moved.length) {
      nodes.update(moved.map(function (id) { return {id: id, x: byId[id].x, y: byId[id].y}; }));
      moved = [];
    }
    if (!state.focus) return null;
    var placed = radial(state.focus, neighbourhood(state.focus));
    nodes.update(placed);
    moved = placed.map(function (p) { return p.id; });
    return placed;
  }
  function view(placed) {  // show the radial layout whole (fit() may still see old positions)
    var c = byId[state.focus], reach = 100;
    placed.forEach(function (p) { reach = Math.max(reach, Math.abs(p.x - c.x), Math.abs(p.y - c.y)); });
    var box = container.getBoundingClientRect();
    var scale = Math.min(box.width, box.height) / (2 * (reach + 160));
    network.moveTo({position: {x: c.x, y: c.y}, scale: Math.min(scale, 1.6), animation: false});
  }

  var hiddenNow = {}, laidOutFor = null;
  function apply(fit) {
    var visible = computeVisible(), changes = [], count = 0;
    shown.nodes.forEach(function (node) {
      var hidden = !visible[node.id];
      if (!hidden) count++;
      if (Boolean(hiddenNow[node.id]) !== hidden) { changes.push({id: node.id, hidden: hidden}); hiddenNow[node.id] = hidden; }
    });
    if (changes.length) nodes.update(changes);
    var placed = null;
    if (state.focus !== laidOutFor) { laidOutFor = state.focus; placed = relayout(); fit = !placed; }
    document.getElementById("visible-count").textContent =
      KG.fmt("visible_count", {shown: count, total: shown.nodes.length});
    var note = document.getElementById("focus-note");
    note.hidden = !state.focus;
    if (state.focus) note.textContent = KG.fmt("focused_on", {label: byId[state.focus].name});
    document.getElementById("focus-btn").textContent = state.focus ? t.show_all : t.focus;
    document.getElementById("focus-btn").disabled = !state.focus && !state.selected;
    var before = viewKey(currentView());
    if (fit) {  // from the build's positions (vis' fit() may still see a focus' radial ones)
      var ids = Object.keys(visible).filter(function (id) { return visible[id]; });
      var frame = extent(ids.length ? ids.map(function (id) { return byId[id]; }) : shown.nodes);
      network.moveTo({position: frame.center, scale: frame.scale, animation: false});
    }
    if (placed) view(placed);
    // a new view is drawn soon, and its drawing plans the labels; the same view needs a plan now
    if (viewKey(currentView()) === before) relabel(); else planView = "";
    if (changes.length) markTwin();
    return count;
  }

  // ------------------------------------------------------------------ summary ⇄ every node
  function draw(graph) {
    shown = graph; byId = graph.byId; adjacent = graph.adjacent;
    var selected = detailsOf;
    state.focus = null; state.selected = null;
    hiddenNow = {}; moved = []; laidOutFor = null; hovered = null; plan = []; planKey = planView = "";
    dataSets(graph);
    network.setOptions({interaction: interaction(graph)});
    network.setData({nodes: nodes, edges: edges});
    KG.view.nodes = nodes; KG.view.edges = edges;
    var folded = graph === summary;
    document.getElementById("summary-text").textContent = folded ? data.summary.note
      : KG.fmt("summary_full_note", {total: data.summary.total.toLocaleString(data.lang)});
    document.getElementById("expand-btn").textContent = folded ? t.summary_expand : t.summary_collapse;
    apply(true);
    fillTwin();
    if (selected) {  // keep what the details show: an event ⇄ the node it is folded into
      if (byId[selected] || foldOf[selected]) select(selected, false);
      else { detailsOf = null; details.clear(); }
    }
  }
  if (summary) {
    document.getElementById("expand-btn").addEventListener("click", function () {
      draw(shown === summary ? full : summary);
      save(true);
    });
  }

  document.querySelectorAll('input[name="type"]').forEach(function (box) {
    box.addEventListener("change", function () { state.types[box.value] = box.checked; apply(false); save(true); });
  });
  document.getElementById("rec-filter").addEventListener("change", function (e) {
    state.rec = e.target.value; apply(true); save(true);
  });
  function readYears() {
    state.from = parseInt(yearFrom.value, 10); state.to = parseInt(yearTo.value, 10);
    if (state.from > state.to) { var x = state.from; state.from = state.to; state.to = x; }
    apply(true);
    save(true);
  }
  if (yearFrom) { yearFrom.addEventListener("change", readYears); yearTo.addEventListener("change", readYears); }
  document.getElementById("focus-btn").addEventListener("click", function () {
    state.focus = state.focus ? null : state.selected;
    apply(true);
    save(true);
  });
  function resetFilters() {
    document.querySelectorAll('input[name="type"]').forEach(function (box) { box.checked = true; state.types[box.value] = true; });
    document.getElementById("rec-filter").value = "";
    state.rec = ""; state.focus = null;
    search.value = ""; results.hidden = true;
    if (data.years.length) {
      yearFrom.value = data.years[0]; yearTo.value = data.years[1];
      state.from = data.years[0]; state.to = data.years[1];
    }
  }
  document.getElementById("reset-btn").addEventListener("click", function () { resetFilters(); apply(true); save(true); });

  // ------------------------------------------------------------------ details
  var detailsOf = null;  // the node or event whose details are shown
  var details = new KG.Details(document.getElementById("details"), function () {
    state.selected = null; detailsOf = null; network.unselectAll(); apply(false); markTwin(); save(true);
  });
  function nodeButton(id, extra) {
    var node = full.byId[id] || byId[id];
    var button = el("button", {type: "button", class: "linkish", "data-node": id,
      text: node.type === "event" ? node.name : (node.name || node.label),
      onclick: function () { select(id, true, true); }});
    return extra ? [button, el("span", {class: "role", text: " — " + extra})] : button;
  }
  function related(id, type) {  // in the full graph, whatever is drawn
    return full.adjacent[id].filter(function (n) { return full.byId[n.id].type === type; });
  }
  function showEvent(node) {
    var rows = [
      {label: t.date, value: node.when},
      {label: t.description, value: node.description},
      {label: t.actors, value: KG.list(related(node.id, "actor"), function (n) { return nodeButton(n.id, n.roles.join(", ")); })},
      {label: t.instruments, value: KG.list(related(node.id, "instrument"), function (n) { return nodeButton(n.id); })},
      {label: t.recommendations, value: KG.list(related(node.id, "recommendation"), function (n) { return nodeButton(n.id); })},
      {label: t.places, value: KG.list(related(node.id, "place"), function (n) { return nodeButton(n.id); })},
      {label: t.section, value: KG.sectionNode(node.section)}
    ];
    details.show({title: node.name, item: node.id, rows: rows, tags: [
      {text: node.kindLabel}, {text: node.statusLabel, class: "status-" + node.status}]}, focusNext);
  }
  function showEntity(node) {
    var events = related(node.id, "event").map(function (n) { return full.byId[n.id]; })
      .sort(function (a, b) { return a.start < b.start ? 1 : a.start > b.start ? -1 : 0; });
    var parts = full.adjacent[node.id].filter(function (n) { return full.byId[n.id].type !== "event"; });
    details.show({title: node.name, item: node.id, tags: [{text: typeLabel[node.type]}, {text: node.kindLabel}], rows: [
      {label: t.abbreviation, value: node.abbreviation},
      {label: t.description, value: node.description},
      {label: node.type === "instrument" ? t.instruments : t.part_of,
       value: KG.list(parts, function (n) { return nodeButton(n.id, n.out ? t.part_of : t.has_part); })},
      {label: t.events + " (" + events.length + ")", value: KG.list(events, function (e) {
        return [el("span", {class: "role", text: e.when + " · "}), nodeButton(e.id)];
      })}
    ]}, focusNext);
  }
  function showFold(node) {  // a summary node: the events folded into it and what they link
    function linked(type) {
      return adjacent[node.id].filter(function (n) { return byId[n.id].type === type; })
        .sort(function (a, b) { return b.weight - a.weight; });
    }
    function counted(n) { return nodeButton(n.id, String(n.weight)); }
    var events = node.events.map(function (id) { return full.byId[id]; });
    details.show({title: node.name, tags: [{text: typeLabel.event}, {text: node.description}], rows: [
      {label: t.date, value: node.when},
      {label: t.events + " (" + events.length + ")", value: KG.list(events, function (e) {
        return [el("span", {class: "role", text: e.when + " · "}), nodeButton(e.id)];
      })},
      {label: t.actors, value: KG.list(linked("actor"), counted)},
      {label: t.instruments, value: KG.list(linked("instrument"), counted)},
      {label: t.recommendations, value: KG.list(linked("recommendation"), counted)},
      {label: t.places, value: KG.list(linked("place"), counted)}
    ]}, focusNext);
  }
  var focusNext = false;  // whether the details heading takes the keyboard focus
  function select(id, move, focus, quiet) {
    var node = full.byId[id] || byId[id];
    if (!node) return;
    focusNext = Boolean(focus);
    var drawn = byId[id] ? id : foldOf[id];  // an event of the summary: the node holding it
    if (!drawn) return;
    if (hiddenNow[drawn]) { resetFilters(); apply(false); }  // make it visible: clear what hides it
    state.selected = drawn;
    detailsOf = id;
    network.selectNodes([drawn]);
    if (node.fold) showFold(node); else if (node.type === "event") showEvent(node); else showEntity(node);
    if (move) network.focus(drawn, {scale: Math.max(network.getScale(), 1.3), animation: false});
    focusNext = false;
    apply(false);
    markTwin();
    if (!quiet) save(true);
  }
  network.on("click", function (params) {
    var id = params.nodes.length ? params.nodes[0] : labelAt(params.pointer.canvas);
    if (id) select(id, false);
  });

  // ------------------------------------------------------------------ keyboard on the canvas
  // Arrow keys go to the nearest visible node in that direction (the selected one, or the
  // middle of the view, as the start); Enter opens the details, Escape clears the selection.
  var DIRECTIONS = {ArrowRight: [1, 0], ArrowLeft: [-1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1]};
  function nearest(from, dir) {
    var best = null, score = Infinity;
    shown.nodes.forEach(function (node) {
      if (hiddenNow[node.id] || node.id === state.selected) return;
      var body = network.body.nodes[node.id];
      if (!body) return;
      var dx = body.x - from.x, dy = body.y - from.y;
      var along = dx * dir[0] + dy * dir[1], across = Math.abs(dx * dir[1] - dy * dir[0]);
      if (!dir[0] && !dir[1]) { along = Math.hypot(dx, dy); across = 0; }
      else if (along <= 0 || across > 2 * along) return;  // within about 63° of the direction
      var d = along + 2 * across;
      if (d < score) { score = d; best = node.id; }
    });
    return best;
  }
  container.setAttribute("tabindex", "0");
  container.addEventListener("keydown", function (e) {
    var dir = DIRECTIONS[e.key];
    if (dir) {
      e.preventDefault();
      var body = state.selected && network.body.nodes[state.selected];
      var from = body ? {x: body.x, y: body.y} : network.getViewPosition();
      var next = nearest(from, body ? dir : [0, 0]);
      if (next) select(next, true);
    } else if (e.key === "Enter" && detailsOf) {
      e.preventDefault();
      select(detailsOf, false, true);
    } else if (e.key === "Escape" && state.selected) {
      details.clear();
      details.onClose();
    }
  });

  // ------------------------------------------------------------------ the twin: nodes as a list
  // every drawn node by type and name; a button opens its details (its connections)
  var twinList = document.getElementById("node-list"), twinItems = {};
  var collate = new Intl.Collator(data.lang).compare;
  function fillTwin() { KG.afterPaint("twin", listNodes); }  // once the canvas is painted
  function listNodes() {
    twinItems = {};
    var parts = document.createDocumentFragment();
    data.types.forEach(function (type) {
      // by name as the language sorts it, each name normalised once
      var members = shown.nodes.filter(function (n) { return n.type === type.id; })
        .map(function (n) { return {node: n, key: KG.normalize(n.name)}; })
        .sort(function (a, b) { return collate(a.key, b.key) || (a.node.id < b.node.id ? -1 : 1); })
        .map(function (keyed) { return keyed.node; });
      if (!members.length) return;
      var ul = el("ul");
      members.forEach(function (node) {
        var li = el("li", null, el("button", {type: "button", class: "linkish", "data-node": node.id,
          text: node.name, onclick: function () { select(node.id, true, true); }}),
          el("span", {class: "muted small", text: " · " + KG.fmt("connections_count", {n: adjacent[node.id].length})}));
        twinItems[node.id] = li;
        ul.append(li);
      });
      parts.append(el("section", null, el("h3", {text: type.label + " (" + members.length + ")"}), ul));
    });
    twinList.replaceChildren(parts);
    markTwin();
  }
  function markTwin() {
    Object.keys(twinItems).forEach(function (id) {
      twinItems[id].hidden = Boolean(hiddenNow[id]);
      twinItems[id].classList.toggle("selected", id === state.selected);
    });
  }

  // ------------------------------------------------------------------ the address
  function save(push) {
    var hidden = data.types.filter(function (type) { return !state.types[type.id]; }).map(function (type) { return type.id; });
    var years = data.years.length && (state.from !== data.years[0] || state.to !== data.years[1]);
    KG.address.write({
      item: detailsOf ? KG.itemPath(detailsOf) : null, focus: state.focus ? 1 : null,
      hide: hidden, rec: state.rec ? KG.itemPath(state.rec) : null,
      from: years ? state.from : null, to: years ? state.to : null,
      all: summary && shown === full ? 1 : null, q: search.value.trim() || null
    }, push);
  }
  function restore(first) {
    var q = KG.address.read();
    if (summary && (q.get("all") === "1") !== (shown === full)) draw(q.get("all") === "1" ? full : summary);
    var hidden = KG.address.list(q, "hide") || [];
    document.querySelectorAll('input[name="type"]').forEach(function (box) {
      box.checked = hidden.indexOf(box.value) < 0; state.types[box.value] = box.checked;
    });
    var rec = KG.itemId(q.get("rec"));
    state.rec = rec && full.byId[rec] ? rec : "";
    document.getElementById("rec-filter").value = state.rec;
    if (data.years.length) {
      var from = parseInt(q.get("from"), 10), to = parseInt(q.get("to"), 10);
      state.from = from >= data.years[0] && from <= data.years[1] ? from : data.years[0];
      state.to = to >= state.from && to <= data.years[1] ? to : data.years[1];
      yearFrom.value = state.from; yearTo.value = state.to;
    }
    search.value = q.get("q") || "";
    var item = KG.itemId(q.get("item")), drawn = item && (byId[item] ? item : foldOf[item]);
    if (first && !item && data.focus) { item = data.focus; drawn = byId[item] ? item : foldOf[item]; state.focus = drawn; }
    else state.focus = drawn && q.get("focus") === "1" ? drawn : null;
    state.selected = drawn || null;
    apply(true);
    if (drawn) select(item, !state.focus, false, true);
    else if (detailsOf) { detailsOf = null; network.unselectAll(); details.clear(); }
  }
  window.addEventListener("popstate", function () { restore(false); });

  // ------------------------------------------------------------------ search
  var search = document.getElementById("search"), results = document.getElementById("search-results");
  var index = null;  // every node of the full graph, normalised at the first search (not before the first draw)
  function searchIndex() {
    return index || (index = data.nodes.map(function (node) {
      return {id: node.id, text: KG.normalize([node.name, node.label, node.abbreviation, node.notation]
        .concat(node.names || []).join(" | "))};
    }));
  }
  function find(query) {
    var q = KG.normalize(query).trim();
    if (!q) return [];
    var exact = [], partial = [];
    searchIndex().forEach(function (entry) {
      var node = full.byId[entry.id];
      var names = [node.name, node.abbreviation].concat(node.names || []).map(KG.normalize);
      if (names.indexOf(q) >= 0) exact.push(entry.id);
      else if (entry.text.indexOf(q) >= 0) partial.push(entry.id);
    });
    partial.sort(function (a, b) { return (full.byId[a].type === "event") - (full.byId[b].type === "event"); });
    return exact.concat(partial).slice(0, 12);
  }
  function renderResults() {
    var found = find(search.value);
    results.replaceChildren();
    results.hidden = !search.value.trim();
    if (!found.length) { results.append(el("li", {class: "none", text: t.no_results})); return; }
    found.forEach(function (id) {
      var node = full.byId[id];
      var swatch = document.createElementNS("http://www.w3.org/2000/svg", "svg");
      swatch.setAttribute("viewBox", "0 0 20 20"); swatch.setAttribute("class", "swatch");
      var use = document.createElementNS("http://www.w3.org/2000/svg", "use");
      use.setAttribute("href", "#shape-" + node.shape); use.setAttribute("fill", node.color);
      swatch.append(use);
      results.append(el("li", null, el("button", {type: "button", "data-node": id, onclick: function () {
        results.hidden = true; search.value = node.name; foundNode(id);
      }}, swatch, el("span", {text: node.name + (node.abbreviation ? " (" + node.abbreviation + ")" : "")}))));
    });
  }
  // a node found on a large graph opens on its neighbourhood: in the whole, or in the
  // summary's hairball, one node and its links cannot be made out
  function foundNode(id) {
    select(id, !summary, false, Boolean(summary));
    if (summary && state.selected) { state.focus = state.selected; apply(true); save(true); }
  }
  search.addEventListener("input", renderResults);
  search.addEventListener("keydown", function (e) {
    if (e.key === "Enter") {
      var found = find(search.value);
      if (found.length) { results.hidden = true; foundNode(found[0]); }
      e.preventDefault();
    } else if (e.key === "Escape") { results.hidden = true; }
  });
  document.addEventListener("click", function (e) {
    if (!results.contains(e.target) && e.target !== search) results.hidden = true;
  });

  // ------------------------------------------------------------------ start
  KG.view = {network: network, nodes: nodes, edges: edges, state: state, apply: apply, select: select,
             summary: function () { return shown === summary; },
             expand: function () { if (shown !== full) draw(full); },
             collapse: function () { if (summary && shown !== summary) draw(summary); },
             visibleIds: function () { return shown.nodes.filter(function (n) { return !hiddenNow[n.id]; }).map(function (n) { return n.id; }); }};
  fillTwin();
  restore(true);

  // ------------------------------------------------------------------ PNG of the canvas
  document.getElementById("png-btn").addEventListener("click", function () {
    var canvas = container.querySelector("canvas"), copy = document.createElement("canvas");
    copy.width = canvas.width; copy.height = canvas.height;
    var ctx = copy.getContext("2d");  // the canvas is transparent: paint the page's background
    ctx.fillStyle = "#fbfaf8"; ctx.fillRect(0, 0, copy.width, copy.height); ctx.drawImage(canvas, 0, 0);
    var link = el("a", {href: copy.toDataURL("image/png"), download: "network.png"});
    document.body.append(link); link.click(); link.remove();
  });
})();
