/* The one start-up the site's page scripts share (MIT). A script registers its module by name,
     (window.bondModules = window.bondModules || []).push(["checklist", start]);
   and each element that declares the name, <section data-module="checklist">, is started once:
   when the page has loaded, when the script arrives later, and after Material's instant
   navigation brings in new content. start(element, tools) gets tools.copy(text), the site's
   one clipboard helper: a promise of true (copied) or false. Without JavaScript, or in a
   browser too old for this, nothing starts and every element keeps its no-script content. */
(function () {
  "use strict";
  if (window.bondModules && !Array.isArray(window.bondModules)) return;  // already running
  if (!window.Promise || !document.querySelectorAll || !window.Element ||
      !Element.prototype.closest) return;
  var modules = {};
  var waiting = window.bondModules || [];
  var tools = {
    copy: function (text) {
      try {
        return navigator.clipboard.writeText(text).then(
          function () { return true; }, function () { return false; });
      } catch (error) {  // no clipboard here (an old browser, a page that is not https)
        return Promise.resolve(false);
      }
    }
  };

  function start(name) {
    document.querySelectorAll("[data-module~='" + name + "']").forEach(function (element) {
      var started = (element.getAttribute("data-module-started") || "").split(" ");
      if (started.indexOf(name) > -1) return;
      element.setAttribute("data-module-started", started.concat(name).join(" ").trim());
      modules[name](element, tools);
    });
  }

  function startEverything() {
    Object.keys(modules).forEach(start);
  }

  function define(entry) {
    modules[entry[0]] = entry[1];
    if (document.readyState !== "loading") start(entry[0]);
  }

  window.bondModules = { push: define };
  waiting.forEach(define);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", startEverything);
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(startEverything);
  }
})();
