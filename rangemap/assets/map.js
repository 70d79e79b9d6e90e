/* rangemap's map script: builds every layer, label, popup, tooltip and the
 * legend from one JSON payload. Text from articles and scenario files is
 * data: it only ever reaches the page through textContent (or, where Leaflet
 * takes an HTML string, through esc()). Nothing here is a template. */
(function () {
  "use strict";
  function esc(s) {
    return String(s == null ? "" : s).replace(/[&<>"']/g, function (c) {
      return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c];
    });
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = String(text);
    return e;
  }
  function add(parent) {
    for (var i = 1; i < arguments.length; i++) if (arguments[i] != null) parent.appendChild(arguments[i]);
    return parent;
  }
  function km(x) { return Math.round(x).toLocaleString("en-US") + " km"; }
  function span(s) { return (s.min_km ? Math.round(s.min_km).toLocaleString("en-US") + "–" : "") + km(s.range_km); }
  function swatch(kind, color, dash) {
    var ns = "http://www.w3.org/2000/svg", svg = document.createElementNS(ns, "svg"), shape;
    svg.setAttribute("width", "34"); svg.setAttribute("height", "12");
    if (kind === "line") {
      shape = document.createElementNS(ns, "line");
      shape.setAttribute("x1", "1"); shape.setAttribute("y1", "6"); shape.setAttribute("x2", "33"); shape.setAttribute("y2", "6");
      shape.setAttribute("stroke", color); shape.setAttribute("stroke-width", "3");
      if (dash) shape.setAttribute("stroke-dasharray", dash);
    } else if (kind === "rect") {
      shape = document.createElementNS(ns, "rect");
      shape.setAttribute("x", "2"); shape.setAttribute("y", "1"); shape.setAttribute("width", "30"); shape.setAttribute("height", "10");
      shape.setAttribute("fill", "#fdd49e"); shape.setAttribute("stroke", "#444");
    } else {
      shape = document.createElementNS(ns, "circle");
      shape.setAttribute("cx", "17"); shape.setAttribute("cy", "6"); shape.setAttribute("r", "4.5");
      shape.setAttribute("fill", "#fff"); shape.setAttribute("stroke", "#111"); shape.setAttribute("stroke-width", "2");
    }
    svg.appendChild(shape);
    return svg;
  }
  function quote(text) {
    if (!text) return null;
    return el("q", null, text);
  }

  function viridis(t) {
    var stops = [[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]];
    t = Math.max(0, Math.min(1, t)) * (stops.length - 1);
    var i = Math.min(Math.floor(t), stops.length - 2), f = t - i, a = stops[i], b = stops[i + 1];
    return "rgb(" + [0, 1, 2].map(function (k) { return Math.round(a[k] + (b[k] - a[k]) * f); }).join(",") + ")";
  }
  function colorbar(map) {
    var bar = L.control({position: "bottomright"});
    bar.onAdd = function () {
      var box = el("div", "rm-legend rm-colorbar"), ramp = el("div", "rm-ramp");
      ramp.style.background = "linear-gradient(to right," + [0, 0.25, 0.5, 0.75, 1].map(viridis).join(",") + ")";
      add(box, el("div", "rm-legend-title", "Heat map: share of the target in range"), ramp,
          add(el("div", "rm-ramp-labels"), el("span", null, "0%"), el("span", null, "50%"), el("span", null, "100%")));
      return box;
    };
    bar.addTo(map);
  }
  function hatch(map, layer, color, i) {
    // an SVG pattern of diagonal lines in the overlay's own <svg>
    layer.getLayers()[0].eachLayer(function (l) {
      var path = l.getElement && l.getElement();
      if (!path) return;
      var svg = path.ownerSVGElement, ns = "http://www.w3.org/2000/svg", id = "rm-hatch-" + i;
      if (!svg.querySelector("#" + id)) {
        var defs = svg.querySelector("defs") || svg.insertBefore(document.createElementNS(ns, "defs"), svg.firstChild);
        var pat = document.createElementNS(ns, "pattern"), line = document.createElementNS(ns, "line");
        pat.setAttribute("id", id); pat.setAttribute("patternUnits", "userSpaceOnUse");
        pat.setAttribute("width", "8"); pat.setAttribute("height", "8"); pat.setAttribute("patternTransform", "rotate(45)");
        line.setAttribute("x1", "0"); line.setAttribute("y1", "0"); line.setAttribute("x2", "0"); line.setAttribute("y2", "8");
        line.setAttribute("stroke", color); line.setAttribute("stroke-width", "3");
        pat.appendChild(line); defs.appendChild(pat);
      }
      path.setAttribute("fill", "url(#" + id + ")");
      path.setAttribute("fill-opacity", "0.6");
    });
  }

  window.rangemapApp = function (map, data) {
    var overlays = {};
    if (data.title) document.title = data.title;

    // targets
    var targets = L.featureGroup();
    data.targets.forEach(function (t) {
      var tip = el("div", "rm-pop");
      add(tip, el("b", null, t.name), document.createTextNode(" (" + t.iso3 + ")"));
      t.coverage.forEach(function (c) {
        add(tip, el("br"), document.createTextNode(c.system + " from " + c.site + ": " + c.pct + " covered" +
          (c.cities ? ", " + c.cities.toLocaleString("en-US") + " cities" : "")));
      });
      if (t.more) add(tip, el("br"), document.createTextNode("…"));
      L.geoJSON(t.geometry, {style: {color: "#444444", weight: 1.2, fillColor: "#fdd49e", fillOpacity: 0.45}})
        .bindTooltip(tip, {sticky: true}).addTo(targets);
    });
    targets.addTo(map);
    overlays[esc("Target countries")] = targets;

    // rings, one layer per system
    var groups = data.systems.map(function () { return L.featureGroup(); });
    data.rings.forEach(function (r) {
      var s = data.systems[r.system], style = {color: s.color, weight: 2.2, fill: false};
      if (s.dash) style.dashArray = s.dash;
      var label = s.name + ", " + span(s) + " from " + r.site;
      var pop = el("div", "rm-pop");
      add(pop, el("b", null, label), el("br"),
          document.createTextNode((s.min_km ? "Geodesic range annulus" : "Geodesic range ring") +
                                  " (WGS84), boundary error < " + data.error_m + " m"));
      if (s.range_source) add(pop, el("br"), document.createTextNode("Range: " + s.range_source));
      if (r.quote) add(pop, el("br"), quote(r.quote));
      // the fill is the polygon; the stroke is the ring's true outline, so no
      // line is drawn along a cut at ±180° or round a pole
      var ring = L.featureGroup([
        L.geoJSON(r.geometry, {style: {stroke: false, fillColor: s.color, fillOpacity: 0.08}}),
        L.geoJSON(r.outline, {style: style})
      ]);
      ring.bindTooltip(el("span", null, label), {sticky: true}).bindPopup(pop, {maxWidth: 360}).addTo(groups[r.system]);
      if (r.label) {
        var tag = el("div", "rm-label", s.name + " · " + span(s));
        tag.style.color = s.color;
        L.marker(r.label, {icon: L.divIcon({html: tag, className: "", iconSize: [0, 0]}), interactive: false})
          .addTo(groups[r.system]);
      }
    });
    groups.forEach(function (g, i) { g.addTo(map); overlays[esc(data.systems[i].label)] = g; });

    // sites
    var sites = L.featureGroup();
    data.sites.forEach(function (s) {
      if (s.area) {
        L.geoJSON(s.area, {style: {color: "#111111", weight: 1.5, dashArray: "4 4", fill: false}, interactive: false})
          .addTo(sites);
      }
      var pop = el("div", "rm-pop"), list = el("ul");
      add(pop, el("b", null, s.name), el("br"), document.createTextNode(s.position));
      s.systems.forEach(function (name) { add(list, el("li", null, name)); });
      add(pop, list, quote(s.quote));
      L.circleMarker([s.lat, s.lon], {radius: 6, color: "#111111", weight: 2, fill: true, fillColor: "#ffffff",
                                      fillOpacity: 1.0})
        .bindTooltip(el("span", null, s.name)).bindPopup(pop, {maxWidth: 360}).addTo(sites);
    });
    sites.addTo(map);
    overlays[esc("Launch sites")] = sites;

    // launch baskets: hatched, with their area in the tooltip
    (data.baskets || []).forEach(function (b, i) {
      var layer = L.featureGroup([
        L.geoJSON(b.geometry, {style: {stroke: false, fillColor: b.color, fillOpacity: 0.25}}),
        L.geoJSON(b.outline, {style: {color: b.color, weight: 1.5, fill: false}})
      ]);
      layer.bindTooltip(add(el("div", "rm-pop"), el("b", null, b.label), el("br"), document.createTextNode(b.text)),
                        {sticky: true});
      layer.addTo(map);
      overlays[esc(b.label)] = layer;
      hatch(map, layer, b.color, i);
    });

    // siting heat map: one layer per system and target, the first shown
    (data.heatmap || []).forEach(function (h, i) {
      var group = L.featureGroup(), half = h.spacing_km / 2 / 111.32;
      h.cells.forEach(function (c) {
        var dlon = half / Math.max(Math.cos(c[0] * Math.PI / 180), 0.05);
        L.rectangle([[c[0] - half, c[1] - dlon], [c[0] + half, c[1] + dlon]],
                    {stroke: false, fillColor: viridis(c[2]), fillOpacity: 0.75})
          .bindTooltip(h.system + " → " + h.target + ": " + (c[2] * 100).toFixed(1) + "% covered, " +
                       c[3].toLocaleString("en-US") + " people in range", {sticky: true})
          .addTo(group);
      });
      if (i === 0) group.addTo(map);
      overlays[esc("Heat map: " + h.system + " → " + h.target)] = group;
    });
    if ((data.heatmap || []).length) colorbar(map);

    L.control.layers(null, overlays, {collapsed: false, position: "topright"}).addTo(map);

    // title and legend
    if (data.title) map.getContainer().appendChild(el("div", "rm-title", data.title));
    var legend = L.control({position: "bottomleft"});
    legend.onAdd = function () {
      var box = el("div", "rm-legend");
      add(box, el("div", "rm-legend-title", "Range rings"));
      data.systems.forEach(function (s) {
        add(box, add(el("div", "rm-row"), swatch("line", s.color, s.dash),
                     el("span", null, s.name + " — " + span(s) + (s.year ? " · " + s.year : "") +
                                      (s.range_source ? " (catalogue)" : ""))));
      });
      add(box, add(el("div", "rm-row"), swatch("rect"), el("span", null, "Target countries")));
      add(box, add(el("div", "rm-row"), swatch("circle"), el("span", null, "Launch sites")));
      add(box, el("div", "rm-note", "Exact geodesic rings on the WGS84 ellipsoid (error < " + data.error_m + " m)."));
      if (data.source) add(box, el("div", "rm-note", "Source: " + data.source));
      (data.notes || []).forEach(function (n) { add(box, el("div", "rm-note", n)); });
      data.systems.forEach(function (s) {
        if (s.range_source) add(box, el("div", "rm-note", s.name + ": " + km(s.range_km) + ", " + s.range_source));
      });
      L.DomEvent.disableClickPropagation(box);
      return box;
    };
    legend.addTo(map);
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution(esc(data.attribution));
  };
})();
/* the bundled borders, drawn under everything (not interactive) */
window.rangemapBorders = function (map, data) {
  L.geoJSON(data.geojson, {style: data.style, interactive: false}).addTo(map);
};
