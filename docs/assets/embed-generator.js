/* The snippet generator on the clinics page (overrides/partials/embed-generator.html). The
   page list and the code pattern are in the page, rendered by the build; this script only
   fills the pattern for the chosen page and copies the result. Without it, the page shows a
   ready example. */
(function () {
  "use strict";
  // Runs again after Material's instant navigation; roots are set up once each.
  var state = window.bondEmbedGenerator || (window.bondEmbedGenerator = {});
  var ENTITIES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#x27;" };

  function escape(text) {  // the same as Python's html.escape, which made the example
    return String(text).replace(/[&<>"']/g, function (c) { return ENTITIES[c]; });
  }

  function fill(template, values) {
    return template.replace(/\{(url|title|script)\}/g, function (whole, name) {
      return escape(values[name]);
    });
  }

  function setup(root) {
    if (root.hasAttribute("data-embed-ready")) return;
    root.setAttribute("data-embed-ready", "");
    var select = root.querySelector("[data-embed-page]");
    var code = root.querySelector("[data-embed-code]");
    var status = root.querySelector("[data-embed-status]");

    function update() {
      var option = select.options[select.selectedIndex];
      code.textContent = fill(root.getAttribute("data-embed-template"), {
        url: option.value,
        title: option.getAttribute("data-title"),
        script: root.getAttribute("data-embed-script")
      });
      status.textContent = "";
    }

    select.addEventListener("change", update);
    root.querySelector("[data-embed-copy]").addEventListener("click", function () {
      var done = function (ok) {
        status.textContent = root.getAttribute(ok ? "data-copied" : "data-copy-failed");
      };
      status.textContent = "";
      try {
        navigator.clipboard.writeText(code.textContent).then(function () { done(true); },
          function () { done(false); });
      } catch (error) {
        done(false);
      }
    });
    root.querySelector("[data-embed-controls]").hidden = false;
    update();
  }

  function init() {
    document.querySelectorAll("[data-embed-generator]").forEach(setup);
  }

  if (state.subscribed) return;
  if (window.document$ && typeof window.document$.subscribe === "function") {
    state.subscribed = true;
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
