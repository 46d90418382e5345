"""Mentions: every party a ledger record names, with the features the resolver compares.

A tabular record names its parties in ``parties`` (``PartyMention`` dumps); a BODS entity
or person statement is one mention of field ``recordDetails``. A mention's id is
``<source>:<file name>:<row>:<field>``.

Features are computed once, here: the matching key of the name (organisations without
their legal form, persons as their sorted tokens), RFC and CURP with their check digits
verified, a birth date as ``YYMMDD`` (declared, else read from the CURP or the person RFC),
address, postal code, phone, country and the key of a trust.

>>> m = mention_from_party(1, 0, "bo-declarations", "d.csv", 3, {
...     "field": "RAZON_SOCIAL", "role": "owner", "kind": "company",
...     "name": "Talos Energy Offshore México 7, S. de R.L. de C.V."})
>>> m.mention_id
'bo-declarations:d.csv:3:RAZON_SOCIAL'
>>> m.group, m.key, m.legal_form
('organisation', 'TALOS ENERGY OFFSHORE MEX 7', 'SDERLDECV')
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ingest.normalize.errors import NormalizationError
from ingest.normalize.ids import parse_curp, parse_rfc
from ingest.normalize.text import clean, fold
from ingest.resolve.given_names import is_given_name, looks_like_person
from ingest.resolve.names import split_org

__all__ = [
    "EXCLUSIVE_ROLES",
    "FEATURES",
    "GENERIC_RFCS",
    "GROUPS",
    "Features",
    "Mention",
    "mention_from_party",
    "mentions_of_record",
]

GENERIC_RFCS = frozenset({"XAXX010101000", "XEXX010101000"})

#: Kind of party → the group resolved together (a company and a public body may be one).
GROUPS: dict[str, str] = {
    "person": "person",
    "company": "organisation",
    "public_body": "organisation",
    "trust": "trust",
}

#: Roles of one row that always name different parties: the declaring company and its
#: holder, the two sides of a transfer, the buyer and the supplier of a contract.
EXCLUSIVE_ROLES = frozenset({"subject", "owner", "from", "to", "buyer", "supplier"})

_RFC_SCHEMES = frozenset({"MX-RFC", "MEX-TAXID", "MX-TAXID", "RFC"})
_CURP_SCHEMES = frozenset({"MX-CURP", "MEX-CURP", "CURP"})


@dataclass(frozen=True, slots=True)
class Features:
    """What the comparisons see of a mention; equal features make one atom."""

    group: str
    kind: str
    key: str
    surnames: str | None = None  # persons: the surnames in the order written
    legal_form: str | None = None
    rfc: str | None = None
    rfc_ok: bool = False
    curp: str | None = None
    curp_ok: bool = False
    birth: str | None = None
    country: str | None = None
    postal_code: str | None = None
    address: str | None = None
    phone: str | None = None
    clave: str | None = None

    def fingerprint(self) -> bytes:
        return _fingerprint(self)


FEATURES = tuple(Features.__dataclass_fields__)


@lru_cache(maxsize=1 << 18)
def _fingerprint(features: Features) -> bytes:
    text = "\x1f".join(
        "" if v is None else str(v) for v in (getattr(features, f) for f in FEATURES)
    )
    return hashlib.blake2b(text.encode("utf-8"), digest_size=12).digest()


@dataclass(slots=True)
class Mention:
    seq: int  # ingest order: ledger record id × 64 + party index
    mention_id: str
    record_id: int
    role: str
    name: str
    features: Features

    @property
    def group(self) -> str:
        return self.features.group

    @property
    def key(self) -> str:
        return self.features.key

    @property
    def legal_form(self) -> str | None:
        return self.features.legal_form


def _text(value: Any) -> str | None:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return None


def _rfc(value: Any, *, checked: bool | None = None) -> tuple[str | None, bool]:
    text = _text(value)
    if text is None:
        return None, False
    if checked is not None and len(text) in (12, 13) and text.isalnum() and text.isupper():
        # Already parsed by the adapter (compact, format checked, check digit verified).
        return (None, False) if text in GENERIC_RFCS else (text, bool(checked))
    try:
        info = parse_rfc(text)
    except NormalizationError:
        return None, False
    if info is None or info.generic or info.value in GENERIC_RFCS:
        return None, False
    return info.value, info.checksum_ok if checked is None else bool(checked)


def _curp(value: Any) -> tuple[str | None, bool]:
    text = _text(value)
    if text is None:
        return None, False
    try:
        info = parse_curp(text)
    except NormalizationError:
        return None, False
    if info is None:
        return None, False
    return info.value, info.checksum_ok


def _birth(declared: Any, curp: str | None, rfc: str | None) -> str | None:
    """YYMMDD of the declared birth date, else of the CURP, else of a person RFC."""
    text = _text(declared)
    if text and len(text) >= 10 and text[4] == "-" and text[7] == "-":
        digits = text[2:4] + text[5:7] + text[8:10]
        if digits.isdigit():
            return digits
    if curp and len(curp) >= 10 and curp[4:10].isdigit():
        return curp[4:10]
    if rfc and len(rfc) == 13 and rfc[4:10].isdigit():
        return rfc[4:10]
    return None


_GIVEN_ABBREVIATIONS = {"MA": "MARIA", "MARA": "MARIA", "GPE": "GUADALUPE", "FCO": "FRANCISCO"}


_CONNECTORS = frozenset({"DE", "DEL", "LA", "LAS", "LOS", "Y", "E", "VDA", "VIUDA"})


@lru_cache(maxsize=1 << 18)
def surname_order(full: str) -> str | None:
    """The surnames of a name in the order written: the words that are not given names.

    Paternal and maternal surnames make different people when swapped ("LETICIA BELTRÁN
    ZAMORA" is not "LETICIA ZAMORA BELTRÁN"), whether the given names come first or last.

    >>> surname_order("Zamora Beltrán, Leticia"), surname_order("LETICIA ZAMORA BELTRAN")
    ('ZAMORA BELTRAN', 'ZAMORA BELTRAN')
    """
    tokens = [
        t
        for t in fold(full).split()
        if t not in _CONNECTORS and t not in _GIVEN_ABBREVIATIONS and not is_given_name(t)
    ]
    return " ".join(tokens) if len(tokens) >= 2 else None


@lru_cache(maxsize=1 << 18)
def person_key(full: str) -> str:
    """Sorted folded tokens: order-free ("LOPEZ HERNANDEZ MARIA" = "MARIA LOPEZ HERNANDEZ"),
    with the usual abbreviations of given names written out ("MA." → "MARIA").

    >>> person_key("Rentería Uribe, Ma. José") == person_key("MARÍA JOSÉ RENTERÍA URIBE")
    True
    """
    return " ".join(sorted(_GIVEN_ABBREVIATIONS.get(t, t) for t in fold(full).split()))


def _features(
    kind: str,
    name: str,
    *,
    rfc: Any = None,
    rfc_checked: bool | None = None,
    curp: Any = None,
    birth: Any = None,
    country: Any = None,
    postal_code: Any = None,
    address: Any = None,
    phone: Any = None,
    clave: Any = None,
) -> Features | None:
    group = GROUPS.get(kind)
    if group is None:
        return None
    rfc_value, rfc_ok = _rfc(rfc, checked=rfc_checked)
    if kind == "company" and rfc_value is None:
        # A holder column names companies and persons alike; only the RFC's length tells
        # the adapter which. Without an RFC, a name that reads as a person's is one.
        folded, form = split_org(name)
        if form is None and looks_like_person(folded):
            kind, group = "person", "person"
    curp_value, curp_ok = (None, False)
    if group == "person":
        curp_value, curp_ok = _curp(curp)
        key = person_key(name)
        form = None
        surnames = surname_order(name)
        born = _birth(birth, curp_value, rfc_value)
    else:
        key, form = split_org(name)
        surnames = born = None
    clave_text = _text(clave)
    if not key and rfc_value is None and curp_value is None and not clave_text:
        return None
    return Features(
        group=group,
        kind=kind,
        key=key,
        surnames=surnames,
        legal_form=form,
        rfc=rfc_value,
        rfc_ok=rfc_ok,
        curp=curp_value,
        curp_ok=curp_ok,
        birth=born,
        country=_text(country),
        postal_code=_text(postal_code),
        address=_text(address),
        phone=_text(phone),
        clave=fold(clave_text) or None if clave_text else None,
    )


#: Party values → (clean name, features): one company is named on thousands of rows.
_PARTY_CACHE: dict[tuple[Any, ...], tuple[str, Features | None]] = {}


def mention_from_party(
    record_id: int,
    index: int,
    source: str,
    file_name: str,
    position: int,
    party: dict[str, Any],
) -> Mention | None:
    """The mention of one ``PartyMention`` dump (``None`` for unknown or empty parties)."""
    kind = str(party.get("kind") or "")
    extra = party.get("extra") or {}
    if not isinstance(extra, dict):
        extra = {}
    get = party.get
    raw: tuple[Any, ...] = (
        kind,
        get("name"),
        get("given_names"),
        get("paternal_surname"),
        get("maternal_surname"),
        get("rfc"),
        get("rfc_checksum_ok"),
        get("curp"),
        extra.get("birth_date"),
        get("country"),
        get("postal_code"),
        get("address"),
        get("phone"),
        extra.get("clave") if kind == "trust" else None,
    )
    cached: tuple[str, Features | None] | None
    try:
        cached = _PARTY_CACHE.get(raw)
    except TypeError:  # an unhashable value where text was expected
        raw, cached = (), None
    if cached is None:
        name = clean(get("name"))
        cached = (
            name,
            _features(
                kind,
                name,
                rfc=get("rfc"),
                rfc_checked=get("rfc_checksum_ok"),
                curp=get("curp"),
                birth=extra.get("birth_date"),
                country=get("country"),
                postal_code=get("postal_code"),
                address=get("address"),
                phone=get("phone"),
                clave=extra.get("clave") if kind == "trust" else None,
            ),
        )
        if raw:
            if len(_PARTY_CACHE) > 1 << 19:
                _PARTY_CACHE.clear()
            _PARTY_CACHE[raw] = cached
    name, features = cached
    if features is None:
        return None
    field = str(party.get("field") or "")
    return Mention(
        seq=record_id * 64 + min(index, 63),
        mention_id=f"{source}:{file_name}:{position}:{field}",
        record_id=record_id,
        role=str(party.get("role") or ""),
        name=name or (features.rfc or features.curp or features.clave or ""),
        features=features,
    )


def _bods_identifiers(details: dict[str, Any]) -> tuple[str | None, str | None]:
    rfc = curp = None
    for raw in details.get("identifiers") or []:
        if not isinstance(raw, dict):
            continue
        scheme = str(raw.get("scheme") or "").upper()
        value = raw.get("id")
        if scheme in _RFC_SCHEMES and rfc is None:
            rfc = value
        elif scheme in _CURP_SCHEMES and curp is None:
            curp = value
    return rfc, curp


def _bods_kind(statement: dict[str, Any], details: dict[str, Any]) -> str | None:
    record_type = statement.get("recordType")
    if record_type == "person":
        return "person"
    if record_type != "entity":
        return None
    entity_type = details.get("entityType") or {}
    if not isinstance(entity_type, dict):
        return "company"
    kind = entity_type.get("type")
    if kind in ("anonymousEntity", "unknownEntity"):
        return None
    if entity_type.get("subtype") == "trust":
        return "trust"
    if kind in ("state", "stateBody"):
        return "public_body"
    return "company"


def mention_from_bods(
    record_id: int, file_name: str, position: int, statement: dict[str, Any]
) -> Mention | None:
    """The mention of a BODS entity or person statement."""
    details = statement.get("recordDetails")
    if not isinstance(details, dict):
        return None
    kind = _bods_kind(statement, details)
    if kind is None:
        return None
    if kind == "person":
        names = details.get("names") or []
        first = names[0] if names and isinstance(names[0], dict) else {}
        name = clean(first.get("fullName"))
        nationalities = details.get("nationalities") or []
        country = (
            nationalities[0].get("code")
            if nationalities and isinstance(nationalities[0], dict)
            else None
        )
        extra: dict[str, Any] = {
            "birth": details.get("birthDate"),
        }
    else:
        name = clean(details.get("name"))
        jurisdiction = details.get("jurisdiction") or {}
        country = jurisdiction.get("code") if isinstance(jurisdiction, dict) else None
        extra = {}
    rfc, curp = _bods_identifiers(details)
    addresses = details.get("addresses") or []
    address = addresses[0] if addresses and isinstance(addresses[0], dict) else {}
    features = _features(
        kind,
        name,
        rfc=rfc,
        curp=curp,
        country=country,
        postal_code=address.get("postCode"),
        address=fold(_text(address.get("address"))) or None,
        **extra,
    )
    if features is None:
        return None
    return Mention(
        seq=record_id * 64,
        mention_id=f"bods:{file_name}:{position}:recordDetails",
        record_id=record_id,
        role=str(statement.get("recordType")),
        name=name or (features.rfc or ""),
        features=features,
    )


def mentions_of_record(
    record_id: int, source: str, file_name: str, position: int, payload: Any
) -> list[Mention]:
    """Every mention of one ledger record: ``payload`` is the parties list of a tabular
    record, or the statement of a BODS record."""
    if source == "bods":
        if isinstance(payload, dict):
            found = mention_from_bods(record_id, file_name, position, payload)
            return [found] if found is not None else []
        return []
    out: list[Mention] = []
    if not isinstance(payload, list):
        return out
    for index, party in enumerate(payload):
        if isinstance(party, dict):
            found = mention_from_party(record_id, index, source, file_name, position, party)
            if found is not None:
                out.append(found)
    return out
