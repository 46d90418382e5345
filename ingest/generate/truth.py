"""Ground truth computed from what the loadable rows say (``Facts``) and the true entities.

Effective ownership follows DESIGN.md "Ownership arithmetic", computed independently of
the registry: for each holder the upstream shareholding graph (edges in force on the
reference date) is split into strongly connected components and solved downstream
first. Acyclic parts are a plain sum of products; in a cycle the holder is absorbing
(a chain stops the first time it reaches the holder), upstream parties see the full
integrated value, and a cycle member's own value excludes chains that return to it.

>>> shares = {"H": [("A", 50.0, 50.0), ("B", 50.0, 50.0)], "A": [("B", 40.0, 40.0)]}
>>> sorted(effective_ownership("H", shares).items())
[('A', (50.0, 50.0)), ('B', (70.0, 70.0))]
"""

from __future__ import annotations

import csv
import json
from collections import deque
from datetime import date, timedelta
from pathlib import Path

from ingest.generate import vocab
from ingest.generate.layouts import LAYOUTS
from ingest.generate.sources import Facts
from ingest.generate.world import (
    REF_DATE,
    Body,
    Company,
    Entity,
    Person,
    Trust,
    Unspecified,
    World,
)

__all__ = ["FLAG_PARAMETERS", "effective_ownership", "strongly_connected", "write_truth"]

Shares = dict[str, list[tuple[str, float, float]]]

#: The parameters the flags of flags.csv are computed with.
FLAG_PARAMETERS: dict[str, float] = {
    "tau_percent": 25.0,
    "untraced_below_percent": 75.0,
    "layering_max_layers": 3,
    "new_company_days": 365,
    "flip_window_days": 730,
    "flip_new_owner_percent": 25.0,
    "nominee_min_groups": 5,
    "control_percent": 50.0,
}
_EPS = 1e-12


def strongly_connected(nodes: list[str], succ: dict[str, list[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iterative; components come out successors first."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    out: list[list[str]] = []
    counter = 0
    for root in nodes:
        if root in index:
            continue
        work: list[tuple[str, int]] = [(root, 0)]
        while work:
            v, i = work.pop()
            if i == 0:
                index[v] = low[v] = counter
                counter += 1
                stack.append(v)
                on_stack.add(v)
            children = succ.get(v, [])
            recurse = False
            while i < len(children):
                t = children[i]
                i += 1
                if t not in index:
                    work.append((v, i))
                    work.append((t, 0))
                    recurse = True
                    break
                if t in on_stack:
                    low[v] = min(low[v], index[t])
            if recurse:
                continue
            if work and work[-1][0] != v:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[v])
            if low[v] == index[v]:
                comp = []
                while True:
                    x = stack.pop()
                    on_stack.discard(x)
                    comp.append(x)
                    if x == v:
                        break
                out.append(comp)
    return out


def _solve(
    members: list[str],
    base: dict[str, float],
    internal: dict[str, list[tuple[str, float]]],
    skip_into: str | None,
) -> dict[str, float]:
    """Fixed point of x = base + M x over one component (Gauss-Seidel), ignoring edges
    into ``skip_into``. Walks may revisit members, so values of members may exceed 1;
    a divergent system (shares of 100 % all around a cycle) is cut off at a large value."""
    x = dict.fromkeys(members, 0.0)
    for _ in range(100_000):
        delta = 0.0
        for v in members:
            total = min(base[v] + sum(s * x[t] for t, s in internal[v] if t != skip_into), 1e9)
            delta = max(delta, abs(total - x[v]))
            x[v] = total
        if delta < 1e-15:
            break
    return x


def effective_ownership(holder: str, shares: Shares) -> dict[str, tuple[float, float]]:
    """Effective ownership [min, max] in percent of every party upstream of ``holder``.

    ``shares`` maps a company to its direct owners ``(owner, min %, max %)``."""
    seen = {holder}
    nodes: list[str] = []
    queue = deque([holder])
    while queue:
        x = queue.popleft()
        for o, _, _ in shares.get(x, ()):
            if o not in seen:
                seen.add(o)
                nodes.append(o)
                queue.append(o)
    if not nodes:
        return {}
    out_edges: dict[str, list[tuple[str, float, float]]] = {v: [] for v in nodes}
    for v in [holder, *nodes]:
        for o, lo, hi in shares.get(v, ()):
            if o != holder:
                out_edges[o].append((v, lo / 100.0, hi / 100.0))
    succ = {v: [t for t, _, _ in out_edges[v] if t != holder] for v in nodes}
    x_lo: dict[str, float] = {holder: 1.0}
    x_hi: dict[str, float] = {holder: 1.0}
    result: dict[str, tuple[float, float]] = {}
    for comp in strongly_connected(nodes, succ):
        members = set(comp)
        cyclic = len(comp) > 1 or any(t == comp[0] for t in succ[comp[0]])
        if not cyclic:
            v = comp[0]
            lo = sum(s * x_lo[t] for t, s, _ in out_edges[v])
            hi = min(1.0, sum(s * x_hi[t] for t, _, s in out_edges[v]))
            x_lo[v], x_hi[v] = lo, hi
            result[v] = (lo, hi)
            continue
        base_lo = {
            v: sum(s * x_lo[t] for t, s, _ in out_edges[v] if t not in members) for v in comp
        }
        base_hi = {
            v: sum(s * x_hi[t] for t, _, s in out_edges[v] if t not in members) for v in comp
        }
        int_lo = {v: [(t, s) for t, s, _ in out_edges[v] if t in members] for v in comp}
        int_hi = {v: [(t, s) for t, _, s in out_edges[v] if t in members] for v in comp}
        full_lo = _solve(comp, base_lo, int_lo, None)
        full_hi = _solve(comp, base_hi, int_hi, None)
        for v in comp:
            own_lo = _solve(comp, base_lo, int_lo, v)[v]
            own_hi = min(1.0, _solve(comp, base_hi, int_hi, v)[v])
            result[v] = (own_lo, own_hi)
        x_lo.update(full_lo)
        x_hi.update(full_hi)
    return {k: (lo * 100.0, min(hi * 100.0, 100.0)) for k, (lo, hi) in result.items()}


def _pct(v: float) -> str:
    text = f"{v:.6f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


# ---------------------------------------------------------------------------------------


def _entities(w: World, path: Path) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh, lineterminator="\n")
        out.writerow(
            (
                "entity_id",
                "kind",
                "name",
                "rfc",
                "curp",
                "country",
                "incorporation_or_birth_date",
                "jurisdiction",
                "trust_key",
            )
        )
        for e in w.entities.values():
            if isinstance(e, Person):
                row = (
                    e.id,
                    e.kind,
                    e.name,
                    e.rfc,
                    e.curp,
                    e.country,
                    e.birth.isoformat(),
                    e.country,
                    "",
                )
            elif isinstance(e, Company):
                row = (
                    e.id,
                    e.kind,
                    e.name,
                    e.rfc,
                    "",
                    e.country,
                    e.incorporated.isoformat(),
                    e.jurisdiction,
                    "",
                )
            elif isinstance(e, Trust):
                row = (e.id, e.kind, e.name, "", "", "MX", e.created.isoformat(), "MX", e.key)
            elif isinstance(e, Body):
                row = (e.id, e.kind, e.name, e.rfc, "", "MX", "", "MX", "")
            else:
                row = (e.id, e.kind, e.name, "", "", "", "", "", "")
            out.writerow(row)


def _reach(holder: str, facts: Facts) -> dict[str, tuple[str, str]]:
    """Parties that reach ``holder`` through at least one trust role or control interest:
    party -> (relations, path), shortest first."""
    start = (holder, False)
    parent: dict[tuple[str, bool], tuple[tuple[str, bool], str] | None] = {start: None}
    queue = deque([start])
    found: dict[str, tuple[str, str]] = {}
    while queue:
        node, used = queue.popleft()
        ups: list[tuple[str, str]] = [(o, "Accionista") for o, _, _ in facts.shares.get(node, ())]
        ups += facts.controls.get(node, [])
        ups += facts.trust_roles.get(node, [])
        for party, rel in ups:
            state = (party, used or rel != "Accionista")
            if party == holder or state in parent:
                continue
            parent[state] = ((node, used), rel)
            queue.append(state)
            if state[1] and party not in found:
                rels, ids = [], [party]
                cur: tuple[str, bool] = state
                step = parent[cur]
                while step is not None:
                    cur, r = step
                    rels.append(r)
                    ids.append(cur[0])
                    step = parent[cur]
                found[party] = (">".join(rels), ">".join(ids))
    return found


def _jurisdiction(e: Entity) -> str:
    return e.jurisdiction if isinstance(e, Company) else ""


def _group(e: Entity) -> int:
    return e.group if isinstance(e, Company | Person) else -1


def _percentile(values: list[int], q: float) -> int:
    if not values:
        return 0
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, int(q * len(ordered) + 0.999999) - 1))
    return ordered[k]


def write_truth(w: World, facts: Facts, truth_dir: Path, seed: int, scale: int) -> dict[str, int]:
    """Write entities, holders, ownership, control, cycles, flags and the README."""
    counts: dict[str, int] = {}
    _entities(w, truth_dir / "entities.csv")
    counts["entities.csv"] = len(w.entities)
    holders = sorted(facts.holders)
    with open(truth_dir / "holders.csv", "w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh, lineterminator="\n")
        out.writerow(("holder_entity_id", "sources"))
        for h in holders:
            out.writerow((h, ";".join(sorted(facts.holders[h]))))
    counts["holders.csv"] = len(holders)

    # ownership and control reach, per holder
    eff_by_holder: dict[str, dict[str, tuple[float, float]]] = {}
    reach_by_holder: dict[str, dict[str, tuple[str, str]]] = {}
    n_own = n_ctl = 0
    with (
        open(truth_dir / "ownership.csv", "w", encoding="utf-8", newline="") as fo,
        open(truth_dir / "control.csv", "w", encoding="utf-8", newline="") as fc,
    ):
        own = csv.writer(fo, lineterminator="\n")
        ctl = csv.writer(fc, lineterminator="\n")
        own.writerow(("holder_entity_id", "owner_entity_id", "effective_min", "effective_max"))
        ctl.writerow(("holder_entity_id", "party_entity_id", "relations", "path"))
        for h in holders:
            eff = effective_ownership(h, facts.shares)
            eff_by_holder[h] = eff
            for o in sorted(eff):
                lo, hi = eff[o]
                own.writerow((h, o, _pct(lo), _pct(hi)))
                n_own += 1
            reach = _reach(h, facts)
            reach_by_holder[h] = reach
            for p in sorted(reach):
                ctl.writerow((h, p, *reach[p]))
                n_ctl += 1
    counts["ownership.csv"] = n_own
    counts["control.csv"] = n_ctl

    # cycles over every loaded shareholding in force
    nodes = sorted(set(facts.shares) | {o for v in facts.shares.values() for o, _, _ in v})
    succ: dict[str, list[str]] = {}
    for owned, owners in facts.shares.items():
        for o, _, _ in owners:
            succ.setdefault(o, []).append(owned)
    cycles = sorted(
        sorted(c)
        for c in strongly_connected(nodes, succ)
        if len(c) > 1 or c[0] in succ.get(c[0], [])
    )
    (truth_dir / "cycles.json").write_text(json.dumps(cycles, indent=1) + "\n", encoding="utf-8")
    counts["cycles.json"] = len(cycles)

    flags = _flags(w, facts, holders, eff_by_holder, reach_by_holder, cycles)
    planted = {(i, c) for i, c, _ in w.planted}
    with open(truth_dir / "flags.csv", "w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh, lineterminator="\n")
        out.writerow(("entity_or_contract_id", "code", "detail", "planted"))
        for i, code, detail in sorted(flags):
            out.writerow((i, code, detail, "yes" if (i, code) in planted else "no"))
    counts["flags.csv"] = len(flags)
    with open(truth_dir / "planted.csv", "w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh, lineterminator="\n")
        out.writerow(("entity_or_contract_id", "code", "what_was_planted"))
        for row in sorted(set(w.planted)):
            out.writerow(row)
    _readme(truth_dir, seed, scale, facts, counts, planted_cycles=sorted(w.cycles) == cycles)
    return counts


def _flags(
    w: World,
    facts: Facts,
    holders: list[str],
    eff_by_holder: dict[str, dict[str, tuple[float, float]]],
    reach_by_holder: dict[str, dict[str, tuple[str, str]]],
    cycles: list[list[str]],
) -> set[tuple[str, str, str]]:
    p = FLAG_PARAMETERS
    tau = p["tau_percent"]
    ent = w.entities
    flags: set[tuple[str, str, str]] = set()

    def add(i: str, code: str, detail: str) -> None:
        flags.add((i, code, detail))

    for c in cycles:
        for m in c:
            add(
                m,
                "CIRCULAR",
                "strongly connected with " + ",".join(c) if len(c) > 1 else "owns its own shares",
            )

    sat_bad = {e: s for e, ss in facts.sat.items() for s in ss if s in ("Presunto", "Definitivo")}
    sanctioned = {
        e for e, rs in facts.sfp.items() if any(r.startswith("SANCIONATORIA") for r in rs)
    }
    exposed: dict[str, str] = {}
    for pid, (person, rel, _) in facts.peps.items():
        if not rel:
            exposed.setdefault(person, f"PEP {pid}")
    for person, rel, related in facts.peps.values():
        if rel and related in facts.peps and not facts.peps[related][1]:
            exposed.setdefault(person, f"{rel} of {related}")
    # direct control: companies in which a company holds more than 50 % directly
    controlled: dict[str, list[tuple[str, float]]] = {}
    for owned, owners in facts.shares.items():
        for o, lo, _ in owners:
            if lo > p["control_percent"]:
                controlled.setdefault(o, []).append((owned, lo))
    # addresses and phones of the register
    by_addr: dict[int, list[str]] = {}
    by_phone: dict[str, list[str]] = {}
    for cid, (addr, phone, _) in facts.register.items():
        by_addr.setdefault(addr, []).append(cid)
        if phone:
            by_phone.setdefault(phone, []).append(cid)
    thr_addr = _percentile([len(v) for v in by_addr.values()], 0.99)
    thr_phone = _percentile([len(v) for v in by_phone.values()], 0.99)
    listed = set(sat_bad) | sanctioned

    # share rows by owned company (for FLIP)
    history: dict[str, list[tuple[str, float, date, date | None]]] = {}
    for owned, owner, lo, start, end in facts.share_history:
        history.setdefault(owned, []).append((owner, lo, start, end))

    secrecy = set(vocab.SECRECY_JURISDICTIONS)
    for h in holders:
        eff = eff_by_holder[h]
        company = ent[h]
        assert isinstance(company, Company)
        # SAT_69B / SANCTIONED
        if h in sat_bad:
            add(h, "SAT_69B", f"holder listed as {sat_bad[h]}")
        if h in sanctioned:
            add(h, "SANCTIONED", "holder on the SFP sanctions list")
        sanctioned_total = 0.0
        for o, (lo, hi) in eff.items():
            if lo >= tau and o in sat_bad:
                add(h, "SAT_69B", f"owner {o} (E={_pct(lo)}-{_pct(hi)} %) listed as {sat_bad[o]}")
            if o in sanctioned:
                sanctioned_total += lo
                if lo >= tau:
                    add(h, "SANCTIONED", f"owner {o} (E={_pct(lo)}-{_pct(hi)} %) sanctioned")
        if sanctioned_total >= 50 and not any(f[0] == h and f[1] == "SANCTIONED" for f in flags):
            add(h, "SANCTIONED", f"sanctioned owners hold {_pct(sanctioned_total)} % together")
        for sub, lo in controlled.get(h, []):
            if sub in sat_bad:
                add(h, "SAT_69B", f"controls {sub} ({_pct(lo)} %) listed as {sat_bad[sub]}")
            if sub in sanctioned:
                add(h, "SANCTIONED", f"controls {sub} ({_pct(lo)} %) sanctioned")
        # PEP_OWNER
        for o, (lo, hi) in eff.items():
            if o in exposed and lo >= tau:
                add(h, "PEP_OWNER", f"{o} ({exposed[o]}) E={_pct(lo)}-{_pct(hi)} %")
        for party, (rels, path) in reach_by_holder[h].items():
            if party in exposed:
                add(h, "PEP_OWNER", f"{party} ({exposed[party]}) via {rels}: {path}")
        # UNTRACED
        unknown = [o for o in eff if isinstance(ent[o], Unspecified) and eff[o][1] > 0]
        traced = min(
            100.0, sum(hi for o, (lo, hi) in eff.items() if isinstance(ent[o], Person | Body))
        )
        if unknown:
            reasons = sorted({ent[o].name for o in unknown})
            add(h, "UNTRACED", f"owner declared unknown ({'; '.join(reasons)})")
        elif not eff:
            add(h, "UNTRACED", "no ownership declared")
        elif traced < p["untraced_below_percent"]:
            add(h, "UNTRACED", f"at most {_pct(traced)} % traced to natural persons")
        # TRUST_OPAQUE
        for o in eff:
            t = ent[o]
            if not isinstance(t, Trust):
                continue
            bens = [x for x, role in facts.trust_roles.get(o, []) if role == "Fideicomisario"]
            if not bens:
                add(h, "TRUST_OPAQUE", f"trust {o} ({t.key}) has no beneficiary")
            for b in bens:
                be = ent[b]
                if isinstance(be, Company) and not be.mexican:
                    add(
                        h,
                        "TRUST_OPAQUE",
                        f"trust {o} ({t.key}) beneficiary {b} is a company in {be.jurisdiction}",
                    )
        # LAYERING
        dist = {h: 0}
        queue = deque([h])
        while queue:
            x = queue.popleft()
            for o, _, _ in facts.shares.get(x, ()):
                if o not in dist:
                    dist[o] = dist[x] + 1
                    queue.append(o)
        deep = [
            o for o in eff if isinstance(ent[o], Person) and dist[o] - 1 > p["layering_max_layers"]
        ]
        if deep:
            add(
                h,
                "LAYERING",
                f"{len(deep)} owner(s) behind more than 3 layers, "
                f"e.g. {min(deep)} ({dist[min(deep)] - 1} layers)",
            )
        where = sorted({j for o in eff if (j := _jurisdiction(ent[o])) in secrecy})
        if where:
            add(h, "LAYERING", f"intermediaries in secrecy jurisdictions: {','.join(where)}")
        # NEW_COMPANY
        for day, what in facts.awards.get(h, []):
            age = (day - company.incorporated).days
            if 0 <= age < p["new_company_days"]:
                add(h, "NEW_COMPANY", f"{what} on {day}, {age} days after incorporation")
        # FLIP (new owner of the holder after an award)
        rows = history.get(h, [])
        for day, what in facts.awards.get(h, []):
            before = {o for o, _, s, e in rows if s <= day and (e is None or e >= day)}
            if not before:
                continue
            window = day + timedelta(days=int(p["flip_window_days"]))
            for o, lo, s, _ in rows:
                if day < s <= window and o not in before and lo >= p["flip_new_owner_percent"]:
                    add(h, "FLIP", f"new owner {o} ({_pct(lo)} %) on {s}, after {what} of {day}")
        # SHARED_ADDRESS
        if h in facts.register:
            addr, phone, _ = facts.register[h]
            mates = by_addr[addr]
            if len(mates) > thr_addr:
                add(
                    h,
                    "SHARED_ADDRESS",
                    f"address shared by {len(mates)} companies (p99 = {thr_addr})",
                )
            elif any(m in listed for m in mates if m != h):
                add(h, "SHARED_ADDRESS", "address shared with a listed company")
            if phone:
                pmates = by_phone[phone]
                if len(pmates) > thr_phone:
                    add(
                        h,
                        "SHARED_ADDRESS",
                        f"phone shared by {len(pmates)} companies (p99 = {thr_phone})",
                    )
                elif any(m in listed for m in pmates if m != h):
                    add(h, "SHARED_ADDRESS", "phone shared with a listed company")
    # FLIP on contracts and titles
    for cid, event, day, fallo, member in facts.contract_events:
        if 0 < (day - fallo).days <= p["flip_window_days"]:
            add(
                cid,
                "FLIP",
                f"{event} of {member} on {day}, {(day - fallo).days} days after the award",
            )
    for title, day, exp, a, b in facts.title_transfers:
        if 0 < (day - exp).days <= p["flip_window_days"]:
            add(
                f"TITULO:{title}",
                "FLIP",
                f"transmitted {a} -> {b} on {day}, {(day - exp).days} days after issue",
            )
    # NOMINEE
    roles: dict[str, set[str]] = {}
    for cid, (_, _, officers) in facts.register.items():
        for person in officers:
            roles.setdefault(person, set()).add(cid)
    for person, cs in facts.shareholdings.items():
        roles.setdefault(person, set()).update(cs)
    for person, cs in roles.items():
        groups = {_group(ent[c]) for c in cs}
        if len(groups) >= p["nominee_min_groups"]:
            add(
                person,
                "NOMINEE",
                f"officer or shareholder of {len(cs)} companies in {len(groups)} unrelated groups",
            )
    # COMMON_OWNER
    for cid, members in facts.consortia.items():
        ms = [m for m in dict.fromkeys(members) if isinstance(ent[m], Company)]
        for i, a in enumerate(ms):
            for b in ms[i + 1 :]:
                ea, eb = eff_by_holder.get(a, {}), eff_by_holder.get(b, {})
                shared = sorted(
                    o
                    for o in set(ea) & set(eb)
                    if isinstance(ent[o], Person) and ea[o][0] >= tau and eb[o][0] >= tau
                )
                if shared:
                    add(cid, "COMMON_OWNER", f"{a} and {b} share beneficial owner {shared[0]}")
                ra, rb = facts.register.get(a), facts.register.get(b)
                if ra and rb:
                    if set(ra[2]) & set(rb[2]):
                        add(
                            cid,
                            "COMMON_OWNER",
                            f"{a} and {b} share officer {min(set(ra[2]) & set(rb[2]))}",
                        )
                    if ra[0] == rb[0]:
                        add(cid, "COMMON_OWNER", f"{a} and {b} share an address")
                    if ra[1] and ra[1] == rb[1]:
                        add(cid, "COMMON_OWNER", f"{a} and {b} share a phone")
    return flags


_README = """# Ground truth of a generated data set

Generated by `ingest.generate.generate(out_dir, scale={scale}, seed={seed})`. The same
(scale, seed) always gives the same bytes. Source files are in the parent folder; this
folder is never one of them.

- **Reference date: {ref}.** Ownership, control, holders' current owners and flags are as
  of this day: an interest counts when FECHA_INICIO <= {ref} <= FECHA_FIN (blank = open).
- Everything here is computed from the rows that *load* (rows listed in
  `broken_rows.csv` are quarantined, so the facts they carry do not count).

## Encodings

| file | encoding |
|---|---|
{encodings}

`sat-69b.csv` has the two SAT title lines above its header and CRLF line ends;
`trusts.csv` is `;`-separated, every field quoted, quotes escaped with a backslash
(read with `escapechar='\\\\'`, `doublequote=False`); `companies.csv` starts with a BOM.

## Files

- `broken_rows.csv` — `file,row,column,rule`: rows broken on purpose (one cell each),
  `row` = 1-based data row (title lines and header not counted). Rules:
  `missing_required`, `bad_date`, `bad_percentage`, `bad_amount`, `bad_rfc`, `bad_value`,
  `bad_country`. Only our layouts are broken; every other row loads. A wrong RFC check
  digit, a generic RFC (XAXX010101000 / XEXX010101000), a hyphenated RFC, accents,
  legal-form spellings and typos are noise, not breakage.
- `mentions.csv` — `file,row,field,entity_id`: the true entity of every non-empty party
  cell of every loaded row. Party columns: {parties}.
- `entities.csv` — `entity_id,kind,name,rfc,curp,country,incorporation_or_birth_date,
  jurisdiction,trust_key`. Kinds: person (P…), company (C…), trust (T…), public_body (G…),
  unspecified (U…: the owner a `Desconocido` declaration row names, `name` = its
  MOTIVO_NO_IDENTIFICADO). `country` is ISO 3166-1 alpha-2; `jurisdiction` is ISO 3166-2
  `US-DE` for Delaware, else the country. `rfc` is the RFC as SAT issued it (about 1.5 %
  carry a wrong check digit on purpose).
- `holders.csv` — `holder_entity_id,sources`: companies that hold a hydrocarbon contract
  (member in cnh-participations or OPERADOR), a mining title (TITULAR, or CESIONARIO of a
  transmission) or a procurement contract (CompraNet supplier), in loaded rows.
- `ownership.csv` — `holder_entity_id,owner_entity_id,effective_min,effective_max`: for
  every holder, every party upstream of it through shareholdings (`TIPO_INTERES` =
  Accionista; other interests are control, not shares), effective ownership in percent:
  sum over chains of products of shares; a blank share is [0,100]; "25-50" / "25 a 50" is
  [25,50]; ">25" / "más del 25%" is [25,100]; "menos de 10%" is [0,10]; exact shares give
  min = max. Maxima are capped at 100. In a cycle the holder is absorbing (chains stop the
  first time they reach it), upstream parties get the integrated value, and a cycle
  member's own value excludes chains returning to itself. Trusts are not looked through
  (their parties are in `control.csv`). Over natural persons and unspecified owners the
  minima of one holder sum to at most 100.
- `control.csv` — `holder_entity_id,party_entity_id,relations,path`: parties that reach a
  holder through at least one trust role (trust-parties in force) or non-share interest
  (bo-declarations), with the shortest such chain (`path` from the party to the holder).
- `cycles.json` — circular-ownership groups (sorted entity ids; a one-member group is a
  company declared as holding its own shares). {cycles_note}
- `flags.csv` — `entity_or_contract_id,code,detail,planted`: every red flag of RISK.md
  that fires on these data with the parameters below, with what makes it fire; `planted`
  = yes where it was put in on purpose (`planted.csv` lists what was planted). Contract ids
  are CNH ids or `TITULO:<number>` for mining titles.
- `planted.csv` — the structures planted for each flag.

## Noise that must load

Closed-vocabulary values vary only in case and accents ("PERSONA FISICA", "accionista");
ES_OPERADOR is written S/N, SI/NO, Sí/No, Si/No, X/blank or 1/0 (one style per contract);
dates as YYYY-MM-DD, DD/MM/YYYY, DD-MM-YYYY or "16 de diciembre de 2016"; shares as
"45", "45.5", "45,5", "45%", "45 %", "45.00", "25-50", "25 a 50", "25 - 50", ">25",
"> 25", "más del 25%", "mas de 25%", "menos de 10%", "menos del 10%", "<10"
(cnh-participations: exact forms only; "Derechos de voto" rows repeat a share but are
not ownership). RFC cells may be blank, generic, hyphenated or spaced
("MAB-930714-8T4"), or carry a wrong check digit; names lose accents, change case and
word order (surname first, "PATERNO MATERNO, NOMBRE"), use "MA." for MARÍA, abbreviate
("Cía.", "Servs.") and carry one-character typos. PAIS_ORIGEN is the country where the
member is incorporated.

## Flag rules and parameters

`{params}`

- CIRCULAR: members of every cycle. SAT_69B / SANCTIONED: the holder, an owner with
  effective_min >= tau, or a company in which the holder has a direct share above 50 %,
  is listed (69-B Presunto or Definitivo; SFP resolution starting SANCIONATORIA); also
  sanctioned owners whose minima add to >= 50 %. PEP_OWNER: a PEP or a relative/associate
  (PARENTESCO row whose ID_PEP_RELACIONADO is a loaded PEP row) with effective_min >= tau,
  or in `control.csv` for the holder. UNTRACED: an unspecified owner upstream, no
  declared ownership at all, or the maxima over natural persons and public bodies add to
  less than 75 %. TRUST_OPAQUE: a trust upstream without a Fideicomisario in force, or
  with a foreign company as Fideicomisario. LAYERING: a natural-person owner behind more
  than 3 intermediaries (shortest chain), or an intermediary incorporated in
  {secrecy}. NEW_COMPANY: an award (CNH FECHA_FALLO for members at Adjudicación; mining
  FECHA_EXPEDICION for the first holder; CompraNet EXP_F_FALLO, else FECHA_CELEBRACION,
  else FECHA_INICIO) less than 365 days after incorporation. FLIP: a new direct owner
  with >= 25 % starting within 730 days after an award, when owners were declared on the
  award day; a CNH Cesión de interés / Cambio de control within 730 days of FECHA_FALLO;
  a title transmitted within 730 days of its issue. SHARED_ADDRESS: the holder's
  register address or phone is shared by more companies than the 99th percentile over
  addresses (phones), or with a listed company. NOMINEE: a person who is officer
  (REPRESENTANTE_LEGAL / ADMINISTRADOR_UNICO) or direct shareholder of companies in >= 5
  unrelated corporate groups. COMMON_OWNER: two members at adjudication of one CNH
  contract share a natural-person owner (effective_min >= tau in both), an officer, an
  address or a phone.

## Country spellings

Every country cell uses one of these spellings (code: spellings):

{countries}

## Row counts

{counts}
"""


def _readme(
    truth_dir: Path,
    seed: int,
    scale: int,
    facts: Facts,
    counts: dict[str, int],
    *,
    planted_cycles: bool,
) -> None:
    encodings = "\n".join(f"| `{f}` | {e} |" for f, e in facts.encodings.items())
    parties = "; ".join(f"`{lay.file}`: {', '.join(lay.parties)}" for lay in LAYOUTS.values())
    countries = "\n".join(
        f"- {code}: {' | '.join(s)}" for code, s in vocab.COUNTRY_SPELLINGS.items()
    )
    text = _README.format(
        scale=scale,
        seed=seed,
        ref=REF_DATE.isoformat(),
        encodings=encodings,
        parties=parties,
        cycles_note=(
            "They are exactly the planted ones."
            if planted_cycles
            else "WARNING: they differ from the planted ones."
        ),
        params=json.dumps(FLAG_PARAMETERS),
        secrecy=", ".join(vocab.SECRECY_JURISDICTIONS),
        countries=countries,
        counts="\n".join(f"- {k}: {v}" for k, v in sorted(counts.items())),
    )
    (truth_dir / "README.md").write_text(text, encoding="utf-8")
