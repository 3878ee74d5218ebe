/* Crisis lines' country choice: moves the chosen region first, hides none (MIT).
   See overrides/partials/crisis-lines.html; assets/modules.js starts it once per list. */
(function () {
  "use strict";
  // The region a language tag names: "es-MX" and "es_MX" give MX, "es-419" gives 419 (Latin
  // America), "zh-Hant-TW" gives TW; "es" gives nothing.
  function regionOf(tag) {
    var parts = String(tag).split(/[-_]/).slice(1);
    for (var i = 0; i < parts.length; i++) {
      if (/^(?:[A-Za-z]{2}|[0-9]{3})$/.test(parts[i])) return parts[i].toUpperCase();
      if (parts[i].length !== 4) return "";  // not a script subtag: there is no region
    }
    return "";
  }

  function enhance(root) {
    var choice = root.querySelector("[data-crisis-choice]");
    var select = choice && choice.querySelector("select");
    var sections = [].slice.call(root.querySelectorAll(":scope > [data-region]"));
    if (!select || sections.length < 2) return;
    var codes = sections.map(function (s) { return s.getAttribute("data-region"); });
    var after = sections[sections.length - 1].nextSibling;
    // Put `chosen` first, in their own order, then the rest in theirs.
    function reorder(chosen) {
      chosen.concat(sections.filter(function (s) { return chosen.indexOf(s) < 0; }))
        .forEach(function (s) { root.insertBefore(s, after); });
      select.value = chosen[0].getAttribute("data-region");
    }
    function show(code) {
      var first = sections[codes.indexOf(code)];
      if (first) reorder([first]);
    }
    // Regions the browser's language tag points at: its own country, else every region that
    // covers it (an EU country without a region of its own, or 419 for Latin America).
    function pointedAt(region) {
      if (codes.indexOf(region) > -1) return [sections[codes.indexOf(region)]];
      return sections.filter(function (s) {
        return (s.getAttribute("data-covers") || "").split(" ").indexOf(region) > -1;
      });
    }
    if (!root.hasAttribute("data-crisis-fixed")) {  // a clinic's region stays first
      (navigator.languages || [navigator.language || ""]).some(function (tag) {
        var region = regionOf(tag), found = region ? pointedAt(region) : [];
        if (found.length) reorder(found);
        return found.length > 0;
      });
    }
    select.addEventListener("change", function () { show(select.value); });
    choice.hidden = false;
  }
  (window.bondModules = window.bondModules || []).push(["crisis-choice", enhance]);
})();
