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
  input.addEventListener("change", function () { if (input.value) update(input.value); });
  input.addEventListener("input", function () { if (input.value) update(input.value); });
  document.querySelectorAll(".show-more").forEach(function (button) {
    button.addEventListener("click", function () {
      button.previousElementSibling.classList.add("expanded");
      button.remove();
    });
  });
  update(data.since);
  KG.view = {update: update, flagged: flagged};
})();
