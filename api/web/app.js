/* The investigator's page: search as you type, entity and contract pages, the ownership
 * diagram, risk flags with evidence, and the review of possible matches. Plain JavaScript
 * over the API of this server; nothing is fetched from anywhere else. */
(function () {
  "use strict";

  const view = document.getElementById("view");
  const input = document.getElementById("q");
  const list = document.getElementById("suggestions");
  const KEY = "registry.apiKey";

  // -- DOM and HTTP helpers ---------------------------------------------------------------
  function h(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? "" : String(v));
    }
    for (const c of children.flat(Infinity)) {
      if (c === null || c === undefined || c === false) continue;
      node.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
    }
    return node;
  }

  /** Replace the page's content; arrays are flattened, null and false left out. */
  function show(...nodes) {
    view.replaceChildren(...nodes.flat(Infinity).filter((n) => n !== null && n !== undefined && n !== false));
  }

  class ApiError extends Error {
    constructor(status, body) {
      super((body && body.message) || (body && body.detail && JSON.stringify(body.detail)) || "HTTP " + status);
      this.status = status;
      this.body = body;
    }
  }

  async function api(path, options) {
    const headers = { Accept: "application/json" };
    const key = localStorage.getItem(KEY);
    if (key) headers["X-API-Key"] = key;
    const init = Object.assign({ headers }, options || {});
    if (init.body) headers["Content-Type"] = "application/json";
    const response = await fetch(path, init);
    const text = await response.text();
    const body = text ? JSON.parse(text) : null;
    if (!response.ok) throw new ApiError(response.status, body);
    return { body, url: response.url, redirected: response.redirected };
  }

  const enc = encodeURIComponent;
  const link = (id, text) => h("a", { href: "#/entity/" + enc(id) }, text || id);
  const contractLink = (id, text) => h("a", { href: "#/contract/" + enc(id) }, text || id);
  const kindBadge = (kind) => h("span", { class: "badge kind-" + kind }, kind.replace(/_/g, " "));
  // Contracts and titles with holders have their own page; a procurement contract is shown
  // as an entity (its award links name the supplier).
  const CONTRACT_KINDS = ["hydrocarbon_contract", "mining_concession"];

  function range(p) {
    if (!p) return "—";
    const f = (v) => (Math.round(v * 100) / 100).toString();
    if (p.min === 0 && p.max === 100) return "unknown (0–100 %)";
    return p.min === p.max ? f(p.min) + " %" : f(p.min) + "–" + f(p.max) + " %";
  }

  function failure(error) {
    const message = error instanceof ApiError ? error.message : String(error);
    return h("p", { class: "error", "data-testid": "error" }, message);
  }

  function sources(items) {
    if (!items || !items.length) return null;
    return h("div", { class: "sources" }, "Sources: ", items.join(" · "));
  }

  // -- who am I ---------------------------------------------------------------------------
  async function refreshWho() {
    try {
      const { body } = await api("/whoami");
      document.getElementById("who").textContent = body.authenticated ? body.name + " (" + body.role + ")" : "anonymous";
    } catch (e) {
      document.getElementById("who").textContent = e.status === 401 ? "key not accepted" : "offline?";
    }
  }
  document.getElementById("key-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    localStorage.setItem(KEY, document.getElementById("key").value.trim());
    refreshWho();
    route();
  });
  document.getElementById("forget-key").addEventListener("click", () => {
    localStorage.removeItem(KEY);
    document.getElementById("key").value = "";
    refreshWho();
  });

  // -- search as you type -----------------------------------------------------------------
  let typed = 0;
  let timer = null;
  function hitHref(hit) {
    return CONTRACT_KINDS.includes(hit.kind) ? "#/contract/" + enc(hit.id) : "#/entity/" + enc(hit.id);
  }
  async function suggest() {
    const q = input.value.trim();
    const ticket = ++typed;
    if (q.length < 2) { list.hidden = true; return; }
    try {
      const { body } = await api("/search?limit=10&q=" + enc(q));
      if (ticket !== typed) return; // a later keystroke won
      list.textContent = "";
      for (const hit of body.items) {
        list.appendChild(h("li", { role: "option" },
          h("a", { href: hitHref(hit), "data-testid": "suggestion", onclick: () => { list.hidden = true; } },
            h("span", {}, hit.name),
            h("span", { class: "muted" }, kindBadge(hit.kind), hit.identifiers.slice(0, 1).join(" ")))));
      }
      if (!body.items.length) list.appendChild(h("li", {}, h("span", { class: "muted", style: "padding:.4rem .6rem;display:block" }, "No match")));
      list.hidden = false;
    } catch (e) {
      list.textContent = "";
      list.appendChild(h("li", {}, failure(e)));
      list.hidden = false;
    }
  }
  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(suggest, 150); });
  input.addEventListener("keydown", (ev) => {
    if (ev.key === "Enter") { list.hidden = true; location.hash = "#/search/" + enc(input.value.trim()); }
    if (ev.key === "Escape") list.hidden = true;
  });
  document.addEventListener("click", (ev) => { if (!ev.target.closest(".search")) list.hidden = true; });

  // -- pages ------------------------------------------------------------------------------
  function home() {
    show(
      h("h1", {}, "Who owns Mexico's oil, gas and mining contract holders?"),
      h("p", {}, "Type a company, a person, a trust, an RFC or CURP, a CNH contract id or a mining title above."),
      h("p", { class: "muted" }, "Each page shows identifiers and the source records behind them, red flags with their evidence, owners with effective ranges, and the ownership diagram upstream and downstream."));
  }

  async function searchPage(q) {
    input.value = q;
    show(h("h1", {}, "Search: ", q), h("p", { class: "muted" }, "Searching…"));
    try {
      const { body } = await api("/search?limit=50&q=" + enc(q));
      const rows = body.items.map((hit) => h("tr", {},
        h("td", {}, h("a", { href: hitHref(hit) }, hit.name)), h("td", {}, kindBadge(hit.kind)),
        h("td", { class: "ids" }, hit.identifiers.map((i) => h("code", {}, i))), h("td", { class: "num" }, hit.score)));
      show(h("h1", {}, "Search: ", q),
        rows.length ? h("table", {}, h("tr", {}, h("th", {}, "name"), h("th", {}, "kind"), h("th", {}, "identifiers"), h("th", {}, "score")), rows)
          : h("p", {}, "Nothing found. Try fewer words, or the start of an RFC."));
    } catch (e) {
      show(failure(e));
    }
  }

  function flagsCard(risk) {
    const card = h("div", { class: "card", "data-testid": "flags" }, h("h2", {}, "Red flags"));
    if (risk instanceof ApiError) {
      card.appendChild(h("p", { class: "muted" }, risk.status === 501 ? "The risk engine is not available on this server." : risk.message));
      return card;
    }
    const result = risk.results[0];
    if (!result || !result.flags.length) {
      card.appendChild(h("p", { class: "muted", "data-testid": "no-flags" }, "No flag fires on this party."));
    } else {
      card.appendChild(h("p", {}, "Score ", h("strong", {}, result.score), " — ", result.reasons.join("; ")));
      for (const hit of result.flags) {
        const ev = hit.evidence;
        const details = h("details", {},
          h("summary", { "data-testid": "flag" }, h("span", { class: "badge " + hit.severity }, hit.severity), h("strong", {}, hit.code), " — ", ev.summary),
          h("div", { class: "evidence", "data-testid": "evidence" },
            ev.paths.length ? h("div", {}, "Paths: ", ev.paths.map((p) => h("div", {}, p.map((id, i) => [i ? " → " : "", link(id, id)])))) : null,
            ev.nodes.length ? h("div", {}, "Parties: ", ev.nodes.map((id, i) => [i ? ", " : "", link(id)])) : null,
            Object.keys(ev.values || {}).length ? h("div", {}, Object.entries(ev.values).map(([k, v]) => k + ": " + v).join(" · ")) : null,
            sources(ev.sources)));
        card.appendChild(h("div", { class: "flag " + hit.severity }, details));
      }
    }
    const off = risk.flags.filter((f) => !f.evaluated);
    if (off.length) card.appendChild(h("p", { class: "muted" }, "Not evaluated on this register: ", off.map((f) => f.code + " (" + f.reason + ")").join("; ")));
    return card;
  }

  function ownersCard(owners) {
    const card = h("div", { class: "card", "data-testid": "owners" }, h("h2", {}, "Owners"));
    if (owners instanceof ApiError) { card.appendChild(failure(owners)); return card; }
    card.appendChild(h("p", {}, "Traced to natural persons: ", h("strong", {}, range(owners.traced)),
      " · threshold ", owners.threshold.basis, " ", owners.threshold.strict ? "> " : "≥ ", owners.threshold.percent, " %",
      " · as of ", owners.as_of));
    if (owners.owners.length) {
      card.appendChild(h("table", {},
        h("tr", {}, h("th", {}, "owner"), h("th", {}, "effective"), h("th", {}, "voting"), h("th", {}, "beneficial owner"), h("th", {}, "why")),
        owners.owners.map((o) => h("tr", { "data-testid": "owner-row" },
          h("td", {}, link(o.id, o.name), " ", kindBadge(o.kind)),
          h("td", { class: "num" }, range(o.effective)), h("td", { class: "num" }, range(o.voting)),
          h("td", {}, o.beneficial_owner ? "yes" : "no"), h("td", { class: "muted" }, o.reasons.join("; "))))));
    } else {
      card.appendChild(h("p", { class: "muted" }, "No owner is declared in force on this day."));
    }
    if (owners.unspecified.length) {
      card.appendChild(h("h3", {}, "Unknown owners"));
      card.appendChild(h("ul", {}, owners.unspecified.map((u) => h("li", {}, range(u.share), " — ", u.reason, u.description ? ": " + u.description : ""))));
    }
    if (owners.untraced.length) {
      card.appendChild(h("h3", {}, "Not traced to a person"));
      card.appendChild(h("ul", {}, owners.untraced.map((u) => h("li", {}, link(u.id, u.name), " ", range(u.share), " — ", u.reason))));
    }
    if (owners.circular.length) {
      card.appendChild(h("p", { class: "error" }, "Circular ownership: ", owners.circular.map((g) => g.length + " parties").join(", ")));
    }
    return card;
  }

  function detailsCard(entity) {
    const card = h("div", { class: "card", "data-testid": "details" }, h("h2", {}, "Identifiers and sources"));
    card.appendChild(h("p", { class: "ids", "data-testid": "identifiers" },
      entity.identifiers.length ? entity.identifiers.map((i) => h("code", {}, i)) : h("span", { class: "muted" }, "No identifier known")));
    const facts = [["jurisdiction", entity.jurisdiction], ["incorporated", entity.incorporation_date],
      ["address", entity.address], ["entity type", entity.entity_type], ["subtype", entity.entity_subtype],
      ["reason unknown", entity.unspecified_reason], ["record ids", entity.record_ids.join(", ")]];
    card.appendChild(h("table", {}, facts.filter(([, v]) => v).map(([k, v]) => h("tr", {}, h("th", {}, k), h("td", {}, String(v))))));
    card.appendChild(sources(entity.sources) || h("p", { class: "muted" }, "No source recorded."));
    if (entity.links.length) {
      card.appendChild(h("h3", {}, "Listings, positions, contracts and possible duplicates"));
      card.appendChild(h("table", { "data-testid": "links" }, entity.links.map((l) => h("tr", {},
        h("td", {}, h("span", { class: "badge" }, l.role.replace(/_/g, " "))),
        h("td", {}, CONTRACT_KINDS.includes(l.other.kind) ? contractLink(l.other.id, l.other.name) : link(l.other.id, l.other.name)),
        h("td", { class: "muted" }, [l.start_date, l.end_date].filter(Boolean).join(" – "), " ",
          Object.entries(l.attributes).map(([k, v]) => k + ": " + v).join(" · ")),
        h("td", {}, sources(l.sources))))));
    }
    return card;
  }

  function diagramCard(initial) {
    let state = initial;
    let scale = 1;
    const box = h("div", { class: "diagram-wrap" });
    const open = (id) => { location.hash = "#/entity/" + enc(id); };
    const sizes = new Map(); // neighbours asked for per node: each click asks for more
    const expand = async (id) => {
      const size = Math.min(1000, (sizes.get(id) || 12) * 5);
      sizes.set(id, size);
      try {
        const { body } = await api("/entities/" + enc(id) + "/graph?depth=1&per_node=" + size);
        state = OwnershipDiagram.merge(state, body, id);
        draw();
      } catch (e) {
        box.appendChild(failure(e));
      }
    };
    const draw = () => OwnershipDiagram.render(box, state, expand, open, scale);
    const zoom = (k) => () => { scale = k === 0 ? 1 : Math.max(0.3, Math.min(2.5, scale * k)); draw(); };
    const card = h("div", { class: "card", "data-testid": "diagram-card" },
      h("h2", {}, "Ownership diagram"),
      h("div", { class: "diagram-tools" },
        h("button", { type: "button", onclick: zoom(1.25), title: "Zoom in" }, "+"),
        h("button", { type: "button", onclick: zoom(0.8), title: "Zoom out" }, "−"),
        h("button", { type: "button", onclick: zoom(0) }, "100 %"),
        h("span", { class: "muted" }, "Click a node to expand it, double-click to open its page."),
        initial.truncated ? h("span", { class: "error" }, "Large network: capped.") : null),
      h("div", { class: "legend" },
        h("span", { class: "l-company" }, "company"), h("span", { class: "l-person" }, "person"),
        h("span", { class: "l-trust" }, "trust"), h("span", { class: "l-unknown" }, "unknown owner"),
        h("span", { class: "l-contract" }, "contract / title"), h("span", { class: "l-cycle" }, "circular ownership"),
        h("span", {}, "dashed line: control or trust role")),
      box);
    draw();
    return card;
  }

  async function settle(promise) {
    try { return (await promise).body; } catch (e) { return e; }
  }

  async function entityPage(id) {
    show(h("p", { class: "muted" }, "Loading…"));
    let entity;
    try {
      const found = await api("/entities/" + enc(id));
      entity = found.body;
    } catch (e) {
      show(failure(e));
      return;
    }
    if (entity.id !== id) { history.replaceState(null, "", "#/entity/" + enc(entity.id)); }
    if (CONTRACT_KINDS.includes(entity.kind)) { location.hash = "#/contract/" + enc(entity.id); return; }
    const base = "/entities/" + enc(entity.id);
    const [owners, graph, risk] = await Promise.all([
      ["listing", "procurement_contract"].includes(entity.kind) ? Promise.resolve(null) : settle(api(base + "/owners")),
      settle(api(base + "/graph?depth=3")),
      settle(api(base + "/risk")),
    ]);
    const title = h("h1", { "data-testid": "entity-name" }, entity.name, " ", kindBadge(entity.kind),
      entity.politically_exposed ? h("span", { class: "badge pep" }, "PEP") : null);
    show(title,
      h("div", { class: "grid" }, detailsCard(entity), flagsCard(risk)),
      graph instanceof ApiError ? failure(graph) : diagramCard(graph),
      owners ? ownersCard(owners) : null);
  }

  async function contractPage(ref) {
    show(h("p", { class: "muted" }, "Loading…"));
    let answer;
    try {
      answer = (await api("/contracts/" + ref.split("/").map(enc).join("/"))).body;
    } catch (e) {
      show(failure(e));
      return;
    }
    const attrs = Object.entries(answer.attributes || {});
    const holders = answer.holders.map((hd) => h("div", { class: "card", "data-testid": "holder" },
      h("h3", {}, link(hd.id, hd.name), " ", kindBadge(hd.kind), hd.operator ? h("span", { class: "badge" }, "operator") : null,
        " — participation ", range(hd.participation)),
      h("p", { class: "muted" }, "Traced to natural persons: ", range(hd.traced), hd.since ? " · since " + hd.since : ""),
      hd.owners.length ? h("table", {},
        h("tr", {}, h("th", {}, "owner"), h("th", {}, "of the holder"), h("th", {}, "of the contract"), h("th", {}, "beneficial owner")),
        hd.owners.map((o) => h("tr", {}, h("td", {}, link(o.id, o.name), " ", kindBadge(o.kind)),
          h("td", { class: "num" }, range(o.holder_share)), h("td", { class: "num" }, range(o.effective)),
          h("td", {}, o.beneficial_owner ? "yes" : "no")))) : h("p", { class: "muted" }, "No owner declared.")));
    show(
      h("h1", { "data-testid": "contract-name" }, answer.contract.name, " ", kindBadge(answer.contract.kind)),
      attrs.length ? h("p", { class: "muted" }, attrs.map(([k, v]) => k + ": " + v).join(" · ")) : null,
      h("h2", {}, "Beneficial owners of the contract"),
      answer.beneficial_owners.length ? h("table", { "data-testid": "contract-bos" },
        h("tr", {}, h("th", {}, "person"), h("th", {}, "effective share of the contract"), h("th", {}, "via")),
        answer.beneficial_owners.map((b) => h("tr", {}, h("td", {}, link(b.id, b.name)), h("td", { class: "num" }, range(b.effective)), h("td", {}, b.via.length + " holder(s)"))))
        : h("p", { class: "muted" }, "None traced."),
      h("h2", {}, "Holders (participation total ", range(answer.participation_total), ")"),
      holders.length ? holders : h("p", { class: "muted" }, "No holder in force on ", answer.as_of),
      answer.notes.length ? h("p", { class: "muted" }, answer.notes.join(" ")) : null);
  }

  async function reviewPage(offset) {
    show(h("h1", {}, "Possible matches"), h("p", { class: "muted" }, "Loading…"));
    let page;
    try {
      page = (await api("/matches?status=possible&limit=25&offset=" + offset)).body;
    } catch (e) {
      show(h("h1", {}, "Possible matches"), failure(e));
      return;
    }
    const judge = (m, verdict, row) => async () => {
      const cell = row.querySelector(".outcome");
      try {
        const { body } = await api("/matches/" + enc(m.entity_a) + "/" + enc(m.entity_b) + "/judgement",
          { method: "POST", body: JSON.stringify({ verdict }) });
        cell.textContent = "judged " + body.verdict + " by " + body.by;
        row.querySelectorAll("button").forEach((b) => { b.disabled = true; });
      } catch (e) {
        cell.textContent = "";
        cell.appendChild(failure(e.status === 401 || e.status === 403 ? new Error(e.message + " — enter an analyst key at the top right.") : e));
      }
    };
    const rows = page.items.map((m) => {
      const row = h("tr", { "data-testid": "match-row" },
        h("td", {}, m.node_a ? link(m.node_a, m.name_a) : m.name_a, h("div", { class: "sources" }, m.mention_a)),
        h("td", {}, m.node_b ? link(m.node_b, m.name_b) : m.name_b, h("div", { class: "sources" }, m.mention_b)),
        h("td", { class: "num" }, (m.probability * 100).toFixed(1) + " %"),
        h("td", { class: "muted" }, m.reason),
        h("td", {}));
      const actions = row.lastChild;
      for (const verdict of ["same", "different", "unsure"]) {
        actions.appendChild(h("button", { type: "button", class: verdict, "data-testid": "judge-" + verdict, onclick: judge(m, verdict, row) }, verdict));
      }
      actions.appendChild(h("div", { class: "outcome", "data-testid": "outcome" }));
      return row;
    });
    show(h("h1", {}, "Possible matches"),
      h("p", { class: "muted" }, "Pairs the resolver could not decide. Judging needs an analyst key; a judgement applies to the resolution at once and to the graph at the next load."),
      h("div", { class: "review" }, rows.length ? h("table", {},
        h("tr", {}, h("th", {}, "a"), h("th", {}, "b"), h("th", {}, "probability"), h("th", {}, "why"), h("th", {}, "judgement")), rows)
        : h("p", {}, "Nothing to review.")),
      h("div", { class: "pager" },
        offset > 0 ? h("a", { href: "#/review/" + Math.max(0, offset - 25) }, "← previous") : null,
        h("span", { class: "muted" }, page.total + " pairs"),
        page.more ? h("a", { href: "#/review/" + (offset + 25) }, "next →") : null));
  }

  async function cyclesPage() {
    show(h("h1", {}, "Circular ownership"), h("p", { class: "muted" }, "Loading…"));
    try {
      const { body } = await api("/cycles?limit=100");
      show(h("h1", {}, "Circular ownership (", body.total, " groups, as of ", body.as_of, ")"),
        h("ul", {}, body.items.map((g) => h("li", {}, g.example.map((id, i) => [i ? " → " : "", link(id, id)])))));
    } catch (e) { show(failure(e)); }
  }

  async function riskPage() {
    show(h("h1", {}, "Highest risk"), h("p", { class: "muted" }, "Loading…"));
    try {
      const { body } = await api("/risk?limit=50");
      show(h("h1", {}, "Highest risk (", body.total, ", as of ", body.as_of, ")"),
        h("table", {}, h("tr", {}, h("th", {}, "party or contract"), h("th", {}, "score"), h("th", {}, "flags")),
          body.results.map((r) => h("tr", {},
            h("td", {}, CONTRACT_KINDS.includes(r.kind) ? contractLink(r.id, r.name) : link(r.id, r.name), " ", kindBadge(r.kind)),
            h("td", { class: "num" }, r.score), h("td", {}, r.flags.map((f) => f.code).join(", "))))));
    } catch (e) {
      show(h("h1", {}, "Highest risk"), e.status === 501 ? h("p", { class: "muted" }, "The risk engine is not available on this server.") : failure(e));
    }
  }

  // -- routing ----------------------------------------------------------------------------
  function route() {
    const hash = location.hash.replace(/^#\/?/, "");
    const [page, ...rest] = hash.split("/");
    const arg = decodeURIComponent(rest.join("/"));
    list.hidden = true;
    window.scrollTo(0, 0);
    if (page === "entity" && arg) return entityPage(arg);
    if (page === "contract" && arg) return contractPage(arg);
    if (page === "search") return searchPage(arg);
    if (page === "review") return reviewPage(parseInt(arg, 10) || 0);
    if (page === "cycles") return cyclesPage();
    if (page === "risk") return riskPage();
    return home();
  }
  window.addEventListener("hashchange", route);
  refreshWho();
  route();
})();
