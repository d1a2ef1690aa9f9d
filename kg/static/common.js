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
  Details.prototype.show = function (spec) {
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
    this.panel.replaceChildren(close, el("h2", {text: spec.title}), tags, list);
    this.panel.classList.add("open");
    this.panel.scrollTop = 0;
  };

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

  window.KG = {readJSON: readJSON, el: el, t: t, fmt: fmt, formatDate: formatDate,
               normalize: normalize, Details: Details, sectionNode: sectionNode, list: list,
               data: readJSON("kg-data")};
})();
