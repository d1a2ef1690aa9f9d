/* Recommendations: recompute the "nothing happened since" flags for the date the user picks,
   with the same rule as the recommendation-gaps query (an occurred event on or after the day). */
(function () {
  "use strict";
  var KG = window.KG, t = KG.t, data = KG.data;
  var input = document.getElementById("since");

  function flagged(rec, since) {
    return !rec.events.some(function (event) { return event.status === "occurred" && event.start >= since; });
  }
  function update(since) {
    var text = KG.formatDate(since), count = 0;
    data.recommendations.forEach(function (rec) {
      var card = document.querySelector('[data-rec="' + CSS.escape(rec.id) + '"]');
      var isFlagged = flagged(rec, since);
      if (isFlagged) count++;
      card.classList.toggle("flagged", isFlagged);
      var tile = document.querySelector('[data-tile="' + CSS.escape(rec.id) + '"]');
      if (tile) tile.classList.toggle("flagged", isFlagged);
      card.querySelector("[data-flag]").textContent = KG.fmt(isFlagged ? "flag" : "flag_ok", {date: text});
    });
    document.getElementById("flag-summary").textContent =
      KG.fmt("flagged_count", {n: count, total: data.recommendations.length, date: text});
  }
  // the flags follow every keystroke; a finished choice goes into the address (?since=)
  function valid() { return /^\d{4}-\d\d-\d\d$/.test(input.value); }
  input.addEventListener("input", function () { if (valid()) update(input.value); });
  input.addEventListener("change", function () {
    if (!valid()) return;
    update(input.value);
    KG.address.write({since: input.value === data.since ? null : input.value}, true);
  });
  /* the same item as the page's first ones (recommendations.html), built as text */
  function eventItem(event) {
    var meta = KG.el("span", {class: "rec-meta"}, event.kindLabel);
    if (event.status !== "occurred") {
      meta.append(" · ", KG.el("span", {class: "badge status-" + event.status, text: event.statusLabel}));
    }
    return KG.el("li", {class: "status-" + event.status, "data-event": event.id},
      KG.el("span", {class: "rec-when", text: event.when}),
      KG.el("span", {class: "rec-label", text: event.label}), meta);
  }
  var byId = {};
  data.recommendations.forEach(function (rec) { byId[rec.id] = rec; });
  document.querySelectorAll(".show-more").forEach(function (button) {
    button.addEventListener("click", function () {
      var list = button.previousElementSibling;
      var rest = byId[button.closest("[data-rec]").dataset.rec].events.slice(list.children.length);
      var items = document.createDocumentFragment();
      rest.forEach(function (event) { items.append(eventItem(event)); });
      list.append(items);
      button.remove();
    });
  });
  function restore() {
    var since = KG.address.read().get("since");
    input.value = /^\d{4}-\d\d-\d\d$/.test(since || "") ? since : data.since;
    update(input.value);
    var rec = KG.itemId(KG.address.read().get("item"));  // ?item=recommendation/22a: its card
    var card = rec && document.querySelector('[data-rec="' + CSS.escape(rec) + '"]');
    if (card) {
      card.setAttribute("tabindex", "-1");
      card.scrollIntoView();
      card.focus({preventScroll: true});
    }
  }
  window.addEventListener("popstate", restore);
  restore();
  KG.view = {update: update, flagged: flagged};
})();
