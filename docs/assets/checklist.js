/* Live results for the self-check checklists (overrides/partials/checklist.html).
   Every word shown comes from the page (the definition's data attribute or its rendered guidance);
   text is set with textContent and nodes are cloned, never parsed from strings. Nothing is
   sent or stored: no requests, cookies or storage. score() follows the reference scorer,
   hooks/bondsite/checklists/score.py, rule for rule; the tests check both on the same answers.
   In an embed twin, the crisis panel, the result and the session summary sit in a box of a
   fixed height that scrolls inside (embed.css), so the height the twin reports to the
   framing page never depends on the answers.
   The session summary (partials/session-summary.html) follows rule 7 of score.py. Its note and
   ticks, like the answers, are cleared when the page is left (pagehide), so neither the back
   button nor the browser's cache brings them back.
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

  var LEVELS = ["high", "middle", "low"];  // rule 7, best first

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
      band: null, weakest: null, also: [], notes: [], flagged: flagged, groups: groups };
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

  function serious(item) { return item.s; }

  // Rule 7: the session summary, for a result with a band (so never with the safety Yes).
  function summarise(d, answers, r) {
    if (!d.summary || !r.band) return null;
    var worst = r.flagged.some(serious);
    return {
      serious: worst,
      levels: r.groups.map(function (g, i) {
        var above = g[0] - g[1], span = g[2] - g[1];
        var rank = above * 4 >= 3 * span ? 0 : above * 2 < span ? 2 : 1;
        r.flagged.forEach(function (item) {
          if (item.g === i) rank = Math.max(rank, item.s ? 2 : 1);
        });
        return LEVELS[rank];
      }),
      flagged: r.groups.map(function (g, i) {
        return r.flagged.some(function (item) { return item.g === i; });
      }),
      lowest: d.items.map(function (item, i) {
        var v = answers[item.id];
        return [item.r ? d.lo + d.hi - v : v, i, item];
      }).filter(function (x) { return x[0] < d.hi; }).sort(function (x, y) {
        return x[0] - y[0] || x[1] - y[1];
      }).slice(0, 3).map(function (x) { return x[2]; }),
      notes: r.notes.filter(serious).concat(r.notes.filter(function (i) { return !i.s; })),
      named: worst || !r.weakest ? [] : [r.weakest].concat(r.also)
    };
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
      var node = (guidance || root).querySelector(selector);
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
        var worst = r.notes.filter(serious);
        var note = function (item) { shown.push(copyOf("[data-flag-note='" + item.id + "']")); };
        said.push(fill(t.result_status, { band: r.band.title }));
        if (r.weakest) said.push(fill(t.weakest_status, { group: r.weakest.title }));
        if (r.also.length) said.push(fill(t.weakest_also, { groups: titles(r.also) }));
        worst.forEach(note);
        shown.push(copyOf("[data-band='" + r.band.id + "']"));
        if (r.weakest && !worst.length) {
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

    // The session summary: moved into the outcome box, shown when the reader asks for it.
    var summary = one("[data-session-summary]"), opener = one("[data-summary-open]");
    var current = null, html = document.documentElement;
    var inSummary = function (selector) { return summary.querySelector(selector); };
    if (summary) {
      outcome.appendChild(summary);
      summary.hidden = true;
      inSummary("[data-summary-actions]").hidden = false;
    }

    function answerLine(item) {
      var checked = item.querySelector("input:checked");
      return fill(t.answer_line, {
        statement: item.querySelector("legend").textContent.trim(),
        answer: checked ? checked.parentNode.textContent.trim() : t.not_answered
      });
    }

    // What print and copy leave out: unticked phrases, and the note while it is empty.
    function markEmpty() {
      var any = false, note = inSummary("textarea"), text = inSummary("[data-summary-note-text]");
      summary.querySelectorAll("[data-summary-phrase]").forEach(function (label) {
        var on = !label.hidden && label.querySelector("input").checked;
        label.toggleAttribute("data-empty", !on);
        any = any || on;
      });
      inSummary("[data-summary-phrases]").toggleAttribute("data-empty", !any);
      text.textContent = note.value.trim();
      inSummary("[data-summary-note]").toggleAttribute("data-empty", !text.textContent);
    }

    function fillSummary(s) {
      summary.setAttribute("data-filled", "");
      summary.querySelectorAll("[data-summary-intro]").forEach(function (p) {
        p.hidden = p.getAttribute("data-summary-intro") !== (s.serious ? "serious" : "filled");
      });
      d.groups.forEach(function (g, i) {
        var area = inSummary("[data-summary-area='" + g.id + "']");
        area.querySelectorAll("[data-level]").forEach(function (level) {
          level.hidden = level.getAttribute("data-level") !== s.levels[i];
        });
        area.querySelector("[data-summary-flagged]").hidden = !s.flagged[i];
      });
      var lines = s.lowest.map(function (item) {
        return answerLine(one("[data-item='" + item.id + "']"));
      });
      inSummary("[data-summary-lowest]").replaceChildren.apply(
        inSummary("[data-summary-lowest]"), (lines.length ? lines : [t.summary_none]).map(
          function (line) {
            var li = document.createElement("li");
            li.textContent = line;
            li.setAttribute("data-copy", "");
            return li;
          }));
      var notes = inSummary("[data-summary-notes-list]");
      notes.replaceChildren.apply(notes, s.notes.map(function (item) {
        return copyOf("[data-flag-note='" + item.id + "']");
      }));
      inSummary("[data-summary-notes]").hidden = !s.notes.length;
      var named = s.named.map(function (g) { return g.id; });
      summary.querySelectorAll("[data-summary-phrase]").forEach(function (label) {
        label.hidden = named.indexOf(label.getAttribute("data-summary-phrase")) < 0;
      });
      inSummary("[data-summary-phrases]").hidden = !named.length;
      inSummary("[data-summary-date]").textContent = new Date().toLocaleDateString(
        html.lang || undefined, { year: "numeric", month: "long", day: "numeric" });
      markEmpty();
    }

    function summaryText() {
      var lines = [];
      summary.querySelectorAll("[data-copy]").forEach(function (node) {
        if (node.closest("[hidden], [data-empty]")) return;
        var text = node.innerText.replace(/[ \t]+/g, " ").replace(/\s*\n\s*/g, "\n").trim();
        if (text) lines.push(text);
      });
      return lines.join("\n");
    }

    function update() {
      var a = answers(), r = score(d, a), v = view(r), wasSafety = crisis && !crisis.hidden;
      if (crisis) crisis.hidden = !r.safety;
      live.textContent = v.said.join(" ");
      detail.replaceChildren.apply(detail, v.shown.filter(Boolean));
      // In an embed twin the outcome box scrolls inside: help goes to its top when it opens.
      if (r.safety && !wasSafety && outcome) outcome.scrollTop = 0;
      if (!summary) return;
      // Rule 7: no summary while the safety answer is Yes, or before every answer is in.
      current = summarise(d, a, r);
      opener.hidden = !current;
      if (!current) summary.hidden = true;
      else if (!summary.hidden) fillSummary(current);
      opener.setAttribute("aria-expanded", String(!summary.hidden));
    }

    function answerText() {
      var lines = [one("h2").textContent.trim(), ""];
      root.querySelectorAll("[data-item]").forEach(function (item) {
        lines.push(answerLine(item));
      });
      lines.push("", live.textContent, detail.innerText.trim());
      return lines.join("\n");
    }

    function printed() { html.removeAttribute("data-print-summary"); }

    root.addEventListener("change", function (event) {
      if (!summary || !summary.contains(event.target)) update();
    });
    // Leaving the page clears every answer, tick and note (a page kept for the back button
    // would show them otherwise).
    window.addEventListener("pagehide", function () {
      root.querySelectorAll("input").forEach(function (input) { input.checked = false; });
      if (summary) inSummary("textarea").value = "";
      update();
    });
    window.addEventListener("afterprint", printed);
    if (summary) {
      summary.addEventListener("input", markEmpty);
      summary.addEventListener("change", markEmpty);
      opener.addEventListener("click", function () {
        if (!current) return;
        fillSummary(current);
        summary.hidden = false;
        opener.setAttribute("aria-expanded", "true");
        inSummary("h3").focus();
      });
      inSummary("[data-summary-print]").addEventListener("click", function () {
        html.setAttribute("data-print-summary", "");  // print only the summary (checklist.css)
        window.print();
      });
      inSummary("[data-summary-copy]").addEventListener("click", function () {
        var status = inSummary("[data-summary-copy-status]");
        status.textContent = "";
        tools.copy(summaryText()).then(function (ok) {
          status.textContent = ok ? t.summary_copied : t.copy_failed;
        });
      });
    }
    one("[data-checklist-print]").addEventListener("click", function () {
      printed();
      window.print();
    });
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
