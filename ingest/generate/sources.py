"""The source files: noisy views of the world, one function per file.

Each writer streams its rows through a ``TableWriter`` and records in ``Facts`` what the
rows that *load* say (ownership edges, holders, award dates, listings...), so that the
truth is computed from exactly what a correct ingest would see.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import pairwise

from ingest.generate import layouts as lay
from ingest.generate import vocab
from ingest.generate.noise import (
    display_share,
    drop_accents,
    fmt_amount,
    fmt_date,
    fmt_number,
    noisy_country,
    noisy_date,
    noisy_org,
    noisy_person,
    noisy_rfc,
    yes_no_pair,
)
from ingest.generate.sink import Sink
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

__all__ = ["Facts", "write_sources"]

_MINING_TITLES_PER_UNIT = 3800
_PROCUREMENT_PER_UNIT = 1700


@dataclass
class Facts:
    """What the loaded rows say, keyed by true entity ids."""

    #: owned company -> [(owner, min, max)] of Accionista rows in force on REF_DATE
    shares: dict[str, list[tuple[str, float, float]]] = field(default_factory=dict)
    #: every loaded Accionista row: (owned, owner, min, start, end)
    share_history: list[tuple[str, str, float, date, date | None]] = field(default_factory=list)
    #: company -> [(party, interest)] of other interests in force on REF_DATE
    controls: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    #: trust -> [(party, role)] in force on REF_DATE
    trust_roles: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    #: holder company -> sources that make it a holder
    holders: dict[str, set[str]] = field(default_factory=dict)
    #: company -> [(award or title date, contract)]
    awards: dict[str, list[tuple[date, str]]] = field(default_factory=dict)
    #: contract -> members at adjudication
    consortia: dict[str, list[str]] = field(default_factory=dict)
    #: (contract, event, date, award date, member)
    contract_events: list[tuple[str, str, date, date, str]] = field(default_factory=list)
    #: (title, act date, expedition date, from, to)
    title_transfers: list[tuple[str, date, date, str, str]] = field(default_factory=list)
    sat: dict[str, list[str]] = field(default_factory=dict)
    sfp: dict[str, list[str]] = field(default_factory=dict)
    #: ID_PEP -> (person, PARENTESCO, ID_PEP_RELACIONADO) of loaded pep rows
    peps: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    #: company -> (address id, phone, officers)
    register: dict[str, tuple[int, str, list[str]]] = field(default_factory=dict)
    #: person -> companies where the person is a direct shareholder
    shareholdings: dict[str, set[str]] = field(default_factory=dict)
    encodings: dict[str, str] = field(default_factory=dict)

    def holder(self, entity: Entity, source: str) -> None:
        if isinstance(entity, Company):
            self.holders.setdefault(entity.id, set()).add(source)

    def award(self, entity: Entity, day: date, what: str) -> None:
        if isinstance(entity, Company):
            self.awards.setdefault(entity.id, []).append((day, what))


def _covers(start: date | None, end: date | None, day: date = REF_DATE) -> bool:
    return (start is None or start <= day) and (end is None or end >= day)


def _vocab(value: str, rng: random.Random) -> str:
    """A closed-vocabulary value with harmless noise (case, accents)."""
    r = rng.random()
    if r < 0.15:
        return value.upper()
    if r < 0.25:
        return drop_accents(value)
    if r < 0.3:
        return value.lower()
    return value


def _org(e: Entity, rng: random.Random, **kw: float) -> str:
    if isinstance(e, Company):
        return noisy_org(e.base, e.form, rng, **kw)
    if isinstance(e, Body):
        return e.name.upper() if rng.random() < 0.5 else e.name
    if isinstance(e, Trust):
        return e.name if rng.random() < 0.6 else drop_accents(e.name.upper())
    raise TypeError(e)


def _name(e: Entity, rng: random.Random, *, surname_first: float = 0.0) -> str:
    if isinstance(e, Person):
        return noisy_person(e.given, e.paternal, e.maternal, rng, surname_first=surname_first)
    return _org(e, rng)


def _rfc(e: Entity, rng: random.Random, blank: float = 0.12) -> str:
    if isinstance(e, Person | Company):
        return noisy_rfc(e.rfc, rng, blank=blank, foreign=e.country != "MX")
    return ""


def _phone(p: str, rng: random.Random) -> str:
    r = rng.random()
    if r < 0.3:
        return p
    if r < 0.55:
        return f"({p[:2]}) {p[2:6]}-{p[6:]}"
    if r < 0.8:
        return f"+52 {p[:2]} {p[2:6]} {p[6:]}"
    return f"{p[:2]} {p[2:6]} {p[6:]}"


# ---------------------------------------------------------------------------------------
# hydrocarbons


def write_cnh(w: World, sink: Sink, facts: Facts) -> None:
    rng = random.Random(f"mx-bo-generator/{sink.seed}/cnh")
    style = "iso"
    ordinal = ("", "Primera", "Segunda", "Tercera", "Cuarta")
    with sink.table(lay.CNH_CONTRACTS) as out:
        for c in w.contracts:
            op = c.operator_at(REF_DATE)
            if c.ronda:
                ronda = rng.choice((f"Ronda {c.ronda}", f"R{c.ronda:02d}", str(c.ronda)))
                lic = rng.choice((ordinal[c.lic], f"L{c.lic:02d}", str(c.lic)))
            else:
                ronda = "Asociación" if c.id.startswith("CNH-A") else "Migración"
                lic = ""
            cells = {
                "NUM_CONTRATO": c.id,
                "RONDA": ronda,
                "LICITACION": lic,
                "AREA_CONTRACTUAL": c.area if rng.random() < 0.8 else drop_accents(c.area).upper(),
                "TIPO_CONTRATO": _vocab(c.tipo, rng),
                "UBICACION": _vocab(c.ubicacion, rng),
                "CUENCA": c.basin,
                "ENTIDAD_FEDERATIVA": c.state,
                "SUPERFICIE_KM2": fmt_number(c.km2),
                "FECHA_FALLO": noisy_date(c.fallo, rng, style),
                "FECHA_FIRMA": noisy_date(c.firma, rng, style),
                "VIGENCIA_ANIOS": str(c.years),
                "OPERADOR": _org(op, rng),
                "RFC_OPERADOR": _rfc(op, rng),
                "ESTATUS": _vocab(c.status, rng),
            }
            if out.write(cells, [("OPERADOR", op.id)], protected=c.protected):
                facts.holder(op, "cnh-contracts")
    with sink.table(lay.CNH_PARTICIPATIONS) as out:
        for c in w.contracts:
            yes, no = yes_no_pair(rng)
            for p in c.parts:
                e = p.company
                cells = {
                    "NUM_CONTRATO": c.id,
                    "EMPRESA": _org(e, rng),
                    "RFC": _rfc(e, rng),
                    "PAIS_ORIGEN": noisy_country(e.country, rng) if rng.random() < 0.9 else "",
                    "PORCENTAJE_PARTICIPACION": display_share(p.share, rng, exact_only=True)[0],
                    "ES_OPERADOR": yes if p.operator else no,
                    "FECHA_INICIO": noisy_date(p.start, rng, style),
                    "FECHA_FIN": noisy_date(p.end, rng, style),
                    "EVENTO": _vocab(p.event, rng),
                }
                if not out.write(cells, [("EMPRESA", e.id)], protected=c.protected):
                    continue
                facts.holder(e, "cnh-participations")
                if p.event == "Adjudicación":
                    facts.consortia.setdefault(c.id, []).append(e.id)
                    facts.award(e, c.fallo, c.id)
                elif p.event in ("Cesión de interés", "Cambio de control"):
                    facts.contract_events.append((c.id, p.event, p.start, c.fallo, e.id))


# ---------------------------------------------------------------------------------------
# beneficial ownership declarations

_FUENTES = (
    "Declaración BF (SAT)",
    "Aviso a la CNH",
    "Registro Público de Comercio",
    "Informe anual",
    "SIGER",
    "Solicitud de información",
)


def write_declarations(w: World, sink: Sink, facts: Facts) -> None:
    rng = random.Random(f"mx-bo-generator/{sink.seed}/bo")
    style = "iso"
    with sink.table(lay.BO_DECLARATIONS) as out:
        for n, d in enumerate(w.declarations, start=1):
            co = d.company
            filed = min(d.start + timedelta(days=rng.randint(0, 90)), REF_DATE)
            decl_id = f"DBF-{filed.year}-{n:07d}"
            declarant = _org(co, rng)
            declarant_rfc = _rfc(co, rng, blank=0.1)
            fuente = rng.choice(_FUENTES)
            for it in d.interests:
                o = it.owner
                cells = {
                    "ID_DECLARACION": decl_id,
                    "FECHA_DECLARACION": noisy_date(filed, rng, style),
                    "EMPRESA_DECLARANTE": declarant,
                    "RFC_EMPRESA": declarant_rfc,
                    "TIPO_INTERES": _vocab(it.kind, rng),
                    "DIRECTO_INDIRECTO": ""
                    if it.direct == "Directo" and rng.random() < 0.1
                    else _vocab(it.direct, rng),
                    "FECHA_INICIO": noisy_date(d.start, rng, style),
                    "FECHA_FIN": noisy_date(d.end, rng, style),
                    "CLAVE_FIDEICOMISO": it.trust_key,
                    "FUENTE": fuente,
                }
                lo, hi = 0.0, 100.0
                if it.share is not None and it.kind in ("Accionista", "Derechos de voto"):
                    text, lo, hi = display_share(it.share, rng, exact_only=it.exact)
                    cells["PORCENTAJE"] = text
                mentions: list[tuple[str, str]] = [("EMPRESA_DECLARANTE", co.id)]
                owner_id: str
                if o is None:
                    w.n_unspecified += 1
                    u = Unspecified(f"U{w.n_unspecified:07d}", it.motive)
                    w.entities[u.id] = u
                    owner_id = u.id
                    cells["TIPO_TITULAR"] = _vocab("Desconocido", rng)
                    cells["MOTIVO_NO_IDENTIFICADO"] = _vocab(it.motive, rng)
                elif isinstance(o, Person):
                    owner_id = o.id
                    given, pat, mat = o.given, o.paternal, o.maternal
                    if rng.random() < 0.3:
                        given, pat, mat = drop_accents(given), drop_accents(pat), drop_accents(mat)
                    if rng.random() < 0.25:
                        given, pat, mat = given.title(), pat.title(), mat.title()
                    cells |= {
                        "TIPO_TITULAR": _vocab("Persona física", rng),
                        "NOMBRE": given,
                        "PRIMER_APELLIDO": pat,
                        "SEGUNDO_APELLIDO": mat,
                        "RFC": _rfc(o, rng),
                        "CURP": o.curp if rng.random() < 0.85 else "",
                        "NACIONALIDAD": noisy_country(o.country, rng) if rng.random() < 0.9 else "",
                        "FECHA_NACIMIENTO": noisy_date(o.birth, rng, style)
                        if rng.random() < 0.7
                        else "",
                        "DOMICILIO": o.address.text(rng)
                        if o.address and rng.random() < 0.5
                        else "",
                    }
                    mentions.append(("NOMBRE", o.id))
                elif isinstance(o, Company):
                    owner_id = o.id
                    cells |= {
                        "TIPO_TITULAR": _vocab("Persona moral", rng),
                        "RAZON_SOCIAL": _org(o, rng),
                        "RFC": _rfc(o, rng),
                        "JURISDICCION": noisy_country(o.jurisdiction, rng)
                        if not o.mexican or rng.random() < 0.7
                        else "",
                        "DOMICILIO": o.address.text(rng)
                        if o.address and rng.random() < 0.3
                        else "",
                    }
                    mentions.append(("RAZON_SOCIAL", o.id))
                elif isinstance(o, Trust):
                    owner_id = o.id
                    cells |= {
                        "TIPO_TITULAR": _vocab("Fideicomiso", rng),
                        "RAZON_SOCIAL": _org(o, rng),
                    }
                    mentions.append(("RAZON_SOCIAL", o.id))
                else:
                    raise TypeError(o)
                if not out.write(cells, mentions, protected=d.protected):
                    continue
                if it.kind == "Accionista":
                    facts.share_history.append((co.id, owner_id, lo, d.start, d.end))
                    if _covers(d.start, d.end):
                        facts.shares.setdefault(co.id, []).append((owner_id, lo, hi))
                    if isinstance(o, Person):
                        facts.shareholdings.setdefault(o.id, set()).add(co.id)
                elif o is not None and _covers(d.start, d.end):
                    facts.controls.setdefault(co.id, []).append((owner_id, it.kind))


# ---------------------------------------------------------------------------------------
# companies register


def write_companies(w: World, sink: Sink, facts: Facts, protected: set[str]) -> None:
    rng = random.Random(f"mx-bo-generator/{sink.seed}/companies")
    style = "dmy"
    with sink.table(lay.COMPANIES) as out:
        for e in list(w.entities.values()):
            if not isinstance(e, Company) or not e.mexican or e.address is None:
                continue
            a = e.address
            rep, adm = e.representative, e.administrator
            cells = {
                "RFC": _rfc(e, rng, blank=0.08),
                "RAZON_SOCIAL": noisy_org(e.base, e.form, rng, upper=0.7),
                "FECHA_CONSTITUCION": noisy_date(e.incorporated, rng, style),
                "DOMICILIO": a.text(rng),
                "CODIGO_POSTAL": a.cp if rng.random() < 0.9 else "",
                "MUNICIPIO": a.municipio,
                "ENTIDAD_FEDERATIVA": a.state,
                "PAIS": noisy_country("MX", rng),
                "TELEFONO": _phone(e.phone, rng) if e.phone and rng.random() < 0.9 else "",
                "REPRESENTANTE_LEGAL": _name(rep, rng, surname_first=0.3) if rep else "",
                "ADMINISTRADOR_UNICO": _name(adm, rng, surname_first=0.3) if adm else "",
            }
            mentions = [("RAZON_SOCIAL", e.id)]
            officers = []
            if rep is not None:
                mentions.append(("REPRESENTANTE_LEGAL", rep.id))
                officers.append(rep.id)
            if adm is not None:
                mentions.append(("ADMINISTRADOR_UNICO", adm.id))
                officers.append(adm.id)
            if out.write(cells, mentions, protected=e.id in protected):
                phone = e.phone if cells["TELEFONO"] else ""
                facts.register[e.id] = (a.id, phone, officers)


# ---------------------------------------------------------------------------------------
# trusts

_DESTINOS = (
    "APOYOS PARA PROYECTOS PRODUCTIVOS EN MUNICIPIOS MINEROS",
    "PAGO DE HONORARIOS FIDUCIARIOS Y APOYOS APROBADOS POR EL COMITÉ TÉCNICO",
    'FINANCIAMIENTO DEL PROGRAMA "INFRAESTRUCTURA SOCIAL" EN COMUNIDADES',
    "APOYOS PARA LA INVESTIGACIÓN CIENTÍFICA Y TECNOLÓGICA",
    "NO APLICA",
)


def _pesos(v: float) -> str:
    return f"{v:,.2f}".rstrip("0").rstrip(".")


def write_trusts(w: World, sink: Sink, facts: Facts) -> None:
    rng = random.Random(f"mx-bo-generator/{sink.seed}/trusts")
    with sink.table(lay.TRUSTS) as out:
        n = 0
        for t in w.trusts:
            if not t.public:
                continue
            n += 1
            settlor = t.settlor
            fid = t.fiduciary
            assert settlor is not None
            assert fid is not None
            if isinstance(settlor, Body) and settlor.siglas == "SHCP":
                settlor_text = "HACIENDA Y CRÉDITO PÚBLICO COMO FIDEICOMITENTE ÚNICO DE LA APC"
            else:
                settlor_text = _org(settlor, rng).upper()
            initial = rng.choice((1, 5, 10, 50, 100, 500)) * 1_000_000 * rng.choice((1, 2, 3))
            balance = rng.uniform(1e5, 5e9)
            destino = rng.choice(_DESTINOS)
            report = (
                f"DESTINO: {destino}\n\nCUMPLIMIENTO DE LA MISIÓN:\n"
                f"DURANTE EL EJERCICIO SE OTORGARON {rng.randint(3, 400)} APOYOS CONFORME A LAS "
                "REGLAS DE OPERACIÓN."
            )
            comments = rng.choice(
                (
                    "NINGUNA",
                    "SIN OBSERVACIONES",
                    "LA INFORMACIÓN SE REPORTA CON BASE EN LAS CIFRAS QUE PROPORCIONA LA "
                    "FIDUCIARIA.",
                    f'EL COMITÉ TÉCNICO APROBÓ EL "PROGRAMA ANUAL {REF_DATE.year - 1}" EN SU '
                    "PRIMERA SESIÓN.",
                )
            )
            d = t.created
            cells = {
                "id": str(n),
                "year": str(REF_DATE.year - 1),
                "branch": t.branch,
                "type": t.type,
                "scope": t.scope,
                "unit": t.unit,
                "settlor": settlor_text,
                "registry": t.key,
                "designation": t.name,
                "objective": (
                    f"ADMINISTRAR LOS RECURSOS DEL {t.name} CONFORME A SUS REGLAS DE OPERACIÓN."
                ),
                "fiduciary": _org(fid, rng).upper() if rng.random() < 0.7 else _org(fid, rng),
                "theme": t.theme,
                "balance": _pesos(balance),
                "income": _pesos(rng.uniform(0, balance / 3)) if rng.random() < 0.7 else "0",
                "yield": _pesos(rng.uniform(0, balance / 20)),
                "expenses": _pesos(rng.uniform(0, balance / 3)),
                "report": report,
                "availability": _pesos(balance * rng.uniform(0.5, 1.1)),
                "availability_type": rng.choice(
                    (
                        "PATRIMONIO",
                        "(DTS) FÓRMULA DE LA DISPONIBILIDAD DEL SALDO TRIMESTRAL DE LOS CRITERIOS",
                    )
                ),
                "initial_amount": f"${initial:,}",
                "initial_date": fmt_date(d, "dmy"),
                "comments": comments,
                "initial_amount_comments": (
                    f"APORTACIÓN INICIAL:   MONTO: ${initial:,.2f}   FECHA: {fmt_date(d, 'dmy')}"
                    f"\n\nOBSERVACIONES: {comments}"
                ),
            }
            out.write(
                cells, [("settlor", settlor.id), ("designation", t.id), ("fiduciary", fid.id)]
            )
    with sink.table(lay.TRUST_PARTIES) as out:
        style = "iso"
        for tp in w.trust_parties:
            p = tp.party
            cells = {
                "CLAVE_REGISTRO": tp.trust.key,
                "PARTE": _vocab(tp.role, rng),
                "TIPO_PERSONA": _vocab("Física" if isinstance(p, Person) else "Moral", rng),
                "NOMBRE": _name(p, rng, surname_first=0.4),
                "RFC": _rfc(p, rng, blank=0.3),
                "CURP": p.curp if isinstance(p, Person) and rng.random() < 0.5 else "",
                "CARGO": tp.cargo,
                "FECHA_INICIO": noisy_date(tp.start, rng, style),
                "FECHA_FIN": noisy_date(tp.end, rng, style),
            }
            if out.write(cells, [("NOMBRE", p.id)], protected=tp.protected) and _covers(
                tp.start, tp.end
            ):
                facts.trust_roles.setdefault(tp.trust.id, []).append((p.id, tp.role))


# ---------------------------------------------------------------------------------------
# PEPs

_PEP_SOURCES = (
    "DeclaraNet",
    "Portal de Transparencia",
    "Diario Oficial de la Federación",
    "Nota periodística",
)


def write_peps(w: World, sink: Sink, facts: Facts) -> None:
    rng = random.Random(f"mx-bo-generator/{sink.seed}/pep")
    style = "text"
    with sink.table(lay.PEP) as out:
        for r in w.peps:
            p = r.person
            given, pat, mat = p.given, p.paternal, p.maternal
            if rng.random() < 0.3:
                given, pat, mat = drop_accents(given), drop_accents(pat), drop_accents(mat)
            cells = {
                "ID_PEP": r.pep_id,
                "NOMBRE": given,
                "PRIMER_APELLIDO": pat,
                "SEGUNDO_APELLIDO": mat,
                "CURP": p.curp if rng.random() < 0.8 else "",
                "RFC": _rfc(p, rng, blank=0.3),
                "CARGO": r.cargo,
                "DEPENDENCIA": r.body.name if r.body else "",
                "ORDEN_GOBIERNO": _vocab(r.orden, rng) if r.orden else "",
                "FECHA_INICIO_CARGO": noisy_date(r.start, rng, style),
                "FECHA_FIN_CARGO": noisy_date(r.end, rng, style),
                "PARENTESCO": _vocab(r.relation, rng) if r.relation else "",
                "ID_PEP_RELACIONADO": r.related,
                "FUENTE": rng.choice(_PEP_SOURCES),
            }
            mentions = [("NOMBRE", p.id)]
            if r.body is not None:
                mentions.append(("DEPENDENCIA", r.body.id))
            if out.write(cells, mentions, protected=r.protected):
                facts.peps[r.pep_id] = (p.id, r.relation, r.related)


# ---------------------------------------------------------------------------------------
# mining titles and acts (streamed)


_LOT_SUFFIX = ("", "", " II", " III", " 2", " Fracción I")
_UC_OFFICES = (
    "Gerencia de Recursos Materiales",
    "Subdirección de Administración",
    "Gerencia de Contrataciones",
)
_ANUNCIO = "https://compranet.funcionpublica.gob.mx/esop/guest/go/opportunity/detail?opportunityId="


def _mining_date(rng: random.Random) -> date:
    year = rng.choices(range(1992, 2024), [1 + (y - 1992) % 14 for y in range(1992, 2024)])[0]
    return date(year, rng.randint(1, 12), rng.randint(1, 28))


def _plus_years(d: date, years: int) -> date:
    return d.replace(year=d.year + years, day=min(d.day, 28) if d.month == 2 else d.day)


def _earliest(e: Entity) -> date:
    """The first day a holder may receive a title without looking like a new company."""
    if isinstance(e, Company):
        return e.incorporated + timedelta(days=400)
    return date(1990, 1, 1)


def _transfers(
    chain: list[Entity], issued: date, last: date, rng: random.Random
) -> list[tuple[Entity, Entity, date]] | None:
    """Dates of the transmissions along ``chain`` (None when they do not fit)."""
    out = []
    day = issued
    for a, b in pairwise(chain):
        # most titles change hands years after issue; a few quickly (a flip)
        lo = day + timedelta(days=60 if rng.random() < 0.03 else 800)
        if isinstance(b, Company):
            lo = max(lo, b.incorporated + timedelta(days=30))
        if lo >= last or a is b:
            return None
        day = lo + timedelta(days=rng.randint(0, min(4000, (last - lo).days)))
        out.append((a, b, day))
    return out


def write_mining(w: World, sink: Sink, facts: Facts) -> None:
    rng = random.Random(f"mx-bo-generator/{sink.seed}/mining")
    style = "dmy"
    last = REF_DATE - timedelta(days=30)
    forced: list[Entity] = [e for e in w.forced_titles for _ in range(3)]
    forced += [e for e in (w.entities[i] for i in w.new_company_titles) for _ in range(2)]
    n_titles = _MINING_TITLES_PER_UNIT * w.scale
    number = 150_000
    act_no = 0
    planted = {e.id for e in w.forced_titles} | set(w.new_company_titles)

    def draw() -> Entity:
        return w.mining.draw(rng) if rng.random() < 0.72 else w.mining_people.draw(rng)

    with sink.table(lay.MINING_CONCESSIONS) as titles, sink.table(lay.MINING_ACTS) as acts:
        for i in range(n_titles):
            number += rng.randint(1, 3)
            titular = forced[i] if i < len(forced) else draw()
            fresh = titular.id in w.new_company_titles
            chain: list[Entity] = [titular]
            if titular.id not in planted and rng.random() < 0.2:
                chain = [*(draw() for _ in range(rng.choice((1, 1, 1, 2)))), titular]
            drawn = _mining_date(rng)
            if fresh and isinstance(titular, Company):
                exp = titular.incorporated + timedelta(days=rng.randint(30, 300))
            else:
                exp = max(drawn, _earliest(chain[0]))
                if exp > last:
                    chain = [titular]
                    exp = max(drawn, _earliest(titular))
            if exp > last:
                continue
            transfers = _transfers(chain, exp, last, rng)
            if transfers is None:
                chain, transfers = [titular], []
                exp = max(exp, _earliest(titular)) if not fresh else exp
                if exp > last:
                    continue
            title_id = str(number)
            cell_title = f"T-{number}" if rng.random() < 0.5 else title_id
            exploration = exp.year < 2006 and rng.random() < 0.4
            state_code = rng.choice(vocab.MINING_STATES)
            st = next(s for s in vocab.STATES if s[0] == state_code)
            subs = rng.sample(
                vocab.SUBSTANCES[:8] if rng.random() < 0.8 else vocab.SUBSTANCES, rng.randint(1, 4)
            )
            cells = {
                "TITULO": cell_title,
                "NOMBRE_LOTE": (rng.choice(vocab.LOT_WORDS) + rng.choice(_LOT_SUFFIX)).upper()
                if rng.random() < 0.7
                else rng.choice(vocab.LOT_WORDS),
                "TITULAR": _name(titular, rng, surname_first=0.6),
                "RFC_TITULAR": _rfc(titular, rng, blank=0.5),
                "TIPO": ("Exploración" if exploration else "Explotación")
                if exp.year < 2006
                else "Concesión minera",
                "FECHA_EXPEDICION": noisy_date(exp, rng, style),
                "FECHA_INICIO_VIGENCIA": noisy_date(exp, rng, style),
                "FECHA_FIN_VIGENCIA": noisy_date(
                    _plus_years(exp, 6 if exploration else 50), rng, style
                ),
                "SUPERFICIE_HA": fmt_amount(min(rng.paretovariate(0.9) * 20, 60000.0), rng),
                "ESTADO": st[1],
                "MUNICIPIO": rng.choice(st[2]),
                "SUSTANCIAS": ", ".join(subs),
                "SITUACION": _vocab(
                    rng.choices(("Vigente", "Cancelada", "En trámite"), (75, 20, 5))[0], rng
                ),
            }
            loaded = titles.write(cells, [("TITULAR", titular.id)], protected=titular.id in planted)
            if loaded:
                facts.holder(titular, "mining-concessions")
                if not transfers:
                    facts.award(titular, exp, f"TITULO:{title_id}")
            for k, (a, b, day) in enumerate(transfers):
                act_no += 1
                act = {
                    "TITULO": cell_title,
                    "NUM_INSCRIPCION": f"{act_no}/{day.year}"
                    if rng.random() < 0.6
                    else f"A-{act_no:07d}",
                    "TIPO_ACTO": _vocab("Transmisión de titularidad", rng),
                    "CEDENTE": _name(a, rng, surname_first=0.6),
                    "RFC_CEDENTE": _rfc(a, rng, blank=0.5),
                    "CESIONARIO": _name(b, rng, surname_first=0.6),
                    "RFC_CESIONARIO": _rfc(b, rng, blank=0.5),
                    "FECHA_INSCRIPCION": noisy_date(day, rng, style),
                }
                if acts.write(act, [("CEDENTE", a.id), ("CESIONARIO", b.id)]):
                    facts.holder(b, "mining-acts")
                    if loaded:
                        facts.title_transfers.append((title_id, day, exp, a.id, b.id))
                        if k == 0:
                            facts.award(a, exp, f"TITULO:{title_id}")
            if rng.random() < 0.08:
                other = w.mining.draw(rng)
                lo = max(
                    exp, other.incorporated if isinstance(other, Company) else exp
                ) + timedelta(days=30)
                if other is not titular and lo < last:
                    act_no += 1
                    day = lo + timedelta(days=rng.randint(0, (last - lo).days))
                    kind = rng.choice(
                        ("Cesión", "Contrato de exploración", "Contrato de explotación")
                    )
                    act = {
                        "TITULO": cell_title,
                        "NUM_INSCRIPCION": f"{act_no}/{day.year}",
                        "TIPO_ACTO": _vocab(kind, rng),
                        "CEDENTE": _name(titular, rng, surname_first=0.6),
                        "RFC_CEDENTE": _rfc(titular, rng, blank=0.5),
                        "CESIONARIO": _name(other, rng),
                        "RFC_CESIONARIO": _rfc(other, rng, blank=0.5),
                        "FECHA_INSCRIPCION": noisy_date(day, rng, style),
                    }
                    acts.write(act, [("CEDENTE", titular.id), ("CESIONARIO", other.id)])


# ---------------------------------------------------------------------------------------
# CompraNet (streamed)


def _gmt(d: date) -> str:
    return f"{d.isoformat()} 00:00:00 GMT"


def write_compranet(w: World, sink: Sink, facts: Facts) -> None:
    rng = random.Random(f"mx-bo-generator/{sink.seed}/compranet")
    last = REF_DATE - timedelta(days=10)
    officials: dict[str, list[Person]] = {}
    forced: list[Entity] = [e for e in w.forced_awards for _ in range(2)]
    code = 700_000
    with sink.table(lay.COMPRANET) as out:
        for i in range(_PROCUREMENT_PER_UNIT * w.scale):
            code += rng.randint(1, 9)
            sup = forced[i] if i < len(forced) else w.suppliers.draw(rng)
            for _ in range(20):
                if not isinstance(sup, Company) or sup.id in w.new_company_awards:
                    break
                if sup.incorporated + timedelta(days=400) < last:
                    break
                sup = w.suppliers.draw(rng)
            if isinstance(sup, Company) and sup.id in w.new_company_awards:
                award = sup.incorporated + timedelta(days=rng.randint(20, 300))
            else:
                lo = date(2012, 1, 1)
                if isinstance(sup, Company):
                    lo = max(lo, sup.incorporated + timedelta(days=400))
                if lo >= last:
                    continue
                award = lo + timedelta(days=rng.randint(0, (last - lo).days))
            siglas = rng.choice(vocab.BUYERS)
            buyer = w.body(siglas)
            if siglas not in officials:
                officials[siglas] = [w.person(w.group(), born=(1955, 1985)) for _ in range(2)]
            resp = rng.choice(officials[siglas])
            plantilla, tipo_proc, prefix, tipo_contr = rng.choice(vocab.PROCUREMENT_TEMPLATES)
            unit_code = rng.choice(("T4I", "J3E", "TOQ", "KDN", "B00"))
            uc = f"0{rng.randint(10, 99)}{unit_code}{rng.randint(1, 9):03d}"
            proc = f"{prefix}-{uc}-{rng.choice('NTEI')}{rng.randint(1, 99)}-{award.year}"
            celeb = award + timedelta(days=rng.randint(0, 10))
            start = celeb + timedelta(days=rng.randint(0, 20))
            end = start + timedelta(days=rng.randint(30, 720))
            title = rng.choice(vocab.PROCUREMENT_TITLES)
            published = opened = ""
            if prefix[0] != "A":  # direct awards publish no call and open no bids
                day = award - timedelta(days=rng.randint(10, 40))
                published = f"{day.isoformat()} {rng.randint(8, 19):02d}:{rng.randint(0, 59):02d}"
                opened = f"{(award - timedelta(days=rng.randint(3, 9))).isoformat()} 10:00"
            has_fallo = rng.random() < 0.35
            has_celeb = rng.random() < 0.6
            amount = round(rng.paretovariate(1.1) * 50_000, 2)
            cells = {
                "": "APF",
                "SIGLAS": siglas,
                "DEPENDENCIA": buyer.name,
                "CLAVEUC": uc,
                "NOMBRE_DE_LA_UC": f"{siglas}-{rng.choice(_UC_OFFICES)}",
                "RESPONSABLE": noisy_person(
                    resp.given, resp.paternal, resp.maternal, rng, title_case=0.8
                ),
                "NUMERO_EXPEDIENTE": str(code + 90_000),
                "TITULO_EXPEDIENTE": title[:80],
                "PLANTILLA_EXPEDIENTE": plantilla,
                "NUMERO_PROCEDIMIENTO": proc,
                "EXP_F_FALLO": _gmt(award) if has_fallo else "",
                "PROC_F_PUBLICACION": published,
                "FECHA_APERTURA_PROPOSICIONES": opened,
                "CARACTER": "Internacional" if "Internacional" in plantilla else "Nacional",
                "TIPO_CONTRATACION": tipo_contr,
                "TIPO_PROCEDIMIENTO": tipo_proc,
                "FORMA_PROCEDIMIENTO": rng.choice(("Mixta", "Electrónica", "Presencial", "")),
                "CODIGO_CONTRATO": str(code),
                "TITULO_CONTRATO": title if rng.random() < 0.8 else title.title(),
                "FECHA_INICIO": start.isoformat(),
                "FECHA_FIN": end.isoformat(),
                "IMPORTE_CONTRATO": fmt_number(amount) if rng.random() < 0.97 else "0",
                "MONEDA": "MXN" if rng.random() < 0.97 else "USD",
                "ESTATUS_CONTRATO": "Expirado" if end < REF_DATE else "Activo",
                "ARCHIVADO": "No",
                "RAMO": rng.choice(("", "", "", "18", "52", "53")),
                "CLAVE_PROGRAMA": "",
                "APORTACION_FEDERAL": "",
                "FECHA_CELEBRACION": _gmt(celeb) if has_celeb else "",
                "CONTRATO_MARCO": "0",
                "COMPRA_CONSOLIDADA": "0",
                "PLURIANUAL": "1" if (end - start).days > 365 else "0",
                "CLAVE_CARTERA_SHCP": "",
                "ESTRATIFICACION_MUC": rng.choice(("Micro", "Pequeña", "Mediana", "No MIPYME")),
                "PROVEEDOR_CONTRATISTA": _name(sup, rng),
                "ESTRATIFICACION_MPC": rng.choice(("", "Micro", "Pequeña", "Mediana", "No MIPYME")),
                "ESTATUS_EMPRESA": "Habilitado",
                "CUENTA_ADMINISTRADA_POR": rng.choice(("UC", "PoC")),
                "ANUNCIO": f"{_ANUNCIO}{code - 190_000}" if rng.random() < 0.7 else "",
            }
            out.write(
                cells,
                [
                    ("DEPENDENCIA", buyer.id),
                    ("RESPONSABLE", resp.id),
                    ("PROVEEDOR_CONTRATISTA", sup.id),
                ],
            )
            facts.holder(sup, "compranet")
            award_day = award if has_fallo else (celeb if has_celeb else start)
            facts.award(sup, award_day, f"COMPRANET:{code}")


# ---------------------------------------------------------------------------------------
# SAT 69-B and SFP sanctions (real layouts)


def _oficio(d: date, rng: random.Random) -> str:
    day = f"{d.day:02d}" if rng.random() < 0.6 else str(d.day)
    month = vocab.MONTHS_ES[d.month - 1]
    text = f"500-05-{d.year}-{rng.randint(1000, 45000)} de fecha {day} de {month} de {d.year}"
    r = rng.random()
    if r < 0.02:
        text += " "
    elif r < 0.04:
        text = text.replace(" de fecha", "  de fecha")
    return text


def write_sat(w: World, sink: Sink, facts: Facts) -> None:
    rng = random.Random(f"mx-bo-generator/{sink.seed}/sat")
    rows: list[tuple[str, list[str], Entity]] = []
    seen: set[str] = set()
    for e, situation in w.sat:
        if e.id in seen or not isinstance(e, Person | Company) or not e.rfc:
            continue
        seen.add(e.id)
        if isinstance(e, Person):
            name = f"{e.paternal} {e.maternal} {e.given}".replace("  ", " ").strip()
        else:
            name = noisy_org(e.base, e.form, rng, upper=1.0, accents=0.25, typos=0.01)
        name = name.upper()
        rfc = e.rfc if rng.random() > 0.007 else "XXXXXXXXXXXX"
        d0 = date(rng.randint(2014, 2022), rng.randint(1, 12), rng.randint(1, 28))
        d0 = min(d0, REF_DATE - timedelta(days=700))
        stages = [""] * 16
        o = _oficio(d0, rng)
        stages[0:4] = [
            o,
            fmt_date(d0, "dmy"),
            o,
            fmt_date(d0 + timedelta(days=rng.randint(10, 50)), "dmy"),
        ]
        if situation == "Desvirtuado":
            d1 = d0 + timedelta(days=rng.randint(200, 500))
            o1 = _oficio(d1, rng)
            stages[4:8] = [
                o1,
                fmt_date(d1, "dmy"),
                o1,
                fmt_date(d1 + timedelta(days=rng.randint(10, 40)), "dmy"),
            ]
        if situation in ("Definitivo", "Sentencia Favorable"):
            d2 = d0 + timedelta(days=rng.randint(150, 600))
            o2 = _oficio(d2, rng)
            pub = fmt_date(d2 + timedelta(days=rng.randint(10, 40)), "dmy")
            if rng.random() < 0.01:
                pub = f"{pub} - {fmt_date(d2 - timedelta(days=rng.randint(20, 300)), 'dmy')}"
            stages[8:12] = [o2, fmt_date(d2, "dmy"), o2, pub]
            if situation == "Sentencia Favorable":
                d3 = min(d2 + timedelta(days=rng.randint(300, 1200)), REF_DATE - timedelta(days=5))
                o3 = _oficio(d3, rng)
                stages[12:16] = [
                    o3,
                    fmt_date(d3, "dmy"),
                    o3,
                    fmt_date(min(d3 + timedelta(days=20), REF_DATE), "dmy"),
                ]
        rows.append((rfc, [rfc, name, situation, *stages], e))
    rows.sort(key=lambda r: (r[0], r[1][1]))
    months = vocab.MONTHS_ES[REF_DATE.month - 1]
    preamble = [
        [f"Información actualizada al {REF_DATE.day} de {months} de {REF_DATE.year}"] + [""] * 19,
        ["Listado completo de contribuyentes (Artículo 69-B del CFF)"] + [""] * 19,
    ]
    with sink.table(lay.SAT_69B, preamble=preamble) as out:
        for n, (_, values, e) in enumerate(rows, start=1):
            cells = dict(zip(lay.SAT_69B.header, [str(n), *values], strict=True))
            out.write(cells, [("Nombre del Contribuyente", e.id)])
            facts.sat.setdefault(e.id, []).append(values[2])


def write_sfp(w: World, sink: Sink, facts: Facts) -> None:
    rng = random.Random(f"mx-bo-generator/{sink.seed}/sfp")
    counters: dict[int, int] = defaultdict(int)
    responsible: dict[str, Person] = {}
    h = lay.SFP_SANCTIONS.header
    with sink.table(lay.SFP_SANCTIONS) as out:
        for e, resolution in w.sfp:
            assert isinstance(e, Company)
            siglas = rng.choice(vocab.BUYERS)
            body = w.body(siglas)
            if siglas not in responsible:
                responsible[siglas] = w.person(w.group(), born=(1955, 1980))
            resp = responsible[siglas]
            resolved = date(
                rng.randint(2006, REF_DATE.year - 1), rng.randint(1, 12), rng.randint(1, 28)
            )
            notified = resolved + timedelta(days=rng.randint(0, 40))
            counters[resolved.year] += 1
            name = noisy_org(e.base, e.form, rng, upper=0.9, accents=0.2)
            if rng.random() < 0.1:
                name = name.replace(" ", "  ", 1)
            cells = {
                h[0]: name,
                h[1]: body.name.upper() if rng.random() < 0.7 else body.name,
                h[2]: f"{counters[resolved.year]:04d}/{resolved.year}",
                h[3]: rng.choice(vocab.SFP_FACTS),
                h[4]: rng.choice(vocab.SFP_OBJECTS),
                h[5]: resolution,
                h[6]: notified.isoformat(),
                h[7]: resolved.isoformat(),
                h[8]: rng.choice(vocab.SFP_TERMS) if "INHABILITACIÓN" in resolution else "",
                h[9]: fmt_number(round(rng.uniform(5_000, 900_000), rng.choice((0, 2)))),
                h[10]: f"{resp.given} {resp.paternal} {resp.maternal}".upper(),
            }
            out.write(
                cells,
                [(h[0], e.id), (h[1], body.id), (h[10], resp.id)],
            )
            facts.sfp.setdefault(e.id, []).append(resolution)


def write_sources(w: World, sink: Sink, protected: set[str]) -> Facts:
    """Write every source file; return what their loadable rows say."""
    facts = Facts()
    write_cnh(w, sink, facts)
    write_declarations(w, sink, facts)
    write_trusts(w, sink, facts)
    write_peps(w, sink, facts)
    write_mining(w, sink, facts)
    write_compranet(w, sink, facts)
    write_sat(w, sink, facts)
    write_sfp(w, sink, facts)
    write_companies(w, sink, facts, protected)
    for layout in lay.LAYOUTS.values():
        facts.encodings[layout.file] = layout.encoding
    return facts
