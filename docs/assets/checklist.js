/* Live results for the self-check checklists (overrides/partials/checklist.html).
   Every word shown comes from the page (the definition's data attribute or its rendered guidance);
   text is set with textContent and nodes are cloned, never parsed from strings. Nothing is
   sent or stored: no requests, cookies or storage. score() follows the reference scorer,
   hooks/bondsite/checklists/score.py, rule for rule; the tests check both on the same answers.
   In an embed twin, the crisis panel and the result sit in a box of a fixed height that
   scrolls inside (embed.css), so the height the twin reports to the framing page never
   depends on the answers.
   assets/modules.js starts it on each [data-module~="checklist"] element, once. */
(function () {
  "use strict";
  // Old browsers keep the page as it is without JavaScript (all guidance and help shown).
  var E = window.Element && Element.prototype;
  if (!E || !E.closest || !E.replaceChildren || !window.JSON || !document.querySelectorAll) return;

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, name) {
      return name in values ? String(values[name]) : whole;
    });
  }

  // Rule 4 of score.py: the band the total falls in, or the nearest one not ruled out
  // (distance to its nearer edge; a tie goes to the band listed first).
  function bandFor(d, total, ruledOut) {
    var best = null, bestDistance = 0;
    d.bands.forEach(function (b, i) {
      if (ruledOut[i]) return;
      var distance = Math.max(b.low - total, total - b.high, 0);
      if (best === null || distance < bestDistance) { best = b; bestDistance = distance; }
    });
    return best;
  }

  function score(d, answers) {
    var total = 0, answered = 0, groups = d.groups.map(function () { return [0, 0, 0]; });
    var flagged = [], ruledOut = {};
    d.items.forEach(function (item) {
      var g = groups[item.g], v = answers[item.id];
      g[1] += item.w * d.lo;
      g[2] += item.w * d.hi;
      if (v === undefined) return;
      var points = item.w * (item.r ? d.lo + d.hi - v : v);
      answered += 1;
      total += points;
      g[0] += points;
      if (item.f && item.f.indexOf(v) >= 0) {
        flagged.push(item);
        item.x.forEach(function (i) { ruledOut[i] = true; });
      }
    });
    var result = { safety: answers[d.safety] === 1, answered: answered, total: d.items.length,
      band: null, weakest: null, also: [], notes: [] };
    // Rules 1 and 2: safety first, then nothing until every statement is answered.
    if (result.safety || answered < d.items.length) return result;
    result.band = bandFor(d, total, ruledOut);
    result.notes = flagged.filter(function (item) { return item.n; });
    if (d.weakest) {
      var best = null, weakestIndex = -1;
      groups.forEach(function (g, i) {
        var above = g[0] - g[1], range = g[2] - g[1];
        // Same rule as Python: compare above/range by cross-multiplying; ties keep the first.
        if (best === null || above * best[1] < best[0] * range) {
          best = [above, range];
          weakestIndex = i;
        }
      });
      result.weakest = d.groups[weakestIndex];
      result.also = d.groups.filter(function (group, i) {
        return i !== weakestIndex && flagged.some(function (item) { return item.g === i; });
      });
    }
    return result;
  }

  // Started once per checklist by modules.js (the site's one start-up for page scripts).
  function setup(root, tools) {
    var data = root.getAttribute("data-checklist-data");
    if (!data) return;
    root.setAttribute("data-checklist-ready", "");
    var d = JSON.parse(data), t = d.text;
    var one = function (selector) { return root.querySelector(selector); };
    var crisis = one("[data-crisis]"), live = one("[data-checklist-live]");
    var detail = one("[data-checklist-detail]"), copyStatus = one("[data-checklist-copy-status]");
    var guidance = one("[data-checklist-guidance]");
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

    function titles(groups) {
      return groups.map(function (g) { return g.title; }).join(", ");
    }

    // What a result says (live announcement) and shows (clones of the guidance's blocks).
    function view(r) {
      var said = [], shown = [];
      if (r.safety) {
        // Rule 1: help first, and no band's words beside the crisis panel.
        said.push(t.crisis_notice, fill(t.result_status, { band: t.safety_title }));
        shown.push(copyOf("[data-safety-result]"));
      } else if (!r.band) {
        said.push(fill(t.progress, { answered: r.answered, total: r.total }));
        return { said: said, shown: shown };
      } else {
        // Rule 6: serious notes, the band, the advice to raise things with the therapist
        // (only when no serious flag shows), then the other notes.
        var serious = r.notes.filter(function (item) { return item.s; });
        var note = function (item) { shown.push(copyOf("[data-flag-note='" + item.id + "']")); };
        said.push(fill(t.result_status, { band: r.band.title }));
        if (r.weakest) said.push(fill(t.weakest_status, { group: r.weakest.title }));
        if (r.also.length) said.push(fill(t.weakest_also, { groups: titles(r.also) }));
        serious.forEach(note);
        shown.push(copyOf("[data-band='" + r.band.id + "']"));
        if (r.weakest && !serious.length) {
          [r.weakest].concat(r.also).forEach(function (g) {
            shown.push(copyOf("[data-weakest='" + g.id + "']"));
          });
          shown.push(copyOf("[data-weakest-note]"));
        }
        r.notes.filter(function (item) { return !item.s; }).forEach(note);
      }
      shown.push(copyOf("[data-not-diagnosis]"), copyOf("[data-clinic]"));
      return { said: said, shown: shown };
    }

    var result = one("[data-checklist-result]");
    var outcome = one("[data-checklist-outcome]");
    result.hidden = false;

    function update() {
      var r = score(d, answers()), v = view(r), wasSafety = crisis && !crisis.hidden;
      if (crisis) crisis.hidden = !r.safety;
      live.textContent = v.said.join(" ");
      detail.replaceChildren.apply(detail, v.shown.filter(Boolean));
      // In an embed twin the outcome box scrolls inside: help goes to its top when it opens.
      if (r.safety && !wasSafety && outcome) outcome.scrollTop = 0;
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
    one("[data-checklist-print]").addEventListener("click", function () { window.print(); });
    one("[data-checklist-copy]").addEventListener("click", function () {
      copyStatus.textContent = "";
      tools.copy(answerText()).then(function (ok) {
        copyStatus.textContent = ok ? t.copied : t.copy_failed;
      });
    });
    update();
  }

  (window.bondModules = window.bondModules || []).push(["checklist", setup]);
})();
