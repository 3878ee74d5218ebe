/* The snippet generator on the clinics page (overrides/partials/embed-generator.html). The
   page list and the code pattern are in the page, rendered by the build; this script only
   fills the pattern for the chosen page and copies the result. Without it, the page shows a
   ready example. assets/modules.js starts it once per generator. */
(function () {
  "use strict";
  var ENTITIES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#x27;" };

  function escape(text) {  // the same as Python's html.escape, which made the example
    return String(text).replace(/[&<>"']/g, function (c) { return ENTITIES[c]; });
  }

  function fill(template, values) {
    return template.replace(/\{(url|title|script)\}/g, function (whole, name) {
      return escape(values[name]);
    });
  }

  function setup(root, tools) {
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
      status.textContent = "";
      tools.copy(code.textContent).then(function (ok) {
        status.textContent = root.getAttribute(ok ? "data-copied" : "data-copy-failed");
      });
    });
    root.querySelector("[data-embed-controls]").hidden = false;
    update();
  }

  (window.bondModules = window.bondModules || []).push(["embed-generator", setup]);
})();
