// The multiverse explorer of report.html (see explorer.rs): selects specifications by the
// values switched on, and redraws the summary line, the most influential choice and the
// specification curve with its choice matrix. Plain ES2015, no dependencies, no network.
(function () {
  "use strict";
  var page = multivectorPage.open("mv-explorer", "mv-data");
  if (!page) { return; }
  var root = page.root, data = page.data;
  var k = data.choices.length, n = data.p_t2.length, width = data.width;
  var codes = new Uint16Array(n * k);
  for (var i = 0; i < n * k; i++) { codes[i] = parseInt(data.codes.substr(i * width, width), 36); }
  var on = data.choices.map(function (c) { return c.values.map(function () { return true; }); });
  var order = "t2";
  var SVG = multivectorPage.svgNamespace();

  // A probability as the report writes it (Rust's "{:.0}" rounds half to even).
  function whole(x) {
    var f = Math.floor(x), d = x - f;
    return d > 0.5 ? f + 1 : d < 0.5 ? f : (f % 2 === 0 ? f : f + 1);
  }
  function percent(p) {
    if (p === null || isNaN(p)) { return "–"; }
    var r = whole(p * 100);
    return r === 0 ? "< 1 %" : r === 100 ? "> 99 %" : r + " %";
  }
  var fill = multivectorPage.fill;
  function median(sorted) {
    var m = sorted.length;
    return m % 2 === 1 ? sorted[(m - 1) / 2] : (sorted[m / 2 - 1] + sorted[m / 2]) / 2;
  }
  function ascending(a, b) { return a - b; }

  // The selected specifications: every value on; and which of them are judged.
  function selection() {
    var chosen = [];
    for (var s = 0; s < n; s++) {
      var keep = true;
      for (var d = 0; d < k && keep; d++) { keep = on[d][codes[s * k + d]]; }
      if (keep) { chosen.push(s); }
    }
    return chosen;
  }
  function isJudged(s) { return data.judged.charAt(s) === "1" && data.p_t1[s] !== null && data.p_t2[s] !== null; }

  function spread(values) {
    if (!values.length) { return "–"; }
    values.sort(ascending);
    return fill(data.text.spread, { median: percent(median(values)), min: percent(values[0]), max: percent(values[values.length - 1]) });
  }

  function summary(chosen, judged) {
    if (!chosen.length) { return data.text.none; }
    var line = fill(data.text.selected, { selected: chosen.length, total: n });
    if (judged.length < chosen.length) { line += fill(data.text.one_period, { count: chosen.length - judged.length }); }
    return line + fill(data.text.probabilities, {
      p_t2: spread(judged.map(function (s) { return data.p_t2[s]; })),
      p_t1: spread(judged.map(function (s) { return data.p_t1[s]; }))
    });
  }

  // Per choice with more than one value in the selection: the mean over groups of
  // specifications that differ only in that choice of max − min P(T2) (groups in the
  // order of their other values, as the report sums them).
  function effects(judged) {
    var best = null;
    for (var d = 0; d < k; d++) {
      var seen = {}, values = 0;
      judged.forEach(function (s) { var v = codes[s * k + d]; if (!seen[v]) { seen[v] = true; values++; } });
      if (values < 2) { continue; }
      var groups = new Map();
      judged.forEach(function (s) {
        var key = 0;
        for (var e = 0; e < k; e++) { key = key * data.choices[e].values.length + (e === d ? 0 : codes[s * k + e]); }
        var g = groups.get(key), p = data.p_t2[s];
        if (!g) { groups.set(key, [p, p]); } else { g[0] = Math.min(g[0], p); g[1] = Math.max(g[1], p); }
      });
      var keys = Array.from(groups.keys()).sort(ascending), sum = 0;
      keys.forEach(function (key) { var g = groups.get(key); sum += g[1] - g[0]; });
      var mean = sum / keys.length, name = data.choices[d].name;
      if (!best || mean > best.mean || (mean === best.mean && name < best.name)) { best = { name: name, mean: mean }; }
    }
    return best;
  }

  function effectLine(best) {
    return best ? fill(data.text.effect, { choice: best.name, points: whole(100 * best.mean) }) : data.text.fixed;
  }

  function node(name, attributes, text) { return multivectorPage.node(SVG, name, attributes, text); }

  // The curve: specifications sorted by the chosen probability, binned to pixel columns;
  // the ordering probability as a bar from the bin's smallest to largest value, the other
  // as a cross at the bin's median; below, per choice value, the share of the bin's
  // specifications that take it.
  function draw(judged, line) {
    // Drawn at the holder's width (at least 640 units), so that text keeps its size.
    var holder = document.getElementById("mv-curve");
    var W = Math.max(640, Math.min(1400, Math.round(holder.clientWidth || 1000)));
    var L = W < 900 ? 170 : 230, PW = W - L - 10, CH = 220, TOP = 34, RH = 13;
    var rows = 0;
    data.choices.forEach(function (c) { if (c.values.length > 1) { rows += 1 + c.values.length; } });
    var H = TOP + CH + 30 + rows * RH + 10;
    var first = order === "t2" ? data.p_t2 : data.p_t1, other = order === "t2" ? data.p_t1 : data.p_t2;
    var sorted = judged.slice().sort(function (a, b) { return first[a] - first[b] || other[a] - other[b] || a - b; });
    var svg = node("svg", { viewBox: "0 0 " + W + " " + H, role: "img", "aria-label": "Specification curve: " + line });
    var y = function (p) { return TOP + CH * (1 - p); };
    for (var t = 0; t <= 4; t++) {
      svg.appendChild(node("line", { x1: L, x2: L + PW, y1: y(t / 4), y2: y(t / 4), stroke: "#ddd" }));
      svg.appendChild(node("text", { x: L - 6, y: y(t / 4) + 4, "text-anchor": "end", "font-size": 12, fill: "#333" }, (25 * t) + " %"));
    }
    var names = order === "t2" ? ["P(T2)", "P(T1)"] : ["P(T1)", "P(T2)"];
    svg.appendChild(node("text", { x: L, y: 14, "font-size": 13, fill: "#222" },
      fill(data.text.legend, { first: names[0], second: names[1] })));
    var cols = Math.min(sorted.length, PW), bars = "", crosses = "", matrix = {};
    for (var c = 0; c < cols; c++) {
      var from = Math.floor(c * sorted.length / cols), to = Math.floor((c + 1) * sorted.length / cols);
      var x = L + c * PW / cols, w = Math.max(PW / cols, 1), mid = x + w / 2;
      var lo = first[sorted[from]], hi = first[sorted[to - 1]];
      bars += "M" + x.toFixed(1) + " " + (y(hi) - 1).toFixed(1) + "h" + w.toFixed(1) + "V" + (y(lo) + 1).toFixed(1) + "h" + (-w).toFixed(1) + "Z";
      var seconds = [];
      for (var s = from; s < to; s++) { seconds.push(other[sorted[s]]); }
      var cy = y(median(seconds.sort(ascending)));
      crosses += "M" + (mid - 3).toFixed(1) + " " + (cy - 3).toFixed(1) + "l6 6m0 -6l-6 6";
      var r = 0;
      data.choices.forEach(function (choice, d) {
        if (choice.values.length < 2) { return; }
        r++;
        choice.values.forEach(function (value, v) {
          var count = 0;
          for (var s2 = from; s2 < to; s2++) { if (codes[sorted[s2] * k + d] === v) { count++; } }
          var row = r + v, top = TOP + CH + 30 + row * RH, h = (RH - 3) * count / (to - from);
          if (count) { matrix[row] = (matrix[row] || "") + "M" + x.toFixed(1) + " " + (top - h).toFixed(1) + "h" + w.toFixed(1) + "v" + h.toFixed(1) + "h" + (-w).toFixed(1) + "Z"; }
        });
        r += choice.values.length;
      });
    }
    svg.appendChild(node("path", { d: bars, fill: "#0072b2" }));
    svg.appendChild(node("path", { d: crosses, stroke: "#b34700", "stroke-width": 1.2, fill: "none" }));
    var row = 0;
    data.choices.forEach(function (choice) {
      if (choice.values.length < 2) { return; }
      svg.appendChild(node("text", { x: 4, y: TOP + CH + 30 + row * RH - 2, "font-size": 12, "font-weight": "bold", fill: "#222" }, choice.name));
      row++;
      choice.values.forEach(function () {
        var top = TOP + CH + 30 + row * RH;
        svg.appendChild(node("line", { x1: L, x2: L + PW, y1: top + 0.5, y2: top + 0.5, stroke: "#ccc" }));
        if (matrix[row]) { svg.appendChild(node("path", { d: matrix[row], fill: "#444" })); }
        row++;
      });
    });
    row = 0;
    data.choices.forEach(function (choice) {
      if (choice.values.length < 2) { return; }
      row++;
      choice.values.forEach(function (value) {
        svg.appendChild(node("text", { x: 16, y: TOP + CH + 30 + row * RH - 2, "font-size": 11, fill: "#333" }, value));
        row++;
      });
    });
    holder.textContent = "";
    holder.appendChild(svg);
  }

  function update() {
    var chosen = selection(), judged = chosen.filter(isJudged);
    var line = summary(chosen, judged);
    document.getElementById("mv-summary").textContent = line;
    document.getElementById("mv-effect").textContent = effectLine(effects(judged));
    var off = [];
    data.choices.forEach(function (choice, d) {
      choice.values.forEach(function (value, v) { if (!on[d][v]) { off.push(choice.name + " = " + value); } });
    });
    document.getElementById("mv-off").textContent = off.length ? fill(data.text.off, { values: off.join("; ") }) : data.text.all_on;
    // Beside each value: the specifications it adds to the other choices' selection
    // (what switching it on gives, or keeps).
    var counts = data.choices.map(function (c) { return c.values.map(function () { return 0; }); });
    for (var s = 0; s < n; s++) {
      var failing = -1, fails = 0;
      for (var d = 0; d < k && fails < 2; d++) { if (!on[d][codes[s * k + d]]) { failing = d; fails++; } }
      if (fails === 0) { for (var e = 0; e < k; e++) { counts[e][codes[s * k + e]]++; } }
      else if (fails === 1) { counts[failing][codes[s * k + failing]]++; }
    }
    data.choices.forEach(function (choice, d) {
      choice.values.forEach(function (value, v) {
        var label = document.getElementById("mv-count-" + d + "-" + v);
        if (label) { label.textContent = "(" + counts[d][v] + ")"; }
      });
    });
    draw(judged, line);
  }

  root.addEventListener("change", function (event) {
    var input = event.target;
    if (input.name === "mv-order") { order = input.value; }
    else if (input.hasAttribute("data-choice")) { on[+input.getAttribute("data-choice")][+input.getAttribute("data-value")] = input.checked; }
    update();
  });
  document.getElementById("mv-all").addEventListener("click", function () {
    root.querySelectorAll("input[data-choice]").forEach(function (input) {
      input.checked = true;
      on[+input.getAttribute("data-choice")][+input.getAttribute("data-value")] = true;
    });
    update();
  });
  update();
}());
