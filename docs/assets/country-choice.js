/* Crisis lines' country choice: moves the chosen region first, hides none (MIT).
   See overrides/partials/crisis-lines.html. */
(function () {
  "use strict";
  function enhance(root) {
    var choice = root.querySelector("[data-crisis-choice]");
    var select = choice && choice.querySelector("select");
    var sections = [].slice.call(root.querySelectorAll(":scope > [data-region]"));
    if (!select || sections.length < 2) return;
    var codes = sections.map(function (s) { return s.getAttribute("data-region"); });
    var after = sections[sections.length - 1].nextSibling;
    function show(code) {
      var first = sections[codes.indexOf(code)];
      if (!first) return;
      [first].concat(sections.filter(function (s) { return s !== first; }))
        .forEach(function (s) { root.insertBefore(s, after); });
      select.value = code;
    }
    // The first region named in the browser's languages (es-MX: MX), unless a clinic fixed it.
    if (!root.hasAttribute("data-crisis-fixed")) {
      (navigator.languages || [navigator.language || ""]).some(function (tag) {
        var region = (String(tag).split(/[-_]/)[1] || "");
        return /^[A-Za-z]{2}$/.test(region) && codes.indexOf(region.toUpperCase()) > -1 &&
          (show(region.toUpperCase()), true);
      });
    }
    select.addEventListener("change", function () { show(select.value); });
    choice.hidden = false;
  }
  [].forEach.call(document.querySelectorAll("[data-crisis-lines]"), enhance);
})();
