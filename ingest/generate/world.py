"""The synthetic sector in memory: entities, corporate groups, ownership declarations,
hydrocarbon contracts, trusts, PEPs and listings.

Everything here is the *truth*; the source files are noisy views of it written by
``sources``. Large streams (mining titles, procurement contracts) are not held here:
``sources`` draws them row by row from the pools this module prepares.
"""

from __future__ import annotations

import random
from bisect import bisect
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import accumulate

from ingest.generate import vocab
from ingest.generate.identifiers import company_rfc, person_curp, person_rfc, wrong_check_digit

__all__ = [
    "REF_DATE",
    "Address",
    "Body",
    "Company",
    "Declaration",
    "Entity",
    "HydroContract",
    "Interest",
    "Participation",
    "PepRow",
    "Person",
    "Pool",
    "Trust",
    "TrustParty",
    "World",
    "build_world",
]

#: Ownership truth, flags and "current" holders are as of this day.
REF_DATE = date(2024, 6, 30)
_STATE_BY_CODE = {s[0]: s for s in vocab.STATES}
_LADA = {"DF": "55", "NL": "81", "JC": "33", "MC": "722", "SR": "662", "CH": "614", "ZS": "492"}


def _days(rng: random.Random, lo: date, hi: date) -> date:
    span = (hi - lo).days
    return lo + timedelta(days=rng.randint(0, max(span, 0)))


@dataclass(slots=True, eq=False)
class Address:
    """A true address; sources write it in several ways."""

    id: int
    street: str
    number: str
    colonia: str
    cp: str
    municipio: str
    state: str
    mass: bool = False

    def text(self, rng: random.Random) -> str:
        r = rng.random()
        if r < 0.5:
            return (
                f"{self.street} {self.number}, Col. {self.colonia}, C.P. {self.cp}, "
                f"{self.municipio}, {self.state}"
            )
        if r < 0.8:
            return (
                f"{self.street.upper()} NO. {self.number} COL. {self.colonia.upper()} "
                f"CP {self.cp} {self.municipio.upper()}"
            )
        return (
            f"{self.street} #{self.number}, {self.colonia}, {self.municipio}, "
            f"{self.state} {self.cp}"
        )


@dataclass(slots=True, eq=False)
class Person:
    id: str
    given: str
    paternal: str
    maternal: str
    sex: str
    birth: date
    state: str
    country: str
    rfc: str
    curp: str
    group: int
    address: Address | None = None

    @property
    def name(self) -> str:
        return " ".join(p for p in (self.given, self.paternal, self.maternal) if p)

    @property
    def kind(self) -> str:
        return "person"


@dataclass(slots=True, eq=False)
class Company:
    id: str
    base: str
    form: str
    country: str
    jurisdiction: str
    incorporated: date
    rfc: str
    group: int
    address: Address | None = None
    phone: str = ""
    listed: bool = False
    representative: Person | None = None
    administrator: Person | None = None

    @property
    def name(self) -> str:
        if self.form in vocab.MX_FORMS:
            return f"{self.base}, {vocab.MX_FORMS[self.form][0]}"
        return f"{self.base} {self.form}".strip()

    @property
    def kind(self) -> str:
        return "company"

    @property
    def mexican(self) -> bool:
        return self.country == "MX"


@dataclass(slots=True, eq=False)
class Body:
    id: str
    siglas: str
    name: str
    rfc: str = ""

    @property
    def kind(self) -> str:
        return "public_body"

    @property
    def country(self) -> str:
        return "MX"


@dataclass(slots=True, eq=False)
class Trust:
    id: str
    name: str
    key: str
    public: bool
    created: date
    type: str = "FIDEICOMISO"
    scope: str = "PRIVADO"
    branch: str = ""
    unit: str = ""
    settlor: Entity | None = None
    fiduciary: Entity | None = None
    theme: str = ""

    @property
    def kind(self) -> str:
        return "trust"

    @property
    def country(self) -> str:
        return "MX"


@dataclass(slots=True, eq=False)
class Unspecified:
    """An owner a declaration says is not identified, with the reason it gives."""

    id: str
    reason: str

    @property
    def kind(self) -> str:
        return "unspecified"

    @property
    def name(self) -> str:
        return self.reason

    @property
    def country(self) -> str:
        return ""


Entity = Person | Company | Body | Trust | Unspecified


@dataclass(slots=True)
class Interest:
    """One declared interest of ``owner`` (``None``: not identified) in a company."""

    owner: Entity | None
    kind: str = "Accionista"
    share: float | None = None
    direct: str = "Directo"
    motive: str = ""
    trust_key: str = ""
    exact: bool = False


@dataclass(slots=True)
class Declaration:
    """A snapshot of a company's interested parties valid from ``start`` to ``end``."""

    company: Company
    start: date
    end: date | None
    interests: list[Interest]
    protected: bool = False


@dataclass(slots=True)
class Participation:
    company: Company | Body
    share: float
    operator: bool
    start: date
    end: date | None
    event: str


@dataclass(slots=True)
class HydroContract:
    id: str
    ronda: int
    lic: int
    area: str
    tipo: str
    ubicacion: str
    basin: str
    state: str
    km2: float
    fallo: date
    firma: date
    years: int
    status: str
    parts: list[Participation] = field(default_factory=list)
    protected: bool = False

    def operator_at(self, day: date) -> Company | Body:
        current = [
            p for p in self.parts if p.start <= day and (p.end is None or p.end >= day)
        ] or self.parts
        ops = [p for p in current if p.operator] or current
        return ops[-1].company


@dataclass(slots=True)
class TrustParty:
    trust: Trust
    role: str
    party: Entity
    cargo: str
    start: date
    end: date | None
    protected: bool = False


@dataclass(slots=True)
class PepRow:
    pep_id: str
    person: Person
    cargo: str
    body: Body | None
    orden: str
    start: date | None
    end: date | None
    relation: str = ""
    related: str = ""
    protected: bool = False


@dataclass(slots=True)
class Pool:
    """Entities drawn with heavy-tailed weights (Pareto), for streamed rows."""

    items: list[Entity] = field(default_factory=list)
    weights: list[float] = field(default_factory=list)
    _cum: list[float] = field(default_factory=list)

    def add(self, item: Entity, weight: float) -> None:
        self.items.append(item)
        self.weights.append(weight)

    def freeze(self) -> None:
        self._cum = list(accumulate(self.weights))

    def draw(self, rng: random.Random) -> Entity:
        return self.items[bisect(self._cum, rng.random() * self._cum[-1])]


@dataclass
class World:
    """All entities and facts; ``planted`` lists the red flags put in on purpose."""

    rng: random.Random
    scale: int
    entities: dict[str, Entity] = field(default_factory=dict)
    bodies: dict[str, Body] = field(default_factory=dict)
    banks: list[Company] = field(default_factory=list)
    addresses: list[Address] = field(default_factory=list)
    declarations: list[Declaration] = field(default_factory=list)
    contracts: list[HydroContract] = field(default_factory=list)
    trusts: list[Trust] = field(default_factory=list)
    trust_parties: list[TrustParty] = field(default_factory=list)
    peps: list[PepRow] = field(default_factory=list)
    sat: list[tuple[Entity, str]] = field(default_factory=list)
    sfp: list[tuple[Entity, str]] = field(default_factory=list)
    hydro_spvs: list[list[Company]] = field(default_factory=list)
    decls: dict[str, list[Declaration]] = field(default_factory=dict)
    forced_titles: list[Entity] = field(default_factory=list)
    forced_awards: list[Entity] = field(default_factory=list)
    mining: Pool = field(default_factory=Pool)
    mining_people: Pool = field(default_factory=Pool)
    suppliers: Pool = field(default_factory=Pool)
    #: companies whose titles / procurement awards come within a year of incorporation
    new_company_titles: dict[str, date] = field(default_factory=dict)
    new_company_awards: dict[str, date] = field(default_factory=dict)
    planted: list[tuple[str, str, str]] = field(default_factory=list)
    cycles: list[list[str]] = field(default_factory=list)
    mass_addresses: list[Address] = field(default_factory=list)
    #: companies that carry real names (the seeded contracts): never listed or flagged
    seeded: set[str] = field(default_factory=set)
    mass_phones: list[str] = field(default_factory=list)
    used_rfc: set[str] = field(default_factory=set)
    used_curp: set[str] = field(default_factory=set)
    used_names: set[str] = field(default_factory=set)
    n_person: int = 0
    n_company: int = 0
    n_trust: int = 0
    n_group: int = 0
    n_unspecified: int = 0
    n_private_trust: int = 0
    n_public_trust: int = 0

    # -- entities ----------------------------------------------------------------------
    def group(self) -> int:
        self.n_group += 1
        return self.n_group

    def address(self, state_code: str, *, mass: bool = False) -> Address:
        rng = self.rng
        _code, name, municipios, cp2 = _STATE_BY_CODE[state_code]
        a = Address(
            len(self.addresses) + 1,
            rng.choice(vocab.STREETS),
            str(rng.randint(1, 2999)),
            rng.choice(vocab.COLONIAS),
            f"{cp2}{rng.randint(0, 999):03d}",
            rng.choice(municipios),
            name,
            mass,
        )
        if mass:
            a.number = f"{a.number}, Piso {rng.randint(2, 30)}"
        self.addresses.append(a)
        return a

    def phone(self, state_code: str) -> str:
        lada = _LADA.get(state_code, "55")
        return lada + "".join(self.rng.choice("0123456789") for _ in range(10 - len(lada)))

    def person(
        self,
        group: int,
        *,
        sex: str | None = None,
        paternal: str | None = None,
        maternal: str | None = None,
        born: tuple[int, int] = (1945, 1992),
        state: str | None = None,
        foreign: str = "",
    ) -> Person:
        rng = self.rng
        self.n_person += 1
        pid = f"P{self.n_person:07d}"
        sex = sex or rng.choice("HM")
        birth = date(rng.randint(*born), rng.randint(1, 12), rng.randint(1, 28))
        if foreign:
            p = Person(
                pid,
                rng.choice(vocab.FOREIGN_GIVEN),
                rng.choice(vocab.FOREIGN_SURNAMES),
                "",
                sex,
                birth,
                "NE",
                foreign,
                "",
                "",
                group,
            )
            self.entities[pid] = p
            return p
        given = rng.choice(vocab.GIVEN_M if sex == "H" else vocab.GIVEN_F)
        paternal = paternal or rng.choice(vocab.SURNAMES)
        maternal = maternal if maternal is not None else rng.choice(vocab.SURNAMES)
        state = state or rng.choice(vocab.STATES)[0]
        rfc = person_rfc(given, paternal, maternal, birth, rng, self.used_rfc)
        if rng.random() < 0.015:  # SAT itself issued a few with a wrong check digit
            rfc = wrong_check_digit(rfc, rng)
            self.used_rfc.add(rfc)
        curp = person_curp(given, paternal, maternal, birth, sex, state, rng, self.used_curp)
        p = Person(pid, given, paternal, maternal, sex, birth, state, "MX", rfc, curp, group)
        if rng.random() < 0.5:
            p.address = self.address(state if state in _STATE_BY_CODE else "DF")
        self.entities[pid] = p
        return p

    def _name(self, patterns: tuple[str, ...], words: tuple[str, ...] | list[str]) -> str:
        rng = self.rng
        for attempt in range(1000):
            w = rng.choice(words)
            if attempt > 3 or rng.random() < 0.35:
                w = f"{w} {rng.choice(words)}" if rng.random() < 0.5 else w
                if attempt > 8 or rng.random() < 0.3:
                    w = f"{w} {rng.choice(vocab.REGIONS)}"
                if attempt > 30:
                    w = f"{w} {rng.choice(vocab.ROMAN)}"
                if attempt > 200:
                    w = f"{w} {rng.randint(2, 999)}"
            name = rng.choice(patterns).format(w=w)
            key = name.upper()
            if key not in self.used_names:
                self.used_names.add(key)
                return name
        raise RuntimeError("company names exhausted")  # pragma: no cover

    def company(
        self,
        group: int,
        patterns: tuple[str, ...],
        *,
        jurisdiction: str = "MX",
        form: str | None = None,
        incorporated: date | None = None,
        founded: tuple[int, int] = (1978, 2016),
        state: str | None = None,
        english: bool = False,
        listed: bool = False,
        base: str | None = None,
        address: Address | None = None,
    ) -> Company:
        rng = self.rng
        self.n_company += 1
        cid = f"C{self.n_company:07d}"
        country = "US" if jurisdiction == "US-DE" else jurisdiction
        words = vocab.COMPANY_WORDS_EN if english else vocab.COMPANY_WORDS
        if base is None:
            base = self._name(patterns, words)
        else:
            self.used_names.add(base.upper())
        inc = incorporated or date(rng.randint(*founded), rng.randint(1, 12), rng.randint(1, 28))
        if country == "MX":
            if form is None:
                form = rng.choices(("SA_CV", "SRL_CV", "SAPI_CV", "SC", "SA"), (60, 22, 12, 3, 3))[
                    0
                ]
            rfc = company_rfc(base, inc, rng, self.used_rfc)
            if rng.random() < 0.015:
                rfc = wrong_check_digit(rfc, rng)
                self.used_rfc.add(rfc)
            state = state or rng.choice(vocab.OFFICE_STATES)
            c = Company(cid, base, form, "MX", "MX", inc, rfc, group, listed=listed)
            c.address = address or self.address(state)
            c.phone = self.phone(state)
        else:
            form = form or rng.choice(vocab.FOREIGN_FORMS.get(jurisdiction, ("Ltd.",)))
            c = Company(cid, base, form, country, jurisdiction, inc, "", group, listed=listed)
        self.entities[cid] = c
        return c

    def body(self, siglas: str) -> Body:
        return self.bodies[siglas]

    # -- ownership ---------------------------------------------------------------------
    def declare(
        self,
        company: Company,
        owners: list[tuple[Entity | None, float | None]],
        start: date | None = None,
        *,
        end: date | None = None,
        exact: bool = False,
        protected: bool = False,
        motive: str = "Se desconoce",
        extra: list[Interest] | None = None,
    ) -> Declaration:
        """Declare the shareholders of ``company`` (shares in percent; ``None`` unknown)."""
        rng = self.rng
        start = start or max(company.incorporated, date(2018, 1, 1))
        interests = [
            Interest(
                o,
                "Accionista",
                s,
                motive="" if o is not None else motive,
                trust_key=o.key if isinstance(o, Trust) else "",
                exact=exact,
            )
            for o, s in owners
        ]
        if extra:
            interests.extend(extra)
        if company.administrator is not None and rng.random() < 0.35:
            interests.append(Interest(company.administrator, "Administrador", None))
        for it in list(interests):
            if it.kind == "Accionista" and isinstance(it.owner, Company) and rng.random() < 0.1:
                interests.append(Interest(it.owner, "Derechos de voto", it.share, exact=exact))
        d = Declaration(company, start, end, interests, protected)
        self.declarations.append(d)
        self.decls.setdefault(company.id, []).append(d)
        return d

    def officers(self, company: Company, people: list[Person]) -> None:
        rng = self.rng
        if not company.mexican or not people:
            return
        company.representative = rng.choice(people)
        if rng.random() < 0.6:
            company.administrator = rng.choice(people)


# ---------------------------------------------------------------------------------------
# shares


def _split(rng: random.Random, n: int, *, total: float = 100.0, step: float = 5.0) -> list[float]:
    """``n`` positive shares summing to ``total`` (multiples of ``step`` where possible)."""
    if n == 1:
        return [total]
    units = int(total / step)
    if units < n:
        return [round(total / n, 2)] * (n - 1) + [round(total - round(total / n, 2) * (n - 1), 2)]
    cuts = sorted(rng.sample(range(1, units), n - 1))
    parts = [b - a for a, b in zip([0, *cuts], [*cuts, units], strict=True)]
    return [p * step for p in parts]


def _family(w: World, group: int, n: int, *, state: str | None = None) -> list[Person]:
    """A founder, a spouse and children who share the founder's surnames."""
    rng = w.rng
    founder = w.person(group, sex="H", born=(1940, 1965), state=state)
    people = [founder]
    if n > 1:
        people.append(w.person(group, sex="M", born=(1943, 1968), state=state))
    mother = people[-1].paternal if n > 1 else rng.choice(vocab.SURNAMES)
    while len(people) < n:
        people.append(
            w.person(group, paternal=founder.paternal, maternal=mother, born=(1966, 1994))
        )
    return people


# ---------------------------------------------------------------------------------------
# corporate structures


def _foreign_chain(
    w: World,
    group: int,
    top: Company,
    layers: list[str],
    patterns: tuple[str, ...],
    start: date,
) -> Company:
    """Intermediate holdings in ``layers`` (jurisdictions) under ``top``; returns the last."""
    parent = top
    for j in layers:
        child = w.company(
            group,
            patterns,
            jurisdiction=j,
            english=True,
            incorporated=_days(w.rng, date(1995, 1, 1), start - timedelta(days=400)),
        )
        w.declare(child, [(parent, 100.0)], start, exact=True)
        parent = child
    return parent


def _spvs(
    w: World,
    group: int,
    parents: list[Entity],
    n: int,
    patterns: tuple[str, ...],
    *,
    officers: list[Person],
    founded: tuple[int, int],
    state: str | None = None,
    english: bool = False,
    incorporated: date | None = None,
    address: Address | None = None,
) -> list[Company]:
    """Mexican operating companies owned 99.99 / 0.01 (Mexican companies need two partners)."""
    rng = w.rng
    out = []
    for _ in range(n):
        c = w.company(
            group,
            patterns,
            form=rng.choice(("SRL_CV", "SA_CV", "SA_CV", "SAPI_CV")),
            founded=founded,
            incorporated=incorporated,
            state=state,
            english=english,
            address=address,
        )
        w.officers(c, officers)
        main = parents[0]
        if len(parents) > 1 and rng.random() < 0.85:
            minor = rng.choice(parents[1:])
            small = rng.choice((0.01, 0.1, 1.0))
            w.declare(c, [(main, round(100 - small, 2)), (minor, small)], exact=True)
        else:
            w.declare(c, [(main, 100.0)], exact=rng.random() < 0.7)
        out.append(c)
    return out


def _listed_top(
    w: World, group: int, country: str, patterns: tuple[str, ...], start: date
) -> Company:
    top = w.company(
        group,
        patterns,
        jurisdiction=country,
        english=country != "ES",
        listed=True,
        incorporated=_days(w.rng, date(1960, 1, 1), date(2005, 1, 1)),
    )
    w.declare(top, [(None, None)], start, motive="Exento")
    return top


def hydro_group(w: World, style: str) -> list[Company]:
    """A company group that bids for hydrocarbon contracts; returns its Mexican SPVs."""
    rng = w.rng
    g = w.group()
    start = date(2015, 1, 1)
    if style == "major":
        country = rng.choice(("US", "GB", "IT", "FR", "NO", "AU", "CA", "ES", "CO", "CN"))
        top = _listed_top(w, g, country, vocab.HYDRO_PATTERNS_EN, start)
        layers = rng.sample(["NL", "LU", "ES", "US-DE", "KY", "GB", "CH"], rng.randint(1, 3))
        last = _foreign_chain(w, g, top, layers, vocab.HOLDING_PATTERNS_EN, start)
        managers = [w.person(g, born=(1955, 1985)) for _ in range(2)]
        sib = _foreign_chain(
            w, g, last, [rng.choice(("NL", "US-DE"))], vocab.HOLDING_PATTERNS_EN, start
        )
        return _spvs(
            w,
            g,
            [last, sib],
            rng.randint(1, 3),
            vocab.HYDRO_PATTERNS_EN,
            officers=managers,
            founded=(2010, 2013),
            english=True,
        )
    if style == "independent":
        holding = w.company(g, vocab.HOLDING_PATTERNS, form="SAPI_CV", founded=(2008, 2013))
        founders = [
            w.person(g, born=(1955, 1980), foreign=rng.choice(("", "", "US", "GB", "CA")))
            for _ in range(rng.randint(2, 3))
        ]
        fund1 = w.company(
            g,
            vocab.HOLDING_PATTERNS_EN,
            jurisdiction="KY",
            form="L.P.",
            english=True,
            founded=(2000, 2012),
        )
        fund2 = w.company(
            g,
            vocab.HOLDING_PATTERNS_EN,
            jurisdiction="US-DE",
            form="L.P.",
            english=True,
            founded=(2000, 2012),
        )
        w.declare(fund1, [(None, None)], start, motive="Sin beneficiario controlador")
        w.declare(
            fund2, [(None, None)], start, motive=rng.choice(("Se desconoce", "Sin respuesta"))
        )
        f_shares = _split(rng, len(founders), total=rng.choice((15.0, 20.0, 30.0)))
        rest = 100 - sum(f_shares)
        a = round(rest * rng.choice((0.5, 0.6, 0.7)), 2)
        w.declare(
            holding,
            [(fund1, a), (fund2, round(rest - a, 2)), *zip(founders, f_shares, strict=True)],
        )
        w.officers(holding, founders)
        return _spvs(
            w,
            g,
            [holding, founders[0]],
            rng.randint(1, 2),
            vocab.HYDRO_PATTERNS,
            officers=founders,
            founded=(2012, 2014),
        )
    # a Mexican family group, sometimes through an offshore company
    family = _family(w, g, rng.randint(2, 5))
    holding = w.company(g, vocab.HOLDING_PATTERNS, form=rng.choice(("SA_CV", "SAPI_CV")))
    w.officers(holding, family)
    if rng.random() < 0.35:
        off = w.company(
            g,
            vocab.HOLDING_PATTERNS_EN,
            jurisdiction=rng.choice(("VG", "KY", "PA")),
            english=True,
            founded=(1995, 2012),
        )
        w.declare(off, list(zip(family, _split(rng, len(family)), strict=True)), start)
        w.declare(holding, [(off, 99.0), (family[0], 1.0)], start, exact=True)
    else:
        w.declare(holding, list(zip(family, _split(rng, len(family)), strict=True)), start)
    return _spvs(
        w,
        g,
        [holding, family[0]],
        rng.randint(1, 3),
        vocab.HYDRO_PATTERNS,
        officers=family,
        founded=(1995, 2013),
    )


def mining_group(w: World, style: str) -> tuple[list[Company], float]:
    """A mining group: its title-holding companies and its weight in the title draw."""
    rng = w.rng
    g = w.group()
    start = date(2016, 1, 1)
    state = rng.choice(vocab.MINING_STATES)
    if style == "major":
        family = _family(w, g, rng.randint(3, 5))
        fam_hold = w.company(g, vocab.HOLDING_PATTERNS, form="SA_CV", founded=(1970, 1990))
        w.declare(fam_hold, list(zip(family, _split(rng, len(family)), strict=True)), start)
        top = w.company(
            g,
            ("Grupo Minero {w}", "Industrias {w}", "Minera {w}"),
            form="SAB_CV",
            listed=True,
            founded=(1960, 1985),
        )
        fam = rng.choice((50.0, 55.0, 60.0, 65.0, 70.0, 75.0))
        w.declare(top, [(fam_hold, fam), (None, 100 - fam)], start, motive="Exento")
        w.officers(fam_hold, family)
        w.officers(top, family)
        spvs = _spvs(
            w,
            g,
            [top, fam_hold],
            rng.randint(5, 25),
            vocab.MINING_PATTERNS,
            officers=family,
            founded=(1975, 2012),
            state=state,
        )
        return spvs, 60.0
    if style == "junior":
        country = rng.choice(("CA", "CA", "CA", "AU", "GB", "US"))
        top = _listed_top(w, g, country, vocab.MINING_PATTERNS_EN, start)
        layers = rng.sample(["CA", "BB", "KY", "LU", "NL"], rng.randint(1, 2))
        last = _foreign_chain(w, g, top, layers, vocab.HOLDING_PATTERNS_EN, start)
        managers = [w.person(g, born=(1955, 1985)) for _ in range(2)]
        spvs = _spvs(
            w,
            g,
            [last, top],
            rng.randint(1, 5),
            vocab.MINING_PATTERNS,
            officers=managers,
            founded=(1995, 2014),
            state=state,
        )
        return spvs, 15.0
    if style == "family":
        family = _family(w, g, rng.randint(2, 4), state=state)
        holding = w.company(g, vocab.HOLDING_PATTERNS, state=state)
        w.declare(holding, list(zip(family, _split(rng, len(family)), strict=True)), start)
        w.officers(holding, family)
        spvs = _spvs(
            w,
            g,
            [holding, family[0]],
            rng.randint(1, 4),
            vocab.MINING_PATTERNS,
            officers=family,
            founded=(1985, 2014),
            state=state,
        )
        return spvs, 5.0
    # a single small mining company owned directly by one to three people
    people = [w.person(g, state=state) for _ in range(rng.randint(1, 3))]
    c = w.company(g, vocab.MINING_PATTERNS, state=state, founded=(1980, 2016))
    w.officers(c, people)
    if rng.random() < 0.7:
        w.declare(c, list(zip(people, _split(rng, len(people)), strict=True)))
    return [c], 1.0


def supplier(w: World) -> tuple[Company, float]:
    """A company that sells to the state, with or without declared owners."""
    rng = w.rng
    g = w.group()
    people = [w.person(g) for _ in range(rng.randint(1, 3))]
    c = w.company(g, vocab.SERVICE_PATTERNS, founded=(1985, 2019))
    w.officers(c, people)
    r = rng.random()
    if r < 0.6:
        w.declare(c, list(zip(people, _split(rng, len(people)), strict=True)))
    elif r < 0.85:
        holding = w.company(g, vocab.HOLDING_PATTERNS, founded=(1980, 2012))
        w.officers(holding, people)
        w.declare(holding, list(zip(people, _split(rng, len(people)), strict=True)))
        w.declare(c, [(holding, 99.0), (people[0], 1.0)], exact=True)
    return c, rng.paretovariate(1.3)


# ---------------------------------------------------------------------------------------
# hydrocarbon contracts

#: (ronda, licitación, year, areas, tipo, ubicación)
_LICITACIONES = (
    (1, 1, 2015, 12, "Producción Compartida", "Aguas Someras"),
    (1, 2, 2015, 3, "Producción Compartida", "Aguas Someras"),
    (1, 3, 2016, 25, "Licencia", "Terrestre"),
    (1, 4, 2016, 8, "Licencia", "Aguas Profundas"),
    (2, 1, 2017, 10, "Producción Compartida", "Aguas Someras"),
    (2, 2, 2017, 7, "Licencia", "Terrestre"),
    (2, 3, 2017, 14, "Licencia", "Terrestre"),
    (2, 4, 2018, 19, "Licencia", "Aguas Profundas"),
    (3, 1, 2018, 3, "Producción Compartida", "Aguas Someras"),
)
_BASIN_CODE = {
    "Cuencas del Sureste": "CS",
    "Tampico-Misantla": "TM",
    "Burgos": "BG",
    "Veracruz": "VC",
    "Cinturón Plegado Perdido": "CPP",
    "Cordilleras Mexicanas": "CM",
    "Sabinas": "SB",
    "Chicontepec": "CH",
}


def _basin(rng: random.Random, ubicacion: str) -> tuple[str, str]:
    if ubicacion == "Aguas Someras":
        return "Cuencas del Sureste", rng.choice(
            ("Tabasco", "Campeche", "Veracruz de Ignacio de la Llave")
        )
    if ubicacion == "Aguas Profundas":
        b = rng.choice(("Cinturón Plegado Perdido", "Cuencas del Sureste", "Cordilleras Mexicanas"))
    else:
        b = rng.choice(
            (
                "Tampico-Misantla",
                "Burgos",
                "Veracruz",
                "Cuencas del Sureste",
                "Sabinas",
                "Chicontepec",
            )
        )
    states = dict(vocab.CNH_BASINS)[b]
    return b, rng.choice(states)


def _status(rng: random.Random) -> str:
    return rng.choices(
        ("Vigente", "Terminado", "Renuncia", "Terminación anticipada"), (82, 6, 7, 5)
    )[0]


def _members(rng: random.Random, n: int) -> list[float]:
    if n == 1:
        return [100.0]
    return _split(rng, n, step=5.0)


def hydro_contracts(
    w: World, unit: int, spvs: list[list[Company]], pemex: Body, forced: list[Company]
) -> None:
    """The contracts of one scale unit: 101 from bidding rounds, 5 farm-outs, 5 migrations.
    Each company of ``forced`` (planted structures) is a member of one of them."""
    rng = w.rng
    forced = list(forced)
    for ronda, lic, year, n, tipo, ubic in _LICITACIONES:
        fallo = _days(rng, date(year, 3, 1), date(year, 12, 10))
        for i in range(1, n + 1):
            area_no = unit * n + i
            if (ronda, lic, area_no) in ((1, 1, 2), (1, 1, 7)):
                continue  # the seeded contracts CNH-R01-L01-A2/2015 and -A7/2015
            basin, state = _basin(rng, ubic)
            u = ubic
            if ubic == "Terrestre" and basin in ("Burgos", "Sabinas") and rng.random() < 0.4:
                u = "No Convencional"
            suffix = "" if ronda == 1 else f".{_BASIN_CODE[basin]}"
            firma = fallo + timedelta(days=rng.randint(35, 120))
            cid = f"CNH-R{ronda:02d}-L{lic:02d}-A{area_no}{suffix}/{year}"
            km2 = round(
                rng.uniform(10, 300)
                if u in ("Terrestre", "No Convencional")
                else rng.uniform(150, 3000),
                2,
            )
            c = HydroContract(
                cid,
                ronda,
                lic,
                f"Área {area_no}",
                tipo,
                u,
                basin,
                state,
                km2,
                fallo,
                firma,
                rng.choice((25, 30, 35, 40)),
                _status(rng),
            )
            n_members = (
                1
                if u in ("Terrestre", "No Convencional") and rng.random() < 0.75
                else rng.choices((1, 2, 3), (50, 32, 18))[0]
            )
            groups = rng.sample(spvs, n_members)
            members: list[Company | Body] = [rng.choice(gr) for gr in groups]
            if forced and u == "Terrestre":
                members[0] = forced.pop()
            _award(w, c, members, _members(rng, n_members))
            w.contracts.append(c)
    for i in range(1, 6):
        field_name = vocab.CNH_FIELDS[(unit * 5 + i) % len(vocab.CNH_FIELDS)]
        year = rng.choice((2017, 2018, 2019))
        fallo = _days(rng, date(year, 1, 10), date(year, 10, 1))
        firma = fallo + timedelta(days=rng.randint(30, 90))
        basin, state = _basin(rng, rng.choice(("Aguas Someras", "Terrestre")))
        cid = f"CNH-A{unit * 5 + i}.{field_name}/{firma.year}"
        c = HydroContract(
            cid,
            0,
            0,
            field_name.title(),
            "Licencia",
            "Terrestre" if basin != "Cuencas del Sureste" else "Aguas Someras",
            basin,
            state,
            round(rng.uniform(50, 600), 2),
            fallo,
            firma,
            35,
            _status(rng),
        )
        partner = rng.choice(rng.choice(spvs))
        p_share = rng.choice((50.0, 51.0, 55.0, 60.0))
        _award(w, c, [partner, pemex], [p_share, 100 - p_share])
        w.contracts.append(c)
    for i in range(1, 6):
        field_name = vocab.CNH_FIELDS[(unit * 5 + i + 7) % len(vocab.CNH_FIELDS)]
        fallo = _days(rng, date(2017, 6, 1), date(2018, 11, 30))
        firma = fallo + timedelta(days=rng.randint(20, 60))
        basin, state = _basin(rng, "Terrestre")
        cid = f"CNH-M{unit * 5 + i}-{field_name}/{firma.year}"
        c = HydroContract(
            cid,
            0,
            0,
            field_name.title(),
            rng.choice(("Producción Compartida", "Utilidad Compartida")),
            "Terrestre",
            basin,
            state,
            round(rng.uniform(20, 400), 2),
            fallo,
            firma,
            30,
            _status(rng),
        )
        if rng.random() < 0.5:
            _award(w, c, [pemex], [100.0])
        else:
            partner = rng.choice(rng.choice(spvs))
            _award(w, c, [pemex, partner], _members(rng, 2))
        w.contracts.append(c)


def _award(w: World, c: HydroContract, members: list[Company | Body], shares: list[float]) -> None:
    rng = w.rng
    op = 0 if isinstance(members[0], Company) or len(members) == 1 else 1
    for k, (m, s) in enumerate(zip(members, shares, strict=True)):
        c.parts.append(Participation(m, s, k == op, c.firma, None, "Adjudicación"))
    end: date | None = None
    if c.status != "Vigente":
        end = _days(rng, c.firma + timedelta(days=400), REF_DATE - timedelta(days=60))
        for p in c.parts:
            p.end = end
    if c.protected or rng.random() > 0.22:
        return
    limit = end or REF_DATE - timedelta(days=30)
    day = _days(rng, c.fallo + timedelta(days=31 * 30), limit)
    if day >= limit:
        return
    event = rng.choice(("Cesión de interés", "Cambio de operador", "Cambio de control"))
    open_parts = [p for p in c.parts if p.end is None or p.end > day]
    if event == "Cambio de operador" and len(open_parts) > 1:
        old = next((p for p in open_parts if p.operator), open_parts[0])
        new = rng.choice([p for p in open_parts if p is not old])
        for p, flag in ((old, False), (new, True)):
            p_end = p.end
            p.end = day - timedelta(days=1)
            c.parts.append(Participation(p.company, p.share, flag, day, p_end, event))
    elif event == "Cesión de interés":
        giver = rng.choice(open_parts)
        taker_group = rng.choice(w.hydro_spvs)
        taker = rng.choice(taker_group)
        if taker in [p.company for p in c.parts] or giver.share < 10:
            return
        part = giver.share / 2 if rng.random() < 0.6 else giver.share
        part = round(part / 5) * 5 or giver.share
        g_end = giver.end
        giver.end = day - timedelta(days=1)
        if giver.share - part > 0:
            c.parts.append(
                Participation(giver.company, giver.share - part, giver.operator, day, g_end, event)
            )
        c.parts.append(
            Participation(taker, part, giver.operator and giver.share == part, day, g_end, event)
        )
    elif event == "Cambio de control":
        member = rng.choice(open_parts)
        if isinstance(member.company, Company):
            m_end = member.end
            member.end = day - timedelta(days=1)
            c.parts.append(
                Participation(member.company, member.share, member.operator, day, m_end, event)
            )
            _change_control(w, member.company, day)


def _change_control(w: World, company: Company, day: date, *, protected: bool = False) -> Company:
    """A new parent takes over ``company`` on ``day``: its current declaration closes the
    day before and a new one names the buyer (a new foreign holding)."""
    rng = w.rng
    current = [d for d in w.decls.get(company.id, []) if d.end is None]
    if current:
        current[-1].end = day - timedelta(days=1)
        current[-1].protected = current[-1].protected or protected
    buyer_top = _listed_top(
        w,
        w.group(),
        rng.choice(("US", "GB", "CA", "NL")),
        vocab.HOLDING_PATTERNS_EN,
        date(2015, 1, 1),
    )
    buyer = _foreign_chain(
        w,
        buyer_top.group,
        buyer_top,
        [rng.choice(("NL", "LU", "US-DE"))],
        vocab.HOLDING_PATTERNS_EN,
        date(2015, 1, 1),
    )
    w.declare(company, [(buyer, 99.99), (buyer_top, 0.01)], day, exact=True, protected=protected)
    return buyer


# ---------------------------------------------------------------------------------------
# the world


def _bodies(w: World) -> None:
    for k, (siglas, name) in enumerate(vocab.PUBLIC_BODIES, start=1):
        b = Body(f"G{k:04d}", siglas, name)
        w.bodies[siglas] = b
        w.entities[b.id] = b
    for name in vocab.PRIVATE_BANKS:
        bank = w.company(0, ("{w}",), base=name, form="SA", founded=(1930, 1995))
        bank.base = f"{name}, Institución de Banca Múltiple"
        w.banks.append(bank)


def _seeds(w: World) -> None:
    """The known facts: Talos, Sierra Oil & Gas and Premier Oil in CNH-R01-L01-A2/2015 and
    CNH-R01-L01-A7/2015 (Zama). Their corporate chains are synthetic."""
    start = date(2015, 1, 1)
    g = w.group()
    talos = w.company(
        g,
        (),
        base="Talos Energy",
        jurisdiction="US-DE",
        form="Inc.",
        listed=True,
        incorporated=date(2012, 1, 23),
    )
    w.declare(talos, [(None, None)], start, motive="Exento", protected=True)
    talos_llc = w.company(
        g,
        (),
        base="Talos Energy Mexico",
        jurisdiction="US-DE",
        form="LLC",
        incorporated=date(2014, 11, 3),
    )
    w.declare(talos_llc, [(talos, 100.0)], start, exact=True, protected=True)
    managers = [w.person(g, born=(1960, 1980)) for _ in range(2)]
    t_spvs = []
    for n, inc in (("2", date(2015, 6, 2)), ("7", date(2015, 6, 2))):
        spv = w.company(
            g,
            (),
            base=f"Talos Energy Offshore Mexico {n}",
            form="SRL_CV",
            incorporated=inc,
            state="DF",
        )
        w.officers(spv, managers)
        w.declare(
            spv, [(talos_llc, 99.99), (talos, 0.01)], date(2015, 6, 15), exact=True, protected=True
        )
        t_spvs.append(spv)
    g = w.group()
    sierra_hold = w.company(
        g, (), base="Sierra Oil & Gas Holdings", form="SAPI_CV", incorporated=date(2014, 3, 18)
    )
    founders = [w.person(g, born=(1965, 1980)) for _ in range(3)]
    fund = w.company(
        g,
        (),
        base="Riverbend Energy Partners",
        jurisdiction="US-DE",
        form="L.P.",
        incorporated=date(2008, 5, 5),
    )
    fund2 = w.company(
        g,
        (),
        base="Encino Capital Fund",
        jurisdiction="KY",
        form="L.P.",
        incorporated=date(2009, 9, 9),
    )
    w.declare(fund, [(None, None)], start, motive="Sin beneficiario controlador", protected=True)
    w.declare(fund2, [(None, None)], start, motive="Se desconoce", protected=True)
    w.declare(
        sierra_hold,
        [(fund, 45.0), (fund2, 40.0), (founders[0], 6.0), (founders[1], 5.0), (founders[2], 4.0)],
        date(2014, 6, 1),
        exact=True,
        protected=True,
    )
    w.officers(sierra_hold, founders)
    sierra = w.company(
        g,
        (),
        base="Sierra O&G Exploración y Producción",
        form="SRL_CV",
        incorporated=date(2014, 4, 22),
        state="DF",
    )
    w.officers(sierra, founders)
    w.declare(
        sierra,
        [(sierra_hold, 99.99), (founders[0], 0.01)],
        date(2014, 6, 1),
        exact=True,
        protected=True,
    )
    g = w.group()
    premier_plc = w.company(
        g,
        (),
        base="Premier Oil",
        jurisdiction="GB",
        form="plc",
        listed=True,
        incorporated=date(1971, 3, 1),
    )
    w.declare(premier_plc, [(None, None)], start, motive="Exento", protected=True)
    premier_bv = w.company(
        g,
        (),
        base="Premier Oil Mexico Holdings",
        jurisdiction="NL",
        form="B.V.",
        incorporated=date(2013, 2, 14),
    )
    w.declare(premier_bv, [(premier_plc, 100.0)], start, exact=True, protected=True)
    premier = w.company(
        g,
        (),
        base="Premier Oil Exploration and Production Mexico",
        form="SA_CV",
        incorporated=date(2014, 10, 1),
        state="DF",
    )
    w.officers(premier, [w.person(g) for _ in range(2)])
    w.declare(premier, [(premier_bv, 99.9), (premier_plc, 0.1)], start, exact=True, protected=True)
    w.seeded.update(c.id for c in (*t_spvs, talos, talos_llc, sierra_hold, fund, fund2, sierra))
    w.seeded.update(c.id for c in (premier_plc, premier_bv, premier))

    fallo = date(2015, 7, 15)
    firma = date(2015, 9, 4)
    for spv, area, km2, state, shares in (
        (t_spvs[0], 2, 194.19, "Veracruz de Ignacio de la Llave", (45.0, 45.0, 10.0)),
        (t_spvs[1], 7, 465.8, "Tabasco", (35.0, 40.0, 25.0)),
    ):
        c = HydroContract(
            f"CNH-R01-L01-A{area}/2015",
            1,
            1,
            f"Área {area}",
            "Producción Compartida",
            "Aguas Someras",
            "Cuencas del Sureste",
            state,
            km2,
            fallo,
            firma,
            30,
            "Vigente",
            protected=True,
        )
        for k, (m, s) in enumerate(zip((spv, sierra, premier), shares, strict=True)):
            c.parts.append(Participation(m, s, k == 0, firma, None, "Adjudicación"))
        w.contracts.append(c)


def _holder_spv(
    w: World,
    group: int,
    owners: list[tuple[Entity | None, float | None]],
    patterns: tuple[str, ...],
    officers: list[Person],
    start: date,
) -> Company:
    """A Mexican operating company with exactly the given owners (protected rows)."""
    spv = w.company(group, patterns, form=w.rng.choice(("SRL_CV", "SA_CV")), founded=(1995, 2012))
    w.officers(spv, officers)
    w.declare(spv, owners, start, exact=True, protected=True)
    return spv


def _plant_cycles(w: World, hydro: list[Company]) -> None:
    """Circular ownership: a 2-cycle, a 3-cycle and a company holding 5 % of its own shares
    (treasury), each above a holder of contracts or titles. All shares exact."""
    start = date(2019, 3, 1)
    g = w.group()
    fam = _family(w, g, 3)
    a = w.company(g, vocab.HOLDING_PATTERNS, form="SA_CV", founded=(1990, 2010))
    b = w.company(g, vocab.HOLDING_PATTERNS, form="SA_CV", founded=(1990, 2010))
    w.declare(a, [(fam[0], 50.0), (fam[1], 30.0), (b, 20.0)], start, exact=True, protected=True)
    w.declare(b, [(a, 75.0), (fam[2], 25.0)], start, exact=True, protected=True)
    w.officers(a, fam)
    w.forced_titles.append(
        _holder_spv(w, g, [(b, 99.99), (a, 0.01)], vocab.MINING_PATTERNS, fam, start)
    )
    w.cycles.append(sorted((a.id, b.id)))
    w.planted.extend(
        (x.id, "CIRCULAR", f"A owns 75 % of B, B owns 20 % of A ({a.id}, {b.id})") for x in (a, b)
    )
    g = w.group()
    fam = _family(w, g, 3)
    a = w.company(g, vocab.HOLDING_PATTERNS, form="SAPI_CV", founded=(1990, 2010))
    b = w.company(g, vocab.HOLDING_PATTERNS, form="SA_CV", founded=(1990, 2010))
    c = w.company(g, vocab.HOLDING_PATTERNS, form="SA_CV", founded=(1990, 2010))
    w.declare(a, [(fam[0], 60.0), (c, 40.0)], start, exact=True, protected=True)
    w.declare(b, [(a, 90.0), (fam[1], 10.0)], start, exact=True, protected=True)
    w.declare(c, [(b, 55.0), (fam[2], 45.0)], start, exact=True, protected=True)
    hydro.append(_holder_spv(w, g, [(c, 100.0)], vocab.HYDRO_PATTERNS, fam, start))
    w.cycles.append(sorted((a.id, b.id, c.id)))
    w.planted.extend(
        (x.id, "CIRCULAR", f"A 90 % of B, B 55 % of C, C 40 % of A ({a.id}, {b.id}, {c.id})")
        for x in (a, b, c)
    )
    g = w.group()
    fam = _family(w, g, 2)
    t = w.company(g, vocab.HOLDING_PATTERNS, form="SAB_CV", founded=(1985, 2005))
    w.declare(t, [(fam[0], 60.0), (fam[1], 35.0), (t, 5.0)], start, exact=True, protected=True)
    w.forced_titles.append(
        _holder_spv(w, g, [(t, 99.0), (fam[0], 1.0)], vocab.MINING_PATTERNS, fam, start)
    )
    w.cycles.append([t.id])
    w.planted.append((t.id, "CIRCULAR", "declares 5 % of its own shares (self-loop)"))


def _private_trust(
    w: World, settlor: Person, beneficiaries: list[Entity], committee: list[Person]
) -> Trust:
    rng = w.rng
    w.n_trust += 1
    w.n_private_trust += 1
    key = f"F/{100000 + w.n_private_trust * 7 + rng.randint(0, 6)}"
    bank = rng.choice(w.banks)
    t = Trust(
        f"T{w.n_trust:06d}",
        f"Fideicomiso Irrevocable de Administración {key}",
        key,
        False,
        _days(rng, date(2005, 1, 1), date(2018, 12, 31)),
        settlor=settlor,
        fiduciary=bank,
    )
    w.entities[t.id] = t
    w.trusts.append(t)
    tp = w.trust_parties
    tp.append(TrustParty(t, "Fideicomitente", settlor, "", t.created, None, True))
    tp.append(TrustParty(t, "Fiduciario", bank, "", t.created, None, True))
    for b in beneficiaries:
        tp.append(TrustParty(t, "Fideicomisario", b, "", t.created, None, True))
    for k, m in enumerate(committee):
        cargo = ("presidente", "vocal", "secretario")[min(k, 2)]
        tp.append(TrustParty(t, "Comité técnico", m, cargo, t.created, None, True))
    return t


def _pep_id(w: World) -> str:
    return f"PEP-{len(w.peps) + 1:07d}"


def _pep(w: World, person: Person, *, protected: bool = False) -> PepRow:
    rng = w.rng
    cargo, siglas, orden = rng.choice(vocab.PEP_POSITIONS)
    body = w.bodies.get(siglas) if siglas else None
    start = _days(rng, date(2006, 1, 1), date(2022, 12, 1))
    end = start + timedelta(days=rng.randint(365, 6 * 365)) if rng.random() < 0.55 else None
    if end is not None and end > REF_DATE:
        end = None
    row = PepRow(_pep_id(w), person, cargo, body, orden, start, end, protected=protected)
    w.peps.append(row)
    return row


def _relative(
    w: World, of: PepRow, person: Person, relation: str, *, protected: bool = False
) -> None:
    w.peps.append(
        PepRow(_pep_id(w), person, "", None, "", None, None, relation, of.pep_id, protected)
    )


def _plant_structures(w: World, hydro: list[Company]) -> None:
    """Trusts in ownership chains (with and without beneficiaries), PEP owners, a deep
    offshore chain, nominees, mass addresses, companies that win within a year."""
    rng = w.rng
    start = date(2019, 1, 15)
    # a family holding 60 % owned through a private trust; the founder is a PEP and his
    # children, beneficiaries of the trust, are declared as such
    g = w.group()
    fam = _family(w, g, 4)
    pep = _pep(w, fam[0], protected=True)
    _relative(w, pep, fam[2], "hijo(a)", protected=True)
    trust = _private_trust(w, fam[0], [fam[2], fam[3]], [fam[1], w.person(g)])
    holding = w.company(g, vocab.HOLDING_PATTERNS, form="SAPI_CV", founded=(1995, 2010))
    w.officers(holding, fam)
    w.declare(
        holding,
        [(trust, 60.0), (fam[0], 25.0), (fam[1], 15.0)],
        start,
        exact=True,
        protected=True,
        extra=[
            Interest(fam[2], "Fideicomisario", None, "Indirecto", trust_key=trust.key),
            Interest(fam[3], "Fideicomisario", None, "Indirecto", trust_key=trust.key),
        ],
    )
    spv = _holder_spv(w, g, [(holding, 99.99), (fam[0], 0.01)], vocab.HYDRO_PATTERNS, fam, start)
    hydro.append(spv)
    w.planted.append(
        (
            spv.id,
            "PEP_OWNER",
            f"PEP {fam[0].id} owns 25 % of the parent; his child {fam[2].id} is "
            f"Fideicomisario of {trust.id}",
        )
    )
    # trusts without beneficiaries / with a Cayman company as beneficiary
    g = w.group()
    fam = _family(w, g, 2)
    t_none = _private_trust(w, fam[0], [], [fam[1]])
    cay = w.company(
        g, vocab.HOLDING_PATTERNS_EN, jurisdiction="KY", english=True, founded=(2005, 2015)
    )
    w.declare(cay, [(None, None)], start, motive="Sin respuesta", protected=True)
    t_cay = _private_trust(w, fam[1], [cay], [fam[0]])
    mine = _holder_spv(w, g, [(t_none, 50.0), (t_cay, 50.0)], vocab.MINING_PATTERNS, fam, start)
    w.forced_titles.append(mine)
    w.planted.append(
        (
            mine.id,
            "TRUST_OPAQUE",
            f"owned by {t_none.id} (no beneficiary) and {t_cay.id} (beneficiary {cay.id}, Cayman)",
        )
    )
    # a PEP who controls a supplier by other means
    g = w.group()
    owners = [w.person(g) for _ in range(2)]
    official = w.person(g, born=(1955, 1975))
    _pep(w, official, protected=True)
    sup = w.company(g, vocab.SERVICE_PATTERNS, founded=(2000, 2015))
    w.officers(sup, owners)
    w.declare(
        sup,
        [(owners[0], 60.0), (owners[1], 40.0)],
        start,
        exact=True,
        protected=True,
        extra=[Interest(official, "Control por otros medios", None, "Indirecto")],
    )
    w.forced_awards.append(sup)
    w.planted.append(
        (sup.id, "PEP_OWNER", f"PEP {official.id} declared with 'Control por otros medios'")
    )
    # a PEP's spouse owning 40 % of a mining company
    g = w.group()
    official = w.person(g, born=(1950, 1970), sex="H")
    row = _pep(w, official, protected=True)
    spouse = w.person(g, sex="M", born=(1955, 1975))
    _relative(w, row, spouse, "cónyuge", protected=True)
    partner = w.person(g)
    mine = _holder_spv(
        w, g, [(spouse, 40.0), (partner, 60.0)], vocab.MINING_PATTERNS, [partner], start
    )
    w.forced_titles.append(mine)
    w.planted.append((mine.id, "PEP_OWNER", f"{spouse.id} (cónyuge of {row.pep_id}) owns 40 %"))
    # a deep chain through secrecy jurisdictions ending in one person
    g = w.group()
    ubo = w.person(g)
    top = w.company(
        g, vocab.HOLDING_PATTERNS_EN, jurisdiction="PA", english=True, founded=(2000, 2010)
    )
    w.declare(top, [(ubo, 100.0)], start, exact=True, protected=True)
    parent: Company = top
    for j in ("VG", "KY", "LU", "NL"):
        child = w.company(
            g, vocab.HOLDING_PATTERNS_EN, jurisdiction=j, english=True, founded=(2005, 2012)
        )
        w.declare(child, [(parent, 100.0)], start, exact=True, protected=True)
        parent = child
    spv = _holder_spv(w, g, [(parent, 99.99), (top, 0.01)], vocab.HYDRO_PATTERNS, [ubo], start)
    hydro.append(spv)
    w.planted.append(
        (spv.id, "LAYERING", f"5 layers PA>VG>KY>LU>NL between {ubo.id} and the holder")
    )
    # an owner that declares nobody: "Sin respuesta"
    g = w.group()
    people = [w.person(g) for _ in range(2)]
    sup = w.company(g, vocab.SERVICE_PATTERNS, founded=(1995, 2012))
    w.officers(sup, people)
    w.declare(
        sup,
        [(people[0], 30.0), (None, 70.0)],
        start,
        exact=True,
        protected=True,
        motive="Sin respuesta",
    )
    w.forced_awards.append(sup)
    w.planted.append((sup.id, "UNTRACED", "70 % declared as not identified (Sin respuesta)"))
    # nominees: people who administer companies of many unrelated groups
    for _ in range(2):
        nominee = w.person(w.group(), born=(1960, 1990))
        companies = [supplier(w)[0] for _ in range(rng.randint(6, 12))]
        for c in companies:
            c.administrator = nominee
            c.representative = nominee
        w.forced_awards.extend(companies[:2])
        w.planted.append(
            (
                nominee.id,
                "NOMINEE",
                f"sole administrator of {len(companies)} companies of different groups",
            )
        )
    # mass registration addresses and phones
    for _ in range(3):
        w.mass_addresses.append(w.address(rng.choice(("DF", "NL", "JC", "MC")), mass=True))
    for _ in range(2):
        w.mass_phones.append(w.phone("DF"))
    # companies that win within a year of incorporation
    g = w.group()
    fam = _family(w, g, 2)
    fresh = w.company(
        g, vocab.SERVICE_PATTERNS, incorporated=_days(rng, date(2016, 1, 1), date(2022, 6, 1))
    )
    w.officers(fresh, fam)
    w.declare(fresh, [(fam[0], 50.0), (fam[1], 50.0)], exact=True, protected=True)
    w.new_company_awards[fresh.id] = fresh.incorporated
    w.forced_awards.append(fresh)
    w.planted.append(
        (
            fresh.id,
            "NEW_COMPANY",
            f"incorporated {fresh.incorporated}; first procurement award within a year",
        )
    )
    g = w.group()
    fam = _family(w, g, 2)
    fresh = w.company(
        g, vocab.MINING_PATTERNS, incorporated=_days(rng, date(2008, 1, 1), date(2021, 6, 1))
    )
    w.officers(fresh, fam)
    w.declare(fresh, [(fam[0], 70.0), (fam[1], 30.0)], exact=True, protected=True)
    w.new_company_titles[fresh.id] = fresh.incorporated
    w.forced_titles.append(fresh)
    w.planted.append(
        (fresh.id, "NEW_COMPANY", f"incorporated {fresh.incorporated}; titles issued within a year")
    )


def _plant_hydro(w: World, contracts: list[HydroContract]) -> None:
    """A consortium whose members share an owner; an SPV flipped months after the award;
    an SPV incorporated weeks before it won."""
    rng = w.rng
    plain = [
        c
        for c in contracts
        if not c.protected
        and c.status == "Vigente"
        and all(p.event == "Adjudicación" for p in c.parts)
    ]
    g1, g2 = w.group(), w.group()
    shared = w.person(g1)
    spvs = []
    for g in (g1, g2):
        others = [w.person(g) for _ in range(2)]
        hold = w.company(g, vocab.HOLDING_PATTERNS, founded=(1995, 2010))
        w.officers(hold, others)
        w.declare(
            hold,
            [(shared, 30.0), (others[0], 40.0), (others[1], 30.0)],
            date(2014, 1, 1),
            exact=True,
            protected=True,
        )
        spvs.append(
            _holder_spv(
                w,
                g,
                [(hold, 99.99), (others[0], 0.01)],
                vocab.HYDRO_PATTERNS,
                others,
                date(2014, 1, 1),
            )
        )
    c = plain[0]
    c.protected = True
    c.parts = [
        Participation(spvs[0], 50.0, True, c.firma, None, "Adjudicación"),
        Participation(spvs[1], 50.0, False, c.firma, None, "Adjudicación"),
    ]
    w.planted.append(
        (
            c.id,
            "COMMON_OWNER",
            f"members {spvs[0].id} and {spvs[1].id} share owner {shared.id} (30 % of each parent)",
        )
    )
    # flip: 9 to 20 months after the award the SPV passes to a new foreign parent
    c = plain[1]
    c.protected = True
    g = w.group()
    fam = _family(w, g, 2)
    hold = w.company(g, vocab.HOLDING_PATTERNS, founded=(1990, 2008))
    w.declare(hold, [(fam[0], 50.0), (fam[1], 50.0)], date(2012, 1, 1), exact=True, protected=True)
    spv = _holder_spv(
        w, g, [(hold, 99.0), (fam[0], 1.0)], vocab.HYDRO_PATTERNS, fam, date(2012, 1, 1)
    )
    old = c.parts[0]
    c.parts[0] = Participation(spv, old.share, old.operator, old.start, None, "Adjudicación")
    day = c.fallo + timedelta(days=rng.randint(270, 600))
    c.parts[0].end = day - timedelta(days=1)
    c.parts.append(Participation(spv, old.share, old.operator, day, None, "Cambio de control"))
    buyer = _change_control(w, spv, day, protected=True)
    w.planted.append(
        (
            spv.id,
            "FLIP",
            f"{buyer.id} took 99.99 % on {day}, {(day - c.fallo).days} days after the award "
            f"of {c.id}",
        )
    )
    w.planted.append((c.id, "FLIP", f"Cambio de control of {spv.id} on {day}"))
    # new company: an SPV incorporated a few months before the award
    c = plain[2]
    c.protected = True
    g = w.group()
    fam = _family(w, g, 2)
    hold = w.company(g, vocab.HOLDING_PATTERNS, founded=(1990, 2008))
    w.officers(hold, fam)
    w.declare(hold, [(fam[0], 50.0), (fam[1], 50.0)], date(2012, 1, 1), exact=True, protected=True)
    spv = w.company(
        g,
        vocab.HYDRO_PATTERNS,
        form="SAPI_CV",
        incorporated=c.fallo - timedelta(days=rng.randint(40, 300)),
    )
    w.officers(spv, fam)
    w.declare(spv, [(hold, 99.0), (fam[0], 1.0)], spv.incorporated, exact=True, protected=True)
    old = c.parts[0]
    c.parts[0] = Participation(spv, old.share, old.operator, old.start, old.end, "Adjudicación")
    w.planted.append(
        (spv.id, "NEW_COMPANY", f"incorporated {spv.incorporated}, awarded {c.id} on {c.fallo}")
    )


def _public_trusts(w: World, n: int) -> None:
    rng = w.rng
    for k in range(n):
        w.n_trust += 1
        w.n_public_trust += 1
        branch, ramo = rng.choice(vocab.TRUST_BRANCHES)
        created = _days(rng, date(1995, 1, 1), date(2015, 6, 30))
        ur = rng.choice(("113", "200", "310", "411", "700", "B00", "HIU", "L6I", "T0K", "E00"))
        key = f"{created.year}{ramo}{ur}{w.n_public_trust:05d}"
        ttype = (
            "MANDATO"
            if k == 0
            else rng.choices(("FIDEICOMISO", "MANDATO", "ANÁLOGO"), (88, 8, 4))[0]
        )
        scope = rng.choices(("FEDERAL", "ESTATAL", "PRIVADO"), (72, 18, 10))[0]
        purposes = [
            x for x in vocab.TRUST_PURPOSES if x.startswith("MANDATO") == (ttype == "MANDATO")
        ]
        purpose = rng.choice(purposes)
        if rng.random() < 0.5:
            purpose = f"{purpose} {rng.choice(vocab.STATES)[1].upper()}"
        settlor = w.body(
            rng.choice(
                ("SHCP", "SENER", "SE", "CONACYT", "SEMARNAT", "GOB-SON", "GOB-ZAC", "GOB-TAB")
            )
        )
        fid: Entity = (
            w.body(rng.choice(("NAFIN", "BANOBRAS", "BANCOMEXT")))
            if rng.random() < 0.6
            else rng.choice(w.banks)
        )
        t = Trust(
            f"T{w.n_trust:06d}",
            purpose,
            key,
            True,
            created,
            ttype,
            scope,
            branch,
            rng.choice(vocab.TRUST_UNITS),
            settlor,
            fid,
            rng.choice(vocab.TRUST_THEMES),
        )
        w.entities[t.id] = t
        w.trusts.append(t)
        mandate = ttype == "MANDATO"
        parties: list[TrustParty] = [
            TrustParty(t, "Mandante" if mandate else "Fideicomitente", settlor, "", created, None),
            TrustParty(t, "Mandatario" if mandate else "Fiduciario", fid, "", created, None),
        ]
        if rng.random() < 0.25 and w.mining.items:
            co = rng.choice(w.mining.items)
            parties.append(
                TrustParty(
                    t, "Fideicomitente", co, "", created + timedelta(days=rng.randint(1, 900)), None
                )
            )
        for _ in range(rng.randint(1, 3)):
            r = rng.random()
            ben: Entity
            if r < 0.4:
                ben = w.body(rng.choice(("GOB-SON", "GOB-ZAC", "GOB-TAB", "SGM", "CONACYT")))
            elif r < 0.8:
                ben = w.person(w.group())
            else:
                ben = supplier(w)[0]
            if any(p.party is ben for p in parties):
                continue
            parties.append(TrustParty(t, "Fideicomisario", ben, "", created, None))
        for k in range(rng.randint(2, 5)):
            member = w.person(w.group(), born=(1950, 1985))
            if rng.random() < 0.5:
                _pep(w, member)
            s = _days(rng, created, date(2021, 12, 31))
            e = s + timedelta(days=rng.randint(400, 2500)) if rng.random() < 0.3 else None
            if e is not None and e >= REF_DATE:
                e = None
            cargo = ("presidente", "secretario", "vocal", "vocal", "vocal")[k]
            parties.append(TrustParty(t, "Comité técnico", member, cargo, s, e))
        w.trust_parties.extend(parties)


def _filler_peps(w: World, n: int) -> None:
    rng = w.rng
    for _ in range(n):
        official = w.person(w.group(), born=(1950, 1985))
        row = _pep(w, official)
        if rng.random() < 0.4:
            rel = rng.choice(vocab.RELATIONS)
            if rel == "hijo(a)":
                p = w.person(official.group, paternal=official.paternal, born=(1975, 2000))
            elif rel in ("padre", "madre"):
                p = w.person(
                    official.group,
                    sex="H" if rel == "padre" else "M",
                    paternal=official.paternal if rel == "padre" else None,
                    born=(1930, 1950),
                )
            else:
                p = w.person(official.group)
            _relative(w, row, p, rel)


_SITUATIONS = (("Definitivo", "Sentencia Favorable", "Desvirtuado", "Presunto"), (86, 10, 3, 1))


def _listings(w: World, holders: list[Company]) -> None:
    """The 69-B list (mostly shells, a few sector companies), the SFP sanctions list, and
    ordinary companies at mass-registration addresses."""
    rng = w.rng
    for _ in range(150):
        g = w.group()
        if rng.random() < 0.4:
            w.sat.append((w.person(g), rng.choices(*_SITUATIONS)[0]))
            continue
        people = [w.person(g) for _ in range(rng.randint(1, 2))]
        mass = rng.random() < 0.35
        c = w.company(
            g,
            (*vocab.SERVICE_PATTERNS, "Asesores {w}", "Outsourcing {w}", "Grupo Empresarial {w}"),
            founded=(2008, 2021),
            address=rng.choice(w.mass_addresses) if mass else None,
        )
        if rng.random() < 0.3:
            c.phone = rng.choice(w.mass_phones)
        w.officers(c, people)
        w.sat.append((c, rng.choices(*_SITUATIONS)[0]))
        if rng.random() < 0.2:
            w.suppliers.add(c, 0.8)
    sample = [h for h in holders if h.mexican and h.id not in w.seeded]
    a, b, c, d = rng.sample(sample, 4)
    w.sat.append((a, "Definitivo"))
    w.planted.append((a.id, "SAT_69B", "the holder is on the 69-B list as Definitivo"))
    w.sat.append((b, "Presunto"))
    w.planted.append((b.id, "SAT_69B", "the holder is on the 69-B list as Presunto"))
    w.sat.append((c, "Desvirtuado"))  # cleared: shown, never scored
    for decl in w.decls.get(d.id, [])[-1:]:
        owner = max(
            (
                i
                for i in decl.interests
                if i.kind == "Accionista"
                and isinstance(i.owner, Company)
                and i.owner.mexican
                and (i.share or 0) >= 25
            ),
            key=lambda i: i.share or 0,
            default=None,
        )
        if owner is not None and owner.owner is not None:
            w.sat.append((owner.owner, "Definitivo"))
            w.planted.append(
                (
                    d.id,
                    "SAT_69B",
                    f"owner {owner.owner.id} ({owner.share} %) is on the 69-B list as Definitivo",
                )
            )
    for _ in range(55):
        sup = rng.choice(w.suppliers.items) if w.suppliers.items else None
        if isinstance(sup, Company) and sup.id not in w.seeded and rng.random() < 0.7:
            res = rng.choices(
                [r for r, _ in vocab.SFP_RESOLUTIONS], [k for _, k in vocab.SFP_RESOLUTIONS]
            )[0]
            w.sfp.append((sup, res))
        else:
            w.sfp.append((supplier(w)[0], "SANCIONATORIA CON MULTA E INHABILITACIÓN"))
    h = rng.choice(sample)
    w.sfp.append((h, "SANCIONATORIA CON MULTA E INHABILITACIÓN"))
    w.planted.append((h.id, "SANCTIONED", "the holder is on the SFP sanctions list"))
    for addr in w.mass_addresses[-3:]:
        for _ in range(rng.randint(4, 10)):
            c3, weight = supplier(w)
            c3.address = addr
            w.suppliers.add(c3, weight)
        h = rng.choice(sample)
        h.address = addr
        w.planted.append(
            (h.id, "SHARED_ADDRESS", f"registered at mass-registration address A{addr.id}")
        )


def build_world(seed: int, scale: int) -> World:
    """Every entity and fact for ``scale`` units of the sector (each unit: about 111
    hydrocarbon contracts, 3,800 mining titles and 1,700 procurement contracts)."""
    w = World(random.Random(f"mx-bo-generator/{seed}/world"), scale)
    rng = w.rng
    _bodies(w)
    pemex = w.body("PEP")
    for unit in range(scale):
        if unit == 0:
            _seeds(w)  # real names: in their two contracts only
        groups: list[list[Company]] = []
        for style, n in (("major", 7), ("independent", 8), ("mexican", 16)):
            groups.extend(hydro_group(w, style) for _ in range(n))
        w.hydro_spvs.extend(groups)
        forced: list[Company] = []
        _plant_structures(w, forced)
        _plant_cycles(w, forced)
        first = len(w.contracts)
        hydro_contracts(w, unit, groups, pemex, forced)
        _plant_hydro(w, w.contracts[first:])
        for style, n in (("major", 2), ("junior", 4), ("family", 10), ("small", 40)):
            for _ in range(n):
                companies, weight = mining_group(w, style)
                group_weight = weight * min(rng.paretovariate(1.2), 60.0)
                for k, c in enumerate(companies):
                    w.mining.add(c, group_weight / (k + 1))
        for _ in range(220):
            person = w.person(w.group(), state=rng.choice(vocab.MINING_STATES))
            w.mining_people.add(person, min(rng.paretovariate(1.5), 8.0))
        for _ in range(330):
            c, weight = supplier(w)
            w.suppliers.add(c, weight)
        for _ in range(70):
            w.suppliers.add(w.person(w.group()), 0.5)
        for gr in rng.sample(groups, 6):
            for c in gr:
                w.suppliers.add(c, 1.0)
        _public_trusts(w, 60)
        _filler_peps(w, 230)
        members = [
            p.company
            for c in w.contracts[first:]
            if not c.protected
            for p in c.parts
            if isinstance(p.company, Company)
        ]
        _listings(w, members)
    ids = [c.id for c in w.contracts]
    if len(set(ids)) != len(ids):  # pragma: no cover - a bug in the id scheme
        raise RuntimeError("duplicate CNH contract ids")
    w.mining.freeze()
    w.mining_people.freeze()
    w.suppliers.freeze()
    return w
