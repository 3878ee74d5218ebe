/* The quick exit (overrides/partials/quick-exit.html), MIT. Selecting the link, or pressing
   Shift three times in a row, covers the page at once and replaces it in this tab with an
   everyday site; Back does not return to it (earlier pages stay in the history: the page on
   staying safe online says so). A Shift that is part of a key combination does not count, any
   other key starts again, and so do 5 seconds without a press. Nothing is stored or sent.
   assets/modules.js starts it once per page. */
(function () {
  "use strict";
  var PRESSES = 3, WAIT = 5000;

  function start(root) {
    var link = root.querySelector("[data-quick-exit-link]");
    var dots = root.querySelector("[data-quick-exit-dots]");
    var status = root.querySelector("[data-quick-exit-status]");
    if (!link) return;
    var count = 0, timer = null, overlay = null;

    function show(n) {
      count = n;
      dots.hidden = n === 0;
      [].forEach.call(dots.children, function (dot, i) {
        dot.className = i < n ? "quick-exit__dot--on" : "";
      });
      var left = PRESSES - n;
      status.textContent = n === 0 ? "" :
        (left === 1 ? status.getAttribute("data-progress-one") :
          status.getAttribute("data-progress").replace("{count}", String(left)));
    }

    function leave() {
      clearTimeout(timer);
      if (!overlay) {
        overlay = document.createElement("div");
        overlay.className = "quick-exit-overlay";
        document.body.appendChild(overlay);
      }
      overlay.hidden = false;
      status.textContent = status.getAttribute("data-active");
      document.title = "";
      window.location.replace(link.href);
    }

    link.addEventListener("click", function (event) {
      if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey ||
          event.altKey) return;  // a new tab or window, as the reader asked
      event.preventDefault();
      leave();
    });

    document.addEventListener("keydown", function (event) {
      var alone = event.key === "Shift" && !event.ctrlKey && !event.altKey && !event.metaKey;
      if (!alone || event.repeat) {
        if (!alone && count) show(0);
        return;
      }
      clearTimeout(timer);
      if (count + 1 >= PRESSES) {
        show(PRESSES);
        leave();
        return;
      }
      show(count + 1);
      timer = setTimeout(function () { show(0); }, WAIT);
    });

    // Coming back to this page from the browser's memory (bfcache): show it again.
    window.addEventListener("pageshow", function (event) {
      if (!event.persisted) return;
      if (overlay) overlay.hidden = true;
      show(0);
    });
  }

  (window.bondModules = window.bondModules || []).push(["quick-exit", start]);
})();
