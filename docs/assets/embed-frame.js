/* Inside an embed page (overrides/embed.html), which loads no Material JavaScript:
   1. follow the reader's light or dark system setting with Material's own palette attribute;
   2. when framed, tell the framing page how tall the content is, whenever that changes, so
      embed.js there can fit the iframe. The height is not secret, so any parent may read it.
      The first height goes when the page has loaded (its scripts have run): never the height
      of a half-built page, which would make the frame jump and make the messages a framing
      page sees differ from one load to the next. A ping that comes sooner is answered then. */
(function () {
  "use strict";
  var html = document.documentElement;
  var dark = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
  function scheme() {
    html.setAttribute("data-md-color-scheme", dark && dark.matches ? "slate" : "default");
  }
  scheme();
  if (dark && dark.addEventListener) dark.addEventListener("change", scheme);

  if (window.parent === window) return;
  var last = -1;
  function report() {
    var main = document.querySelector("[data-embed-root]");
    if (!main) return;
    var height = Math.ceil(main.getBoundingClientRect().bottom + window.pageYOffset);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ type: "bond-embed:height", height: height }, "*");
  }
  window.addEventListener("message", function (event) {
    var data = event.data;
    if (document.readyState === "complete" && event.source === window.parent && data &&
        data.type === "bond-embed:ping") {
      last = -1;
      report();
    }
  });
  function start() {
    report();
    if (typeof ResizeObserver === "function") {
      new ResizeObserver(report).observe(document.querySelector("[data-embed-root]"));
    } else {
      window.addEventListener("resize", report);
    }
  }
  if (document.readyState === "complete") start();
  else window.addEventListener("load", start);
})();
