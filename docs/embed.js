/*! embed.js for The Therapeutic Bond. MIT licence: https://opensource.org/license/mit
 *  Copyright (c) 2026 The Therapeutic Bond contributors.
 *
 *  Add it to your page after an iframe that shows one of our embed pages:
 *    <iframe src="https://<our site>/embed/<page>/" title="..."></iframe>
 *    <script src="https://<our site>/embed.js"></script>
 *  It sets each such iframe's height to fit its content, from the messages the embedded page
 *  posts ({type: "bond-embed:height", height: <pixels>}). It accepts a message only when it
 *  comes from our site's origin AND from the window of one of those iframes, and it only ever
 *  changes their height. No dependencies, no cookies, nothing sent anywhere. */
(function () {
  "use strict";
  var me = document.currentScript;
  if (!me || !me.src || typeof URL !== "function") return;
  var root = new URL(".", me.src);          // embed.js sits at the root of our site
  var origin = root.origin;
  var prefix = root.href + "embed/";        // our embed pages, in any language
  var MIN = 100, MAX = 50000;               // pixels: a sane range, whatever a message says
  var loaded = window.bondEmbedLoaded || (window.bondEmbedLoaded = {});
  if (loaded[prefix]) return;               // the script was added twice
  loaded[prefix] = true;

  function frames() {
    return Array.prototype.filter.call(document.getElementsByTagName("iframe"), function (f) {
      return typeof f.src === "string" && f.src.indexOf(prefix) === 0;
    });
  }

  window.addEventListener("message", function (event) {
    if (event.origin !== origin) return;
    var data = event.data;
    if (!data || typeof data !== "object" || data.type !== "bond-embed:height") return;
    var height = data.height;
    if (typeof height !== "number" || !isFinite(height)) return;
    var list = frames();
    for (var i = 0; i < list.length; i++) {
      if (list[i].contentWindow === event.source) {
        list[i].style.height = Math.round(Math.min(MAX, Math.max(MIN, height))) + "px";
        return;
      }
    }
  });

  // Frames that finished loading before this script ran have already posted: ask again. A
  // frame not loaded yet (a lazy one still on about:blank, which this page can read) posts by
  // itself once it loads, and a message sent to it now would only print a warning.
  frames().forEach(function (frame) {
    var win = frame.contentWindow;
    if (!win) return;
    try {
      if (win.location.href === "about:blank") return;  // not loaded yet
    } catch (crossOrigin) {
      // loaded from our site: its location is not this page's to read
    }
    win.postMessage({ type: "bond-embed:ping" }, origin);
  });
})();
