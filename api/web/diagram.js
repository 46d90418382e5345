/* The ownership diagram: a small layered layout drawn as SVG, no library.
 *
 * Owners sit above their subjects (layer < 0), holdings and contracts below (layer > 0);
 * the order within a layer follows the average position of the neighbours in the layer
 * nearer the subject (barycentre), swept out from the subject. Shares label the edges;
 * trusts, unknown owners and circular-ownership groups have their own look; a node whose
 * other owners or holdings were not drawn carries an "and N more" pill that expands it.
 */
(function (global) {
  "use strict";

  const SVG = "http://www.w3.org/2000/svg";
  const W = 184, H = 48, GAP_X = 26, GAP_Y = 92, PAD = 36;
  const CONTRACTS = new Set(["hydrocarbon_contract", "mining_concession", "procurement_contract"]);
  const TRUST_ROLES = { settlor: "settlor", trustee: "trustee", protector: "protector",
    beneficiaryOfLegalArrangement: "beneficiary" };

  function el(name, attrs, parent) {
    const node = document.createElementNS(SVG, name);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    if (parent) parent.appendChild(node);
    return node;
  }

  function pct(value) {
    return (Math.round(value * 100) / 100).toString();
  }

  function shareLabel(edge) {
    if (edge.role === "trust") return TRUST_ROLES[edge.interest_type] || "trust role";
    if (edge.role === "control" || edge.role === "voting") return edge.role;
    if (edge.role === "nominee") return "nominee";
    const s = edge.share;
    if (!s) return edge.role === "holding" ? "holder" : edge.role === "participation" ? "member" : "? %";
    if (s.min === 0 && s.max === 100) return "? %";
    if (s.min === s.max) return pct(s.min) + " %";
    return pct(s.min) + "–" + pct(s.max) + " %";
  }

  function kindClass(kind) {
    return CONTRACTS.has(kind) ? "contract" : kind;
  }

  function subtitle(node) {
    if (node.kind === "unspecified") return "unknown owner" + (node.unspecified_reason ? ": " + node.unspecified_reason : "");
    if (node.kind === "trust") return "trust (fideicomiso)";
    const bits = [node.kind.replace(/_/g, " ")];
    if (node.politically_exposed) bits.push("PEP");
    if (node.cycle) bits.push("circular ownership");
    return bits.join(" · ");
  }

  function clip(text, n) {
    return text.length > n ? text.slice(0, n - 1) + "…" : text;
  }

  /** Positions: {id: {x, y}} for nodes {id, layer}, edges {source, target}. */
  function layout(nodes, edges) {
    const byId = new Map(nodes.map((n) => [n.id, n]));
    const layerOf = (id) => (byId.has(id) ? byId.get(id).layer : null);
    const layers = new Map();
    for (const n of nodes) {
      if (!layers.has(n.layer)) layers.set(n.layer, []);
      layers.get(n.layer).push(n);
    }
    const neighbours = new Map(nodes.map((n) => [n.id, []]));
    for (const e of edges) {
      if (neighbours.has(e.source) && neighbours.has(e.target)) {
        neighbours.get(e.source).push(e.target);
        neighbours.get(e.target).push(e.source);
      }
    }
    const index = new Map();
    const keys = [...layers.keys()].sort((a, b) => Math.abs(a) - Math.abs(b) || a - b);
    for (const layer of keys) {
      const row = layers.get(layer);
      const inner = layer === 0 ? null : layer - Math.sign(layer);
      const weight = (n) => {
        const xs = neighbours.get(n.id).filter((m) => index.has(m) && layerOf(m) === inner).map((m) => index.get(m));
        return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.MAX_SAFE_INTEGER;
      };
      const weights = new Map(row.map((n) => [n.id, weight(n)]));
      row.sort((a, b) => weights.get(a.id) - weights.get(b.id) || a.name.localeCompare(b.name));
      const width = row.length;
      row.forEach((n, i) => index.set(n.id, i - (width - 1) / 2));
    }
    const widest = Math.max(...[...layers.values()].map((r) => r.length));
    const top = Math.min(...layers.keys());
    const positions = {};
    for (const n of nodes) {
      positions[n.id] = {
        x: PAD + (index.get(n.id) + (widest - 1) / 2) * (W + GAP_X),
        y: PAD + 18 + (n.layer - top) * (H + GAP_Y),
      };
    }
    const bottom = Math.max(...layers.keys());
    return { positions, width: PAD * 2 + widest * (W + GAP_X), height: PAD * 2 + 36 + (bottom - top + 1) * (H + GAP_Y) - GAP_Y };
  }

  function drawNode(g, node, at, rootId) {
    const cls = ["node", kindClass(node.kind)];
    if (node.id === rootId) cls.push("root");
    if (node.cycle) cls.push("cycle");
    const group = el("g", { class: cls.join(" "), transform: `translate(${at.x},${at.y})`,
      "data-id": node.id, "data-kind": node.kind, "data-testid": "diagram-node" }, g);
    el("title", {}, group).textContent = node.name + " — " + subtitle(node);
    if (node.kind === "trust") {
      const c = 10;
      el("polygon", { points: `${c},0 ${W - c},0 ${W},${H / 2} ${W - c},${H} ${c},${H} 0,${H / 2}` }, group);
    } else {
      el("rect", { width: W, height: H, rx: node.kind === "person" ? 22 : 5 }, group);
    }
    el("text", { x: W / 2, y: 19, "text-anchor": "middle", "font-weight": node.id === rootId ? 700 : 500 }, group)
      .textContent = clip(node.name, node.id === rootId ? 24 : 28);
    el("text", { x: W / 2, y: 36, "text-anchor": "middle", class: "sub" }, group).textContent = clip(subtitle(node), 32);
    return group;
  }

  function drawMore(g, node, at, up, count, onExpand) {
    const label = `and ${count} more ${up ? "owner" : "holding"}${count === 1 ? "" : "s"}`;
    const y = up ? at.y - 26 : at.y + H + 8;
    const group = el("g", { class: "more", transform: `translate(${at.x + W / 2 - 62},${y})`,
      "data-testid": "diagram-more", "data-id": node.id }, g);
    el("rect", { width: 124, height: 18, rx: 9 }, group);
    el("text", { x: 62, y: 13, "text-anchor": "middle" }, group).textContent = label;
    group.addEventListener("click", (ev) => { ev.stopPropagation(); onExpand(node.id); });
  }

  function drawEdge(g, edge, from, to, sameLayer, nth) {
    const cls = ["edge", edge.role];
    if (!edge.active) cls.push("ended");
    if (edge.in_cycle) cls.push("cycle");
    const group = el("g", { class: cls.join(" "), "data-testid": "diagram-edge",
      "data-source": edge.source, "data-target": edge.target }, g);
    let d, lx, ly;
    if (edge.source === edge.target) {
      // A company holding its own shares: a loop on its right.
      const x = from.x + W, y = from.y + H / 2;
      d = `M${x},${y - 10} C${x + 46},${y - 34} ${x + 46},${y + 34} ${x},${y + 10}`;
      lx = x + 40; ly = y + 4;
    } else if (sameLayer) {
      const x1 = from.x + W / 2, x2 = to.x + W / 2, y = from.y;
      const lift = 40 + Math.abs(x2 - x1) / 8;
      d = `M${x1},${y} C${x1},${y - lift} ${x2},${y - lift} ${x2},${y}`;
      lx = (x1 + x2) / 2; ly = y - lift * 0.75;
    } else if (from.y < to.y) {
      const x1 = from.x + W / 2, y1 = from.y + H, x2 = to.x + W / 2, y2 = to.y;
      const m = (y1 + y2) / 2;
      d = `M${x1},${y1} C${x1},${m} ${x2},${m} ${x2},${y2}`;
      lx = (x1 + x2) / 2; ly = m + 4;
    } else {
      // Against the layers (a circle closing upward): around the side.
      const x1 = from.x + W, y1 = from.y + H / 2, x2 = to.x + W, y2 = to.y + H / 2;
      const side = Math.max(x1, x2) + 60;
      d = `M${x1},${y1} C${side},${y1} ${side},${y2} ${x2},${y2}`;
      lx = side - 14; ly = (y1 + y2) / 2;
    }
    // Parallel edges (a share and the votes that go with it): labels stacked, not on top.
    ly += nth * 13;
    el("path", { d, "marker-end": edge.in_cycle ? "url(#arrow-cycle)" : "url(#arrow)" }, group);
    el("text", { x: lx, y: ly, "text-anchor": "middle", "data-testid": "edge-label" }, group).textContent = shareLabel(edge);
  }

  /** Draw ``diagram`` ({root, nodes, edges}) into ``container``; ``onExpand(id)`` when a
   *  node or its "and N more" is clicked, ``onOpen(id)`` on a double click. */
  function render(container, diagram, onExpand, onOpen, scale) {
    container.textContent = "";
    const { positions, width, height } = layout(diagram.nodes, diagram.edges);
    const k = scale || 1;
    const svg = el("svg", { class: "diagram", width: width * k, height: height * k,
      viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": "Ownership diagram",
      "data-testid": "diagram" }, container);
    const defs = el("defs", {}, svg);
    for (const [id, colour] of [["arrow", "#8a96a3"], ["arrow-cycle", "#b42318"]]) {
      const m = el("marker", { id, viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 7,
        markerHeight: 7, orient: "auto-start-reverse" }, defs);
      el("path", { d: "M0,0 L10,5 L0,10 z", fill: colour }, m);
    }
    const edgesLayer = el("g", {}, svg);
    const nodesLayer = el("g", {}, svg);
    const layerOf = new Map(diagram.nodes.map((n) => [n.id, n.layer]));
    const seen = new Map();
    for (const e of diagram.edges) {
      const a = positions[e.source], b = positions[e.target];
      if (!a || !b) continue;
      const pair = e.source + "\u0000" + e.target;
      const nth = seen.get(pair) || 0;
      seen.set(pair, nth + 1);
      drawEdge(edgesLayer, e, a, b, layerOf.get(e.source) === layerOf.get(e.target), nth);
    }
    for (const n of diagram.nodes) {
      const at = positions[n.id];
      const g = drawNode(nodesLayer, n, at, diagram.root);
      g.addEventListener("click", () => onExpand(n.id));
      g.addEventListener("dblclick", () => onOpen(n.id));
      if (n.more_owners > 0) drawMore(nodesLayer, n, at, true, n.more_owners, onExpand);
      if (n.more_holdings > 0) drawMore(nodesLayer, n, at, false, n.more_holdings, onExpand);
    }
    return svg;
  }

  /** Add the diagram ``extra`` of node ``around`` (layers relative to it) into ``base``. */
  function merge(base, extra, around) {
    const anchor = base.nodes.find((n) => n.id === around);
    const shift = anchor ? anchor.layer : 0;
    const known = new Map(base.nodes.map((n) => [n.id, n]));
    const fresh = new Map(extra.nodes.map((n) => [n.id, n]));
    const nodes = base.nodes.map((n) => {
      const again = fresh.get(n.id);
      if (n.id === around && again) return { ...n, more_owners: again.more_owners, more_holdings: again.more_holdings };
      return n;
    });
    for (const n of extra.nodes) {
      if (!known.has(n.id)) nodes.push({ ...n, layer: n.layer + shift });
    }
    const edgeIds = new Set(base.edges.map((e) => e.id));
    const edges = base.edges.concat(extra.edges.filter((e) => !edgeIds.has(e.id)));
    return { ...base, nodes, edges };
  }

  global.OwnershipDiagram = { render, merge, layout, shareLabel };
})(window);
