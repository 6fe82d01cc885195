// The batch page's comparison explorer (see index_explorer.rs): subject toggles filter the
// comparison table and redraw the late-share and yearly charts; header buttons sort the
// table. Plain ES2015, no dependencies, no network.
(function () {
  "use strict";
  var page = multivectorPage.open("cmp-explorer", "cmp-data");
  if (!page) { return; }
  var root = page.root, data = page.data;
  var shown = data.subjects.map(function () { return true; });
  var channel = (root.querySelector("input[name=cmp-channel]:checked") || {}).value;
  var SVG = multivectorPage.svgNamespace();
  var SHAPES = ["circle", "square", "diamond", "triangle"];
  var DASHES = ["", "6 3", "2 3", "8 3 2 3", "12 4", "4 2 1 2", "1 2"];
  var table = document.querySelector("main table");

  function node(name, attributes, text) { return multivectorPage.node(SVG, name, attributes, text); }
  var fill = multivectorPage.fill;
  // The drawing's width in units: the holder's width (at least 640), so text keeps its size.
  function width(id) { return Math.max(640, Math.min(1400, Math.round(document.getElementById(id).clientWidth || 1000))); }
  function pct(x) { return Math.round(100 * x) + " %"; }
  function marker(shape, x, y) {
    var r = 4.5;
    if (shape === "square") { return node("rect", { x: x - r, y: y - r, width: 2 * r, height: 2 * r, fill: "#222" }); }
    if (shape === "diamond") { return node("path", { d: "M" + x + " " + (y - r - 1) + "l" + (r + 1) + " " + (r + 1) + "l" + (-r - 1) + " " + (r + 1) + "l" + (-r - 1) + " " + (-r - 1) + "Z", fill: "#222" }); }
    if (shape === "triangle") { return node("path", { d: "M" + x + " " + (y - r) + "l" + r + " " + 2 * r + "h" + (-2 * r) + "Z", fill: "#222" }); }
    return node("circle", { cx: x, cy: y, r: r, fill: "#222" });
  }
  function axis(svg, left, width, top, bottom, label) {
    for (var t = 0; t <= 4; t++) {
      var x = left + width * t / 4;
      svg.appendChild(node("line", { x1: x, x2: x, y1: top, y2: bottom, stroke: "#ddd" }));
      svg.appendChild(node("text", { x: x, y: bottom + 14, "font-size": 11, "text-anchor": "middle", fill: "#333" }, (25 * t) + " %"));
    }
    svg.appendChild(node("text", { x: left + width / 2, y: bottom + 30, "font-size": 12, "text-anchor": "middle", fill: "#222" }, label));
  }

  // Late-period focal share per selected subject and channel: a dot (one shape per
  // channel) and its 95 % interval; dashed: C5's threshold.
  function drawLate() {
    var rows = [], channels = [];
    data.subjects.forEach(function (s, k) {
      if (!shown[k]) { return; }
      s.channels.forEach(function (c) {
        if (channels.indexOf(c.channel) < 0) { channels.push(c.channel); }
        if (c.late && c.late.share !== null) { rows.push({ label: s.subject + " · " + c.channel + " " + c.late.start + "-" + c.late.end, c: c, s: s }); }
      });
    });
    var W = width("cmp-late"), L = Math.min(300, Math.round(0.3 * W)), PW = W - L - 20, RH = 18, TOP = 28, H = TOP + rows.length * RH + 44;
    var svg = node("svg", { viewBox: "0 0 " + W + " " + H, role: "img", "aria-label": "Late-period " + data.focal + " share with 95 % intervals for " + rows.length + " subject-channel rows" });
    svg.appendChild(node("text", { x: 4, y: 16, "font-size": 13, fill: "#222" }, fill(data.text.late_legend, { focal: data.focal, shapes: channels.map(function (c, i) { return c + " " + SHAPES[i % SHAPES.length]; }).join(", ") })));
    var x = function (v) { return L + PW * Math.max(0, Math.min(1, v)); };
    axis(svg, L, PW, TOP, TOP + rows.length * RH, data.focal + " share in the late period");
    rows.forEach(function (row, i) {
      var y = TOP + i * RH + RH / 2, late = row.c.late;
      svg.appendChild(node("text", { x: L - 8, y: y + 4, "font-size": 11, "text-anchor": "end", fill: "#222" }, row.label));
      if (late.low !== null && late.high !== null) { svg.appendChild(node("line", { x1: x(late.low), x2: x(late.high), y1: y, y2: y, stroke: "#0072b2", "stroke-width": 2 })); }
      svg.appendChild(marker(SHAPES[channels.indexOf(row.c.channel) % SHAPES.length], x(late.share), y));
      if (row.s.threshold !== null) { svg.appendChild(node("line", { x1: x(row.s.threshold), x2: x(row.s.threshold), y1: y - RH / 2, y2: y + RH / 2, stroke: "#b34700", "stroke-dasharray": "3 2" })); }
    });
    var holder = document.getElementById("cmp-late");
    holder.textContent = "";
    holder.appendChild(svg);
  }

  // The yearly focal share of the chosen channel: one line per selected subject, each with
  // its own dash pattern and its name at the line's end.
  function drawYearly() {
    var lines = [], first = Infinity, last = -Infinity;
    data.subjects.forEach(function (s, k) {
      if (!shown[k]) { return; }
      s.channels.forEach(function (c) {
        if (c.channel !== channel) { return; }
        // Years without a share stay gaps: the line breaks there.
        var points = c.yearly.filter(function (p) { return p[1] !== null; });
        points.forEach(function (p) { first = Math.min(first, p[0]); last = Math.max(last, p[0]); });
        if (points.length) { lines.push({ subject: s.subject, points: points, yearly: c.yearly, dash: DASHES[k % DASHES.length] }); }
      });
    });
    var W = width("cmp-yearly"), L = 60, PW = W - L - 160, TOP = 28, PH = 260, H = TOP + PH + 44;
    var svg = node("svg", { viewBox: "0 0 " + W + " " + H, role: "img", "aria-label": "Yearly " + data.focal + " share in " + channel + " for " + lines.length + " subjects" });
    svg.appendChild(node("text", { x: 4, y: 16, "font-size": 13, fill: "#222" }, fill(data.text.yearly_legend, { focal: data.focal, channel: channel })));
    if (!lines.length) { svg.appendChild(node("text", { x: L, y: TOP + 40, "font-size": 13, fill: "#222" }, data.text.yearly_empty)); }
    var span = Math.max(1, last - first);
    var x = function (year) { return L + PW * (year - first) / span; }, y = function (v) { return TOP + PH * (1 - v); };
    for (var t = 0; t <= 4; t++) {
      svg.appendChild(node("line", { x1: L, x2: L + PW, y1: y(t / 4), y2: y(t / 4), stroke: "#ddd" }));
      svg.appendChild(node("text", { x: L - 6, y: y(t / 4) + 4, "font-size": 11, "text-anchor": "end", fill: "#333" }, (25 * t) + " %"));
    }
    if (lines.length) {
      [first, Math.round((first + last) / 2), last].forEach(function (year) {
        svg.appendChild(node("text", { x: x(year), y: TOP + PH + 16, "font-size": 11, "text-anchor": "middle", fill: "#333" }, String(year)));
      });
    }
    lines.forEach(function (line) {
      var d = "", gap = true;
      line.yearly.forEach(function (p) {
        if (p[1] === null) { gap = true; return; }
        d += (gap ? "M" : "L") + x(p[0]).toFixed(1) + " " + y(p[1]).toFixed(1) + (gap ? "h0.01" : "");
        gap = false;
      });
      svg.appendChild(node("path", { d: d, fill: "none", stroke: "#222", "stroke-width": 1.6, "stroke-dasharray": line.dash }));
      line.end = line.points[line.points.length - 1];
      line.at = y(line.end[1]);
    });
    // Names in the right margin, 13 units apart at least, joined to their line's end.
    var labels = lines.slice().sort(function (a, b) { return a.at - b.at; });
    labels.forEach(function (line, i) { line.label = i ? Math.max(line.at, labels[i - 1].label + 13) : line.at; });
    for (var i = labels.length - 1; i >= 0; i--) {
      var limit = i === labels.length - 1 ? TOP + PH + 4 : labels[i + 1].label - 13;
      labels[i].label = Math.min(labels[i].label, limit);
    }
    labels.forEach(function (line) {
      svg.appendChild(node("line", { x1: x(line.end[0]), y1: line.at, x2: L + PW + 8, y2: line.label, stroke: "#999" }));
      svg.appendChild(node("text", { x: L + PW + 10, y: line.label + 4, "font-size": 11, fill: "#222" }, line.subject + " " + pct(line.end[1])));
    });
    var holder = document.getElementById("cmp-yearly");
    holder.textContent = "";
    holder.appendChild(svg);
  }

  // The table: rows of hidden subjects are hidden (the subject is the first cell).
  // The table's rows in page order belong to the subjects in turn, `rows` each (before
  // any sorting); a row keeps its subject's index when sorted.
  if (table) {
    var at = 0;
    data.subjects.forEach(function (s, k) {
      for (var r = 0; r < s.rows; r++, at++) { if (table.tBodies[0].rows[at]) { table.tBodies[0].rows[at].setAttribute("data-subject", k); } }
    });
  }
  function filterTable() {
    if (!table) { return; }
    Array.prototype.forEach.call(table.tBodies[0].rows, function (tr) {
      tr.hidden = shown[+tr.getAttribute("data-subject")] === false;
    });
  }

  // Sorting: numbers (the first number in a cell; "< 1 %" reads as 0.5, "> 99 %" as 99.5)
  // by value, other text alphabetically; a second press reverses.
  function key(text) {
    var m = text.match(/^([<>]) ?(\d+)/);
    if (m) { return m[1] === "<" ? +m[2] - 0.5 : +m[2] + 0.5; }
    m = text.match(/^-?\d+(\.\d+)?/);
    return m ? parseFloat(m[0]) : null;
  }
  function sortBy(column, button) {
    var th = button.parentNode, ascending = th.getAttribute("aria-sort") !== "ascending";
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) { cell.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = a.cells[column].textContent, y = b.cells[column].textContent, kx = key(x), ky = key(y);
      var c = kx !== null && ky !== null ? kx - ky : x.localeCompare(y);
      return ascending ? c : -c;
    });
    rows.forEach(function (tr) { body.appendChild(tr); });
  }
  if (table && table.tHead) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      button.innerHTML = th.innerHTML;
      button.setAttribute("aria-label", "sort by " + th.textContent);
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () { sortBy(column, button); });
    });
  }

  function update() {
    var count = shown.filter(Boolean).length;
    document.getElementById("cmp-status").textContent = fill(data.text.status, { shown: count, total: shown.length });
    filterTable();
    drawLate();
    drawYearly();
  }
  root.addEventListener("change", function (event) {
    var input = event.target;
    if (input.name === "cmp-channel") { channel = input.value; }
    else if (input.hasAttribute("data-subject")) { shown[+input.getAttribute("data-subject")] = input.checked; }
    update();
  });
  document.getElementById("cmp-all").addEventListener("click", function () {
    root.querySelectorAll("input[data-subject]").forEach(function (input) { input.checked = true; });
    shown = shown.map(function () { return true; });
    update();
  });
  update();
}());
