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
