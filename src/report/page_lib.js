// Helpers shared by the report's page scripts (explorer.js, index_explorer.js), placed
// before each: SVG elements in the namespace of a drawing the page holds, and the filling
// of the prose templates the pages embed. Plain ES2015, no dependencies, no network.
var multivectorPage = (function () {
  "use strict";
  // An element `name` of `namespace` with `attributes` and, if given, its text.
  function node(namespace, name, attributes, text) {
    var el = document.createElementNS(namespace, name);
    Object.keys(attributes).forEach(function (a) { el.setAttribute(a, attributes[a]); });
    if (text !== undefined) { el.textContent = text; }
    return el;
  }
  // A template of the report's prose with its {name}s filled in one pass.
  function fill(template, values) {
    return template.replace(/\{([a-z_0-9]+)\}/g, function (whole, name) { return name in values ? String(values[name]) : whole; });
  }
  // The SVG namespace, as the HTML parser gives it (no URL in the script).
  function svgNamespace() {
    var probe = document.createElement("div");
    probe.innerHTML = "<svg></svg>";
    return probe.firstChild.namespaceURI;
  }
  // Shows the parts of `root` that only work with the script (marked hidden for readers
  // without it).
  function reveal(root) {
    root.querySelectorAll(".mv-live").forEach(function (el) { el.hidden = false; });
  }
  // The explorer `rootId` with its data (the JSON in `dataId`), its controls shown; null
  // when the page has no such explorer.
  function open(rootId, dataId) {
    var root = document.getElementById(rootId), source = document.getElementById(dataId);
    if (!root || !source) { return null; }
    reveal(root);
    return { root: root, data: JSON.parse(source.textContent) };
  }
  return { node: node, fill: fill, svgNamespace: svgNamespace, open: open };
}());
