/* rangemap's map script: builds every layer, label, popup, tooltip and the
 * legend from one JSON payload, and runs the editor (move, add and remove
 * launch sites; rings and coverage recomputed exactly in the browser with
 * geographiclib; download the scenario as TOML) and the year control.
 *
 * Text from articles and scenario files is data: it only ever reaches the
 * page through textContent (or, where Leaflet takes an HTML string, through
 * esc()). Nothing here is a template. */
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
  function pct(f) { return f >= 0.9995 ? "100%" : (f > 0 && f < 0.001 ? "<0.1%" : (f * 100).toFixed(1) + "%"); }
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
  function quote(text) { return text ? el("q", null, text) : null; }
  function viridis(t) {
    var stops = [[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]];
    t = Math.max(0, Math.min(1, t)) * (stops.length - 1);
    var i = Math.min(Math.floor(t), stops.length - 2), f = t - i, a = stops[i], b = stops[i + 1];
    return "rgb(" + [0, 1, 2].map(function (k) { return Math.round(a[k] + (b[k] - a[k]) * f); }).join(",") + ")";
  }
  function colorbar(map) {
    var bar = L.control({position: "bottomright"});
    bar.onAdd = function () {
      var box = el("div", "rm-panel rm-colorbar"), ramp = el("div", "rm-ramp");
      ramp.style.background = "linear-gradient(to right," + [0, 0.25, 0.5, 0.75, 1].map(viridis).join(",") + ")";
      add(box, el("div", "rm-legend-title", "Heat map: share of the target in range"), ramp,
          add(el("div", "rm-ramp-labels"), el("span", null, "0%"), el("span", null, "50%"), el("span", null, "100%")));
      return box;
    };
    bar.addTo(map);
  }
  function hatch(layer, color, i) {
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

  /* ------------------------------------------------------------------ *
   * exact geodesic rings in the browser (the same scheme as geodesy.py):
   * points by the direct problem at adaptive azimuths; every straight
   * lon/lat edge is split until its midpoint and quarter points are within
   * 0.8 x tolerance of the range (checked with the inverse problem);
   * longitudes unwrapped round the site; a ring round a pole is closed
   * through it; a ring round both poles is the world less the far cap.
   * ------------------------------------------------------------------ */
  var G = null;
  function geod() {
    if (!G) G = window.geodesic.Geodesic.WGS84;
    return G;
  }
  function ringPoints(lat0, lon0, rangeKm, tolM) {
    var g = geod(), R = rangeKm * 1000, tol = 0.8 * (tolM || 100);
    var mask = window.geodesic.Geodesic.LATITUDE | window.geodesic.Geodesic.LONGITUDE | window.geodesic.Geodesic.LONG_UNROLL;
    function at(az) { var d = g.Direct(lat0, lon0, az, R, mask); return [d.lat2, d.lon2, az]; }
    function off(lat, lon) { return Math.abs(g.Inverse(lat0, lon0, lat, lon, window.geodesic.Geodesic.DISTANCE).s12 - R); }
    function near(x, y) { var d = x - y; while (d > 180) d -= 360; while (d < -180) d += 360; return y + d; }
    var n = Math.max(32, Math.min(4096, Math.ceil(2 * Math.PI / Math.sqrt(8 * tol / R)))), pts = [], i;
    for (i = 0; i < n; i++) pts.push(at(360 * i / n));
    for (var pass = 0; pass < 40; pass++) {
      var out = [], split = 0;
      for (i = 0; i < pts.length; i++) {
        var a = pts[i], b = i + 1 < pts.length ? pts[i + 1] : [pts[0][0], pts[0][1], 360];
        out.push(a);
        if (a[3] || b[3]) continue;  // an edge to an inserted pole point
        var blon = near(b[1], a[1]), bad = false;
        for (var q = 1; q <= 3 && !bad; q++) {
          var t = q / 4;
          if (off(a[0] + (b[0] - a[0]) * t, a[1] + (blon - a[1]) * t) > tol) bad = true;
        }
        if (!bad) continue;
        if (b[2] - a[2] > 1e-10) { out.push(at((a[2] + b[2]) / 2)); split++; }
        else if (Math.abs(a[0]) > 89 && Math.abs(b[0]) > 89) {
          // the ring passes through a pole: the longitude jumps there
          var pole = a[0] > 0 ? 90 : -90;
          out.push([pole, a[1], a[2], true], [pole, blon, b[2], true]);
        }
      }
      pts = out;
      if (!split) break;
    }
    // unwrap longitudes into one run round the site
    var lats = [], lons = [], prev = lon0;
    for (i = 0; i < pts.length; i++) {
      var lon = near(pts[i][1], prev);
      lats.push(pts[i][0]); lons.push(lon); prev = lon;
    }
    return {lats: lats, lons: lons};
  }
  function poleInside(lat0, lon0, rangeKm, north) {
    var s = geod().Inverse(lat0, lon0, north ? 90 : -90, lon0, window.geodesic.Geodesic.DISTANCE).s12;
    return s < rangeKm * 1000;
  }
  /* Leaflet latlngs for one ring (or an annulus): an array of rings. */
  function ringLatLngs(lat0, lon0, rangeKm, minKm) {
    var outer = closeRing(lat0, lon0, rangeKm);
    if (!minKm) return outer;
    var inner = closeRing(lat0, lon0, minKm);
    return outer.concat(inner);
  }
  function closeRing(lat0, lon0, rangeKm) {
    var p = ringPoints(lat0, lon0, rangeKm), ll = [], i;
    var north = poleInside(lat0, lon0, rangeKm, true), south = poleInside(lat0, lon0, rangeKm, false);
    for (i = 0; i < p.lats.length; i++) ll.push([p.lats[i], p.lons[i]]);
    if (north && south) {
      // the world less the far cap: an outer box, the ring as its hole
      var w = lon0 - 180, e = lon0 + 180;
      return [[[-90, w], [90, w], [90, e], [-90, e]], ll];
    }
    if (north || south) {
      // the run of longitudes has drifted by 360 degrees: close it through the pole
      var pole = north ? 90 : -90, first = ll[0], last = ll[ll.length - 1];
      var end = first[1] + (last[1] > first[1] ? 360 : -360);
      ll.push([first[0], end]);
      ll.push([pole, end]);
      ll.push([pole, first[1]]);
    }
    return [ll];
  }

  /* ------------------------------------------------------------------ *
   * coverage in the browser: a cos(latitude)-weighted sample of each
   * target and its cities; a point is in range when its geodesic distance
   * (exact, near the range) is below the range and above the minimum.
   * ------------------------------------------------------------------ */
  function unit(lat, lon) {
    var la = lat * Math.PI / 180, lo = lon * Math.PI / 180, c = Math.cos(la);
    return [c * Math.cos(lo), c * Math.sin(lo), Math.sin(la)];
  }
  var RE = 6371.0088;
  function withinFactory(lat0, lon0, maxKm, minKm) {
    var u = unit(lat0, lon0), g = geod(), DIST = window.geodesic.Geodesic.DISTANCE;
    function test(lim, lat, lon, v) {
      var dot = u[0] * v[0] + u[1] * v[1] + u[2] * v[2];
      var hi = Math.cos(Math.min(lim * 0.993 / RE, Math.PI)), lo = Math.cos(Math.min(lim * 1.007 / RE, Math.PI));
      if (dot > hi) return true;
      if (dot < lo) return false;
      return g.Inverse(lat0, lon0, lat, lon, DIST).s12 < lim * 1000;
    }
    return function (lat, lon, v) {
      return test(maxKm, lat, lon, v) && !(minKm && test(minKm, lat, lon, v));
    };
  }

  window.rangemapApp = function (map, data) {
    var overlays = {}, ed = data.editor || {}, api = {};
    window.rangemap = api;
    if (data.title) document.title = data.title;

    // ---------------------------------------------------------------- state
    var sites = data.sites.map(function (s, i) {
      return {name: s.name, lat: s.lat, lon: s.lon, quote: s.quote, place: s.place, editable: s.editable,
              area: s.area, systemNames: s.system_names || [], position: s.position, index: i, removed: false};
    });
    var edited = false, editMode = false, year = null;
    var samples = {}, cities = {};
    Object.keys(ed.samples || {}).forEach(function (iso) {
      samples[iso] = ed.samples[iso].map(function (p) { return {lat: p[1], lon: p[0], w: Math.cos(p[1] * Math.PI / 180), v: unit(p[1], p[0])}; });
    });
    Object.keys(ed.cities || {}).forEach(function (iso) {
      cities[iso] = ed.cities[iso].map(function (c) { return {lat: c[1], lon: c[0], pop: c[2], v: unit(c[1], c[0])}; });
    });
    function carries(site, sysIndex) {
      return !site.systemNames.length || site.systemNames.indexOf(data.systems[sysIndex].name) >= 0;
    }
    function inPlace(sysIndex) {
      var y = data.systems[sysIndex].year_value;
      return year === null || y === null || y === undefined || y <= year;
    }

    // targets
    var targets = L.featureGroup(), liveBox = null;
    data.targets.forEach(function (t) {
      L.geoJSON(t.geometry, {style: {color: "#444444", weight: 1.2, fillColor: "#fdd49e", fillOpacity: 0.45}})
        .bindTooltip(function () { return targetTip(t); }, {sticky: true}).addTo(targets);
    });
    targets.addTo(map);
    overlays[esc("Target countries")] = targets;
    function targetTip(t) {
      var tip = el("div", "rm-pop");
      add(tip, el("b", null, t.name), document.createTextNode(" (" + t.iso3 + ")"));
      if (edited) {
        liveCoverage().filter(function (c) { return c.target === t.iso3; }).forEach(function (c) {
          add(tip, el("br"), document.createTextNode(c.system + " from " + c.sites + " site(s): " + pct(c.fraction) +
            " covered, " + c.cities.toLocaleString("en-US") + " cities, " + c.population.toLocaleString("en-US") +
            " people (live)"));
        });
        return tip;
      }
      t.coverage.forEach(function (c) {
        add(tip, el("br"), document.createTextNode(c.system + " from " + c.site + ": " + c.pct + " covered" +
          (c.cities ? ", " + c.cities.toLocaleString("en-US") + " cities" : "")));
      });
      if (t.more) add(tip, el("br"), document.createTextNode("…"));
      return tip;
    }

    // rings, one layer per system; ring[siteIndex][sysIndex] = layer
    var groups = data.systems.map(function () { return L.featureGroup(); }), rings = {};
    function ringStyle(s) {
      var style = {color: s.color, weight: 2.2, fill: false};
      if (s.dash) style.dashArray = s.dash;
      return style;
    }
    function ringPopup(s, siteName, quoteText) {
      var pop = el("div", "rm-pop");
      add(pop, el("b", null, s.name + ", " + span(s) + " from " + siteName), el("br"),
          document.createTextNode((s.min_km ? "Geodesic range annulus" : "Geodesic range ring") +
                                  " (WGS84), boundary error < " + data.error_m + " m"));
      if (s.range_source) add(pop, el("br"), document.createTextNode("Range: " + s.range_source));
      if (quoteText) add(pop, el("br"), quote(quoteText));
      return pop;
    }
    function setRing(site, k, layer) {
      rings[site.index] = rings[site.index] || {};
      if (rings[site.index][k]) groups[k].removeLayer(rings[site.index][k]);
      rings[site.index][k] = layer;
      if (layer) groups[k].addLayer(layer);
    }
    data.rings.forEach(function (r) {
      var s = data.systems[r.system], label = s.name + ", " + span(s) + " from " + r.site;
      // the fill is the polygon; the stroke is the ring's true outline, so no
      // line is drawn along a cut at ±180° or round a pole
      var layer = L.featureGroup([
        L.geoJSON(r.geometry, {style: {stroke: false, fillColor: s.color, fillOpacity: 0.08}}),
        L.geoJSON(r.outline, {style: ringStyle(s)})
      ]);
      layer.bindTooltip(el("span", null, label), {sticky: true}).bindPopup(ringPopup(s, r.site, r.quote), {maxWidth: 360});
      if (r.label) {
        var tag = el("div", "rm-label", s.name + " · " + span(s));
        tag.style.color = s.color;
        layer.addLayer(L.marker(r.label, {icon: L.divIcon({html: tag, className: "", iconSize: [0, 0]}), interactive: false}));
      }
      setRing(sites[r.site_index], r.system, layer);
    });
    function browserRing(site, k) {
      var s = data.systems[k], label = s.name + ", " + span(s) + " from " + site.name;
      var style = ringStyle(s);
      style.fill = true; style.fillColor = s.color; style.fillOpacity = 0.08; style.className = "rm-ring";
      var poly = L.polygon(ringLatLngs(site.lat, site.lon, s.range_km, s.min_km), style);
      poly.bindTooltip(el("span", null, label), {sticky: true}).bindPopup(ringPopup(s, site.name, s.quote), {maxWidth: 360});
      return poly;
    }
    function redrawSite(site) {
      data.systems.forEach(function (s, k) {
        if (site.removed || !carries(site, k)) { setRing(site, k, null); return; }
        setRing(site, k, browserRing(site, k));
      });
    }
    groups.forEach(function (g, i) { g.addTo(map); overlays[esc(data.systems[i].label)] = g; });

    // sites
    var siteGroup = L.featureGroup(), markers = {};
    function sitePopup(site) {
      var pop = el("div", "rm-pop"), list = el("ul");
      var pos = site.editable ? (Math.abs(site.lat).toFixed(3) + "°" + (site.lat >= 0 ? "N" : "S") + ", " +
                                 Math.abs(site.lon).toFixed(3) + "°" + (site.lon >= 0 ? "E" : "W")) : site.position;
      add(pop, el("b", null, site.name), el("br"), document.createTextNode(pos));
      data.systems.forEach(function (s, k) { if (carries(site, k)) add(list, el("li", null, s.label)); });
      add(pop, list, quote(site.quote));
      if (editMode && site.editable) {
        var rm = el("button", "rm-remove", "Remove this site");
        rm.type = "button";
        rm.addEventListener("click", function () { removeSite(site); });
        add(pop, rm);
      }
      return pop;
    }
    function addMarker(site) {
      if (site.area) {
        L.geoJSON(site.area, {style: {color: "#111111", weight: 1.5, dashArray: "4 4", fill: false}, interactive: false})
          .addTo(siteGroup);
      }
      var m = L.marker([site.lat, site.lon], {
        icon: L.divIcon({className: "rm-site" + (site.editable ? "" : " rm-site-area"), iconSize: [14, 14]}),
        draggable: false, keyboard: false, title: ""});
      m.bindTooltip(el("span", null, site.name)).bindPopup(function () { return sitePopup(site); }, {maxWidth: 360});
      m.on("dragend", function () {
        var p = m.getLatLng();
        site.lat = Math.max(-90, Math.min(90, p.lat));
        site.lon = ((p.lng + 540) % 360) - 180;
        site.place = null;
        site.moved = true;
        edited = true;
        redrawSite(site);
        refreshLive();
      });
      m.addTo(siteGroup);
      markers[site.index] = m;
    }
    sites.forEach(addMarker);
    siteGroup.addTo(map);
    overlays[esc("Launch sites")] = siteGroup;
    // rings within 1,500 km of the antipodal distance are traced by geodesy.py
    // round the cut locus; the browser does not, so such sites stay put
    function tooLong(k) { return ed.max_edit_km && data.systems[k].range_km > ed.max_edit_km; }
    function movable(site) {
      return site.editable && !data.systems.some(function (s, k) { return carries(site, k) && tooLong(k); });
    }
    function removeSite(site) {
      site.removed = true;
      edited = true;
      map.closePopup();
      siteGroup.removeLayer(markers[site.index]);
      redrawSite(site);
      refreshLive();
    }
    function addSite(latlng) {
      var n = sites.length + 1, name = "Site " + n;
      while (sites.some(function (s) { return s.name === name && !s.removed; })) { n++; name = "Site " + n; }
      var site = {name: name, lat: latlng.lat, lon: ((latlng.lng + 540) % 360) - 180, quote: null, place: null,
                  editable: true, area: null, systemNames: [], index: sites.length, removed: false, moved: true};
      sites.push(site);
      edited = true;
      addMarker(site);
      markers[site.index].dragging.enable();
      redrawSite(site);
      refreshLive();
      return site;
    }

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
      hatch(layer, b.color, i);
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
      liveBox = el("div", "rm-live");
      add(box, liveBox);
      add(box, el("div", "rm-note", "Exact geodesic rings on the WGS84 ellipsoid (error < " + data.error_m + " m)."));
      if (data.source) add(box, el("div", "rm-note", "Source: " + data.source));
      (data.notes || []).forEach(function (n) { add(box, el("div", "rm-note", n)); });
      data.systems.forEach(function (s) {
        if (s.range_source) add(box, el("div", "rm-note", s.name + ": " + km(s.range_km) + ", " + s.range_source));
      });
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      return box;
    };
    legend.addTo(map);
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution(esc(data.attribution));

    // ------------------------------------------------------- live coverage
    // a territory site's reach is traced by rangemap, not here: the page
    // holds which sample points and cities it covers, as bit masks
    var masks = ed.territory_masks || {};
    function maskOf(site, k, iso, kind) {
      var m = ((masks[site.index] || {})[k] || {})[iso];
      if (!m) return null;
      if (!m["_" + kind]) {
        var raw = atob(m[kind]), a = new Uint8Array(raw.length);
        for (var i = 0; i < raw.length; i++) a[i] = raw.charCodeAt(i);
        m["_" + kind] = a;
      }
      return m["_" + kind];
    }
    function bit(mask, i) { return (mask[i >> 3] >> (7 - (i & 7))) & 1; }
    function liveCoverage() {
      var out = [];
      data.targets.forEach(function (t) {
        var pts = samples[t.iso3] || [], cs = cities[t.iso3] || [];
        data.systems.forEach(function (s, k) {
          if (!inPlace(k)) return;
          var carriers = sites.filter(function (x) { return !x.removed && carries(x, k); });
          var tests = carriers.filter(function (x) { return x.editable; })
            .map(function (x) { return withinFactory(x.lat, x.lon, s.range_km, s.min_km); });
          var areas = carriers.filter(function (x) { return !x.editable; });
          var pMasks = areas.map(function (x) { return maskOf(x, k, t.iso3, "p"); }).filter(Boolean);
          var cMasks = areas.map(function (x) { return maskOf(x, k, t.iso3, "c"); }).filter(Boolean);
          var wIn = 0, wAll = 0, nc = 0, pop = 0;
          pts.forEach(function (p, i) {
            wAll += p.w;
            if (pMasks.some(function (m) { return bit(m, i); }) ||
                tests.some(function (f) { return f(p.lat, p.lon, p.v); })) wIn += p.w;
          });
          cs.forEach(function (c, i) {
            if (cMasks.some(function (m) { return bit(m, i); }) ||
                tests.some(function (f) { return f(c.lat, c.lon, c.v); })) { nc++; pop += c.pop; }
          });
          out.push({system: s.name, target: t.iso3, name: t.name, sites: carriers.length,
                    fraction: wAll ? wIn / wAll : 0, cities: nc, population: pop});
        });
      });
      return out;
    }
    api.coverage = liveCoverage;
    function refreshLive() {
      if (!liveBox) return;
      liveBox.textContent = "";
      if (!edited && !editMode) return;
      add(liveBox, el("div", "rm-legend-title", "Coverage (live, from the sites on the map)"));
      liveCoverage().forEach(function (c) {
        add(liveBox, el("div", "rm-note", c.system + " → " + c.name + ": " + pct(c.fraction) + ", " +
                        c.cities.toLocaleString("en-US") + " cities, " + c.population.toLocaleString("en-US") + " people"));
      });
    }

    // ---------------------------------------------------------- the editor
    function tomlString(s) {
      return JSON.stringify(String(s)).replace(/\u007f/g, "\\u007f").replace(/[\u0080-\u009f]/g, function (c) {
        return "\\u" + ("0000" + c.charCodeAt(0).toString(16)).slice(-4);
      });
    }
    function num(x) { var s = (Math.round(x * 1e6) / 1e6).toString(); return s.indexOf(".") < 0 && s.indexOf("e") < 0 ? s + ".0" : s; }
    function siteToml(site) {
      // a site that was not moved keeps its table exactly as it was
      if (!site.moved && ed.site_tables && site.index < ed.site_tables.length) return ed.site_tables[site.index];
      var lines = ["", "[[sites]]", "name = " + tomlString(site.name)];
      lines.push("lat = " + num(site.lat), "lon = " + num(site.lon));
      if (site.place) lines.push("place = " + tomlString(site.place));
      if (site.systemNames.length) lines.push("systems = [" + site.systemNames.map(tomlString).join(", ") + "]");
      if (site.quote) lines.push("quote = " + tomlString(site.quote));
      return lines.join("\n") + "\n";
    }
    function scenarioToml() {
      return (ed.toml_head || "") + sites.filter(function (s) { return !s.removed; }).map(siteToml).join("") +
             (ed.toml_tail || "");
    }
    api.toml = scenarioToml;
    api.ring = function (lat, lon, rangeKm, minKm) { return ringLatLngs(lat, lon, rangeKm, minKm); };
    api.addSite = function (lat, lon) { return addSite(L.latLng(lat, lon)).name; };
    api.setYear = function (y) { setYear(y); };

    var editor = L.control({position: "topleft"});
    editor.onAdd = function () {
      var box = el("div", "rm-editor leaflet-bar"), toggle = el("button", "rm-edit-toggle", "Edit sites");
      var tools = el("div", "rm-edit-tools"), dl = el("button", "rm-download", "Download scenario");
      var longest = data.systems.some(function (s, k) { return tooLong(k); });
      var preview = el("pre", "rm-toml"), help = el("div", "rm-note",
        "Drag a site to move it; click the map to add one; remove one from its popup." +
        (longest ? " Sites carrying a range over " + km(ed.max_edit_km) + " cannot be moved here: edit the file." : ""));
      toggle.type = "button"; dl.type = "button";
      tools.style.display = "none";
      add(tools, help, dl, preview);
      add(box, toggle, tools);
      toggle.addEventListener("click", function () {
        editMode = !editMode;
        toggle.textContent = editMode ? "Done editing" : "Edit sites";
        tools.style.display = editMode ? "block" : "none";
        map.getContainer().classList.toggle("rm-editing", editMode);
        sites.forEach(function (s) {
          var m = markers[s.index];
          if (m && movable(s) && !s.removed && m.dragging) { if (editMode) m.dragging.enable(); else m.dragging.disable(); }
        });
        refreshLive();
      });
      dl.addEventListener("click", function () {
        var text = scenarioToml();
        preview.textContent = text;
        var blob = new Blob([text], {type: "application/toml"}), a = document.createElement("a");
        a.href = URL.createObjectURL(blob);
        a.download = "scenario.toml";
        document.body.appendChild(a);
        a.click();
        setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
      });
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      return box;
    };
    editor.addTo(map);
    map.on("click", function (e) { if (editMode) addSite(e.latlng); });

    // ------------------------------------------------------ the year control
    var years = ed.years || [];
    function setYear(y) {
      year = y;
      data.systems.forEach(function (s, k) {
        var show = inPlace(k);
        if (show && !map.hasLayer(groups[k])) groups[k].addTo(map);
        if (!show && map.hasLayer(groups[k])) map.removeLayer(groups[k]);
      });
      refreshLive();
    }
    if (years.length) {
      var yc = L.control({position: "bottomright"});
      yc.onAdd = function () {
        var box = el("div", "rm-panel rm-years"), label = el("div", "rm-legend-title"), input = el("input");
        var lo = years[0] - 1, hi = years[years.length - 1];
        input.type = "range"; input.min = String(lo); input.max = String(hi); input.step = "1"; input.value = String(hi);
        input.className = "rm-year";
        function show() {
          var y = Number(input.value);
          label.textContent = "In place by " + y + (y >= hi ? " (all)" : "");
          setYear(y >= hi ? null : y);
        }
        input.addEventListener("input", show);
        add(box, label, input, el("div", "rm-note", "Systems with no stated year are always shown."));
        label.textContent = "In place by " + hi + " (all)";
        L.DomEvent.disableClickPropagation(box);
        return box;
      };
      yc.addTo(map);
    }
  };

  /* the bundled borders, drawn under everything (not interactive) */
  window.rangemapBorders = function (map, data) {
    (data.offsets || [0]).forEach(function (dx) {
      L.geoJSON(data.geojson, {style: data.style, interactive: false, coordsToLatLng: function (c) {
        return L.latLng(c[1], c[0] + dx);
      }}).addTo(map);
    });
  };
})();
