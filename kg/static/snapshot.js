/* A PNG of the timeline as it is seen: vis-timeline draws with HTML, not on a canvas, so its
   visible boxes (lanes, items, axis labels) are drawn again on a canvas from their positions,
   colours and texts. Only what is inside the chart's frame is drawn. */
(function () {
  "use strict";
  var KG = window.KG;

  function visible(r, frame) {
    return r.width > 0 && r.height > 0 && r.right > frame.left && r.left < frame.right &&
      r.bottom > frame.top && r.top < frame.bottom;
  }
  function paint(color) { return color && color !== "rgba(0, 0, 0, 0)" && color !== "transparent"; }

  /* container → a canvas of its visible part; boxes: selectors drawn as boxes, texts: as text */
  function snapshot(container, boxes, texts) {
    var frame = container.getBoundingClientRect(), ratio = window.devicePixelRatio || 1;
    var canvas = document.createElement("canvas");
    canvas.width = Math.round(frame.width * ratio); canvas.height = Math.round(frame.height * ratio);
    var ctx = canvas.getContext("2d");
    ctx.scale(ratio, ratio);
    ctx.fillStyle = "#ffffff"; ctx.fillRect(0, 0, frame.width, frame.height);
    ctx.save();
    ctx.beginPath(); ctx.rect(0, 0, frame.width, frame.height); ctx.clip();
    container.querySelectorAll(boxes).forEach(function (node) {
      var r = node.getBoundingClientRect(), s = getComputedStyle(node);
      if (!visible(r, frame)) return;
      var x = r.left - frame.left, y = r.top - frame.top;
      if (paint(s.backgroundColor)) { ctx.fillStyle = s.backgroundColor; ctx.fillRect(x, y, r.width, r.height); }
      var border = parseFloat(s.borderTopWidth);
      if (border && paint(s.borderTopColor)) {
        ctx.strokeStyle = s.borderTopColor; ctx.lineWidth = border;
        ctx.setLineDash(s.borderTopStyle === "dashed" ? [4, 3] : s.borderTopStyle === "dotted" ? [1, 2] : []);
        ctx.strokeRect(x + border / 2, y + border / 2, r.width - border, r.height - border);
      }
    });
    ctx.setLineDash([]);
    ctx.textBaseline = "middle";
    container.querySelectorAll(texts).forEach(function (node) {
      var r = node.getBoundingClientRect(), s = getComputedStyle(node);
      if (!visible(r, frame) || !node.textContent.trim()) return;
      ctx.fillStyle = s.color; ctx.font = s.fontWeight + " " + s.fontSize + " " + s.fontFamily;
      ctx.save();
      ctx.beginPath(); ctx.rect(r.left - frame.left, r.top - frame.top, r.width, r.height); ctx.clip();
      ctx.fillText(node.textContent.trim(), r.left - frame.left, r.top - frame.top + r.height / 2);
      ctx.restore();
    });
    ctx.restore();
    return canvas;
  }

  function download(canvas, name) {
    var link = KG.el("a", {href: canvas.toDataURL("image/png"), download: name});
    document.body.append(link); link.click(); link.remove();
  }

  KG.snapshot = snapshot;
  KG.download = download;
})();
