/* Live results for the self-check checklists (overrides/partials/checklist.html).
   Every word shown comes from the page (the definition's data attribute or its rendered guidance);
   text is set with textContent and nodes are cloned, never parsed from strings. Nothing is
   sent or stored: no requests, cookies or storage. Scoring mirrors score() in
   hooks/bondsite/checklists.py exactly; the tests check both on the same band edges. */
(function () {
  "use strict";
  // This file may run more than once (the page's script tag, one per checklist, instant
  // navigation); roots are set up once each, and Material's document$ is subscribed to once.
  var state = window.bondChecklists || (window.bondChecklists = {});

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, name) {
      return name in values ? String(values[name]) : whole;
    });
  }

  function score(d, answers) {
    var total = 0, answered = 0, groups = d.groups.map(function () { return [0, 0, 0]; });
    d.items.forEach(function (item) {
      var g = groups[item.g], v = answers[item.id];
      g[1] += item.w * d.lo;
      g[2] += item.w * d.hi;
      if (v === undefined) return;
      var points = item.w * (item.r ? d.lo + d.hi - v : v);
      answered += 1;
      total += points;
      g[0] += points;
    });
    var result = { safety: answers[d.safety] === 1, answered: answered, total: d.items.length,
      band: null, weakest: null };
    if (answered < d.items.length) return result;
    result.band = d.bands.filter(function (b) { return b.low <= total && total <= b.high; })[0];
    if (d.weakest) {
      var best = null;
      groups.forEach(function (g, i) {
        var above = g[0] - g[1], range = g[2] - g[1];
        // Same rule as Python: compare above/range by cross-multiplying; ties keep the first.
        if (best === null || above * best[1] < best[0] * range) {
          best = [above, range];
          result.weakest = d.groups[i];
        }
      });
    }
    return result;
  }

  function setup(root) {
    var data = root.getAttribute("data-checklist-data");
    if (root.hasAttribute("data-checklist-ready") || !data) return;
    root.setAttribute("data-checklist-ready", "");
    var d = JSON.parse(data), t = d.text;
    var one = function (selector) { return root.querySelector(selector); };
    var crisis = one("[data-crisis]"), live = one("[data-checklist-live]");
    var detail = one("[data-checklist-detail]"), copyStatus = one("[data-checklist-copy-status]");
    var guidance = one("[data-checklist-guidance]");
    one("[data-checklist-result]").hidden = false;
    if (guidance) guidance.open = false;

    function answers() {
      var found = {};
      root.querySelectorAll("input[type=radio]:checked").forEach(function (input) {
        found[input.closest("[data-item]").getAttribute("data-item")] = Number(input.value);
      });
      return found;
    }

    function copyOf(selector) {
      var node = one(selector);
      if (!node) return null;
      node = node.cloneNode(true);
      node.querySelectorAll("[data-when]").forEach(function (n) { n.remove(); });
      return node;
    }

    function update() {
      var r = score(d, answers()), said = [], shown = [];
      if (crisis) crisis.hidden = !r.safety;
      if (r.safety) said.push(t.crisis_notice);
      if (!r.band) {
        said.push(fill(t.progress, { answered: r.answered, total: r.total }));
      } else {
        said.push(fill(t.result_status, { band: r.band.title }));
        shown.push(copyOf("[data-band='" + r.band.id + "']"));
        if (r.weakest) {
          said.push(fill(t.weakest_status, { group: r.weakest.title }));
          shown.push(copyOf("[data-weakest='" + r.weakest.id + "']"), copyOf("[data-weakest-note]"));
        }
        shown.push(copyOf("[data-not-diagnosis]"), copyOf("[data-clinic]"));
      }
      live.textContent = said.join(" ");
      detail.replaceChildren.apply(detail, shown.filter(Boolean));
    }

    function answerText() {
      var lines = [one("h2").textContent.trim(), ""];
      root.querySelectorAll("[data-item]").forEach(function (item) {
        var checked = item.querySelector("input:checked");
        lines.push(fill(t.answer_line, {
          statement: item.querySelector("legend").textContent.trim(),
          answer: checked ? checked.parentNode.textContent.trim() : t.not_answered
        }));
      });
      lines.push("", live.textContent, detail.innerText.trim());
      return lines.join("\n");
    }

    root.addEventListener("change", update);
    root.addEventListener("submit", function (event) { event.preventDefault(); });
    one("[data-checklist-print]").addEventListener("click", function () { window.print(); });
    one("[data-checklist-copy]").addEventListener("click", function () {
      var done = function (ok) { copyStatus.textContent = ok ? t.copied : t.copy_failed; };
      copyStatus.textContent = "";
      try {
        navigator.clipboard.writeText(answerText()).then(function () { done(true); },
          function () { done(false); });
      } catch (error) {
        done(false);
      }
    });
    update();
  }

  function init() {
    document.querySelectorAll("[data-checklist]").forEach(setup);
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
