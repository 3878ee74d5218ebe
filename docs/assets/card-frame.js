/* The compact card (overrides/card.html) inside an oEmbed host's frame, with WordPress's
   protocol: the host adds "#?secret=<10 letters or digits>" to our address, sandboxes the frame
   (scripts only: no same-origin, no pop-ups, no top navigation) and shows it once we post
   {message: "height", value, secret}; it answers {message: "ready", secret} to ask again. The
   height is the card's content, posted again when the frame's width changes: the card holds no
   answers, so it tells the host nothing about the reader.
   A click on a link posts {message: "link", value: <absolute address>, secret}, and the host
   opens it (WordPress does so for our own host only). Without a secret (a plain iframe, or no
   frame) the links work as they are. No storage or cookies: a sandboxed frame may not use them. */
(function () {
  "use strict";
  if (window.parent === window) return;
  var root = document.querySelector("[data-card-root]");
  var secret = "", posted = -1;

  function send(message, value) {
    if (secret) window.parent.postMessage({ message: message, value: value, secret: secret }, "*");
  }
  function height() {
    return Math.ceil(root.getBoundingClientRect().height);
  }
  function postHeight(again) {
    var now = height();
    if (now === posted && !again) return;
    posted = now;
    send("height", now);
  }
  function readSecret() {
    var found = /[#&?]secret=([A-Za-z0-9]{10})(?![A-Za-z0-9])/.exec(window.location.hash);
    if (found && found[1] !== secret) {
      secret = found[1];
      postHeight(true);
    }
  }

  window.addEventListener("message", function (event) {
    var data = event.data;
    if (event.source !== window.parent || !data || typeof data !== "object") return;
    if (secret && data.secret === secret && data.message === "ready") postHeight(true);
  });
  window.addEventListener("hashchange", readSecret);  // a host may add the secret after loading
  document.addEventListener("click", function (event) {
    if (!secret || event.button !== 0 || event.altKey || event.ctrlKey || event.metaKey ||
        event.shiftKey) return;
    var link = event.target && event.target.closest ? event.target.closest("a[href]") : null;
    if (!link) return;
    event.preventDefault();
    send("link", link.href);
  });
  // A new width (the host's column, a phone turned) can change the height: post it again.
  if (typeof ResizeObserver === "function") {
    new ResizeObserver(function () { postHeight(false); }).observe(root);
  } else {
    window.addEventListener("resize", function () { postHeight(false); });
  }
  readSecret();
})();
