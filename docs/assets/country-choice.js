/* Crisis lines' country choice: moves the chosen region first, hides none (MIT).
   See overrides/partials/crisis-lines.html. */
(function () {
  "use strict";

  function fromLanguages(codes) {
    var tags = navigator.languages || [navigator.language || ""];
    for (var i = 0; i < tags.length; i++) {
      var parts = String(tags[i]).split(/[-_]/);
      for (var j = 1; j < parts.length; j++) {
        var region = parts[j].toUpperCase();
        if (/^[A-Z]{2}$/.test(parts[j]) && codes.indexOf(region) !== -1) return region;
      }
    }
    return null;
  }

  function enhance(root) {
    var choice = root.querySelector("[data-crisis-choice]");
    var select = choice && choice.querySelector("select");
    if (!select || root.hasAttribute("data-crisis-enhanced")) return;
    root.setAttribute("data-crisis-enhanced", "");
    var sections = Array.prototype.slice.call(root.querySelectorAll(":scope > [data-region]"));
    if (sections.length < 2) return;
    var codes = sections.map(function (s) { return s.getAttribute("data-region"); });
    var after = sections[sections.length - 1].nextSibling;

    function show(code) {
      var first = sections[codes.indexOf(code)];
      if (!first) return;
      var order = [first].concat(sections.filter(function (s) { return s !== first; }));
      order.forEach(function (s) { root.insertBefore(s, after); });
      select.value = code;
    }

    if (!root.hasAttribute("data-crisis-fixed")) {
      var guess = fromLanguages(codes);
      if (guess) show(guess);
    }
    select.addEventListener("change", function () { show(select.value); });
    choice.hidden = false;
  }

  function start() {
    var roots = document.querySelectorAll("[data-crisis-lines]");
    for (var i = 0; i < roots.length; i++) enhance(roots[i]);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
