"""Countries, nationalities and jurisdictions to ISO 3166-1 alpha-2 codes.

Known: alpha-2 and alpha-3 codes, every ISO country name in English and Spanish (from
pycountry's data and its Spanish translations), common short forms (EUA, EE.UU., BVI,
Holanda, Inglaterra ...), nationality adjectives ("mexicana", "estadounidense",
"British"), and subdivisions used as jurisdictions: US states ("Delaware" → US), Mexican
states ("Nuevo León" → MX), Canadian provinces and the UK nations. Accents, case and
punctuation do not matter. "Ciudad, Estado, País" cells are tried part by part from the
end. Where a name is both a country and a US state, the country wins ("Georgia" → GE).

>>> [country_code(s) for s in ("México", "EE.UU.", "Islas Caimán", "BVI", "Delaware")]
['MX', 'US', 'KY', 'VG', 'US']
>>> country_code("Países Bajos"), country_code("Holanda"), country_code("mexicana")
('NL', 'NL', 'MX')
>>> country_code("") is None
True
>>> country_code("US-DE"), country_code("MX-NLE")  # ISO 3166-2 subdivisions
('US', 'MX')
"""

from __future__ import annotations

import functools
import gettext
import re
from functools import lru_cache

import pycountry

from ingest.normalize.errors import NormalizationError
from ingest.normalize.text import fold

__all__ = ["country_code", "country_name", "jurisdiction_code"]

_ALIASES: dict[str, str] = {
    # United States
    "EUA": "US",
    "E U A": "US",
    "EEUU": "US",
    "EE UU": "US",
    "E E U U": "US",
    "U S": "US",
    "U S A": "US",
    "UNITED STATES OF AMERICA": "US",
    "ESTADOS UNIDOS": "US",
    "ESTADOS UNIDOS DE AMERICA": "US",
    "ESTADOS UNIDOS DE NORTEAMERICA": "US",
    "ESTADOS UNIDOS MEXICANOS": "MX",
    "REPUBLICA MEXICANA": "MX",
    "MEJICO": "MX",
    # United Kingdom
    "UK": "GB",
    "U K": "GB",
    "GRAN BRETANA": "GB",
    "GREAT BRITAIN": "GB",
    "BRITAIN": "GB",
    "INGLATERRA": "GB",
    "ENGLAND": "GB",
    "ESCOCIA": "GB",
    "SCOTLAND": "GB",
    "GALES": "GB",
    "PAIS DE GALES": "GB",
    "WALES": "GB",
    "IRLANDA DEL NORTE": "GB",
    "NORTHERN IRELAND": "GB",
    "ENGLAND AND WALES": "GB",
    "INGLATERRA Y GALES": "GB",
    # Netherlands
    "HOLANDA": "NL",
    "HOLLAND": "NL",
    "THE NETHERLANDS": "NL",
    "NEDERLAND": "NL",
    "ANTILLAS HOLANDESAS": "CW",
    "ANTILLAS NEERLANDESAS": "CW",
    "NETHERLANDS ANTILLES": "CW",
    "CURAZAO": "CW",
    # offshore
    "BVI": "VG",
    "B V I": "VG",
    "BRITISH VIRGIN ISLANDS": "VG",
    "ISLAS VIRGENES BRITANICAS": "VG",
    "ISLAS VIRGENES": "VG",
    "VIRGIN ISLANDS": "VG",
    "TORTOLA": "VG",
    "ISLAS VIRGENES DE LOS ESTADOS UNIDOS": "VI",
    "US VIRGIN ISLANDS": "VI",
    "CAYMAN": "KY",
    "CAYMAN ISLANDS": "KY",
    "ISLAS CAIMAN": "KY",
    "ISLAS CAYMAN": "KY",
    "GRAN CAIMAN": "KY",
    "GRAND CAYMAN": "KY",
    "BERMUDAS": "BM",
    "ISLA DE MAN": "IM",
    "ISLE OF MAN": "IM",
    "JERSEY": "JE",
    "GUERNSEY": "GG",
    "BAHAMAS": "BS",
    "LAS BAHAMAS": "BS",
    "THE BAHAMAS": "BS",
    "ISLAS MARSHALL": "MH",
    "MARSHALL ISLANDS": "MH",
    "ISLAS TURCAS Y CAICOS": "TC",
    "TURKS AND CAICOS": "TC",
    "ANGUILA": "AI",
    "BARBADOS": "BB",
    "SAMOA": "WS",
    "SEYCHELLES": "SC",
    "MAURICIO": "MU",
    "MAURITIUS": "MU",
    "LIECHTENSTEIN": "LI",
    "MONACO": "MC",
    "DELAWARE": "US",
    # other short forms
    "HK": "HK",
    "HONG KONG": "HK",
    "HONG KONG SAR": "HK",
    "COREA": "KR",
    "COREA DEL SUR": "KR",
    "SOUTH KOREA": "KR",
    "KOREA": "KR",
    "COREA DEL NORTE": "KP",
    "NORTH KOREA": "KP",
    "RUSIA": "RU",
    "RUSSIA": "RU",
    "TAIWAN": "TW",
    "REPUBLICA CHECA": "CZ",
    "CZECH REPUBLIC": "CZ",
    "VIETNAM": "VN",
    "BOLIVIA": "BO",
    "VENEZUELA": "VE",
    "IRAN": "IR",
    "SIRIA": "SY",
    "SYRIA": "SY",
    "LAOS": "LA",
    "TANZANIA": "TZ",
    "MOLDAVIA": "MD",
    "MACEDONIA": "MK",
    "EMIRATOS ARABES UNIDOS": "AE",
    "EAU": "AE",
    "UAE": "AE",
    "REPUBLICA POPULAR CHINA": "CN",
    "REPUBLICA POPULAR DE CHINA": "CN",
    "PEOPLES REPUBLIC OF CHINA": "CN",
    "PRC": "CN",
    "VATICANO": "VA",
    "COSTA DE MARFIL": "CI",
    "IVORY COAST": "CI",
    "SUDAFRICA": "ZA",
    "BELICE": "BZ",
    "SAN MARINO": "SM",
    "CANADA": "CA",
}

# Nationality adjectives (Spanish, masculine and feminine, and English).
_NATIONALITIES: dict[str, tuple[str, ...]] = {
    "MX": ("MEXICANO", "MEXICANA", "MEXICAN"),
    "US": ("ESTADOUNIDENSE", "NORTEAMERICANO", "NORTEAMERICANA", "AMERICAN", "AMERICANO"),
    "CA": ("CANADIENSE", "CANADIAN"),
    "ES": ("ESPANOL", "ESPANOLA", "SPANISH"),
    "GB": ("BRITANICO", "BRITANICA", "BRITISH", "INGLES", "INGLESA", "ENGLISH"),
    "NL": ("HOLANDES", "HOLANDESA", "NEERLANDES", "NEERLANDESA", "DUTCH"),
    "CH": ("SUIZO", "SUIZA", "SWISS"),
    "FR": ("FRANCES", "FRANCESA", "FRENCH"),
    "DE": ("ALEMAN", "ALEMANA", "GERMAN"),
    "IT": ("ITALIANO", "ITALIANA", "ITALIAN"),
    "PT": ("PORTUGUES", "PORTUGUESA", "PORTUGUESE"),
    "BE": ("BELGA", "BELGIAN"),
    "LU": ("LUXEMBURGUES", "LUXEMBURGUESA", "LUXEMBOURGISH"),
    "IE": ("IRLANDES", "IRLANDESA", "IRISH"),
    "SE": ("SUECO", "SUECA", "SWEDISH"),
    "NO": ("NORUEGO", "NORUEGA", "NORWEGIAN"),
    "DK": ("DANES", "DANESA", "DANISH"),
    "AT": ("AUSTRIACO", "AUSTRIACA", "AUSTRIAN"),
    "CN": ("CHINO", "CHINA", "CHINESE"),
    "JP": ("JAPONES", "JAPONESA", "JAPANESE"),
    "KR": ("COREANO", "COREANA", "KOREAN", "SURCOREANO", "SURCOREANA"),
    "IN": ("INDIO", "INDIA", "HINDU", "INDIAN"),
    "RU": ("RUSO", "RUSA", "RUSSIAN"),
    "AU": ("AUSTRALIANO", "AUSTRALIANA", "AUSTRALIAN"),
    "AR": ("ARGENTINO", "ARGENTINA", "ARGENTINIAN", "ARGENTINE"),
    "BR": ("BRASILENO", "BRASILENA", "BRAZILIAN"),
    "CL": ("CHILENO", "CHILENA", "CHILEAN"),
    "CO": ("COLOMBIANO", "COLOMBIANA", "COLOMBIAN"),
    "PE": ("PERUANO", "PERUANA", "PERUVIAN"),
    "VE": ("VENEZOLANO", "VENEZOLANA", "VENEZUELAN"),
    "EC": ("ECUATORIANO", "ECUATORIANA", "ECUADORIAN"),
    "UY": ("URUGUAYO", "URUGUAYA", "URUGUAYAN"),
    "PY": ("PARAGUAYO", "PARAGUAYA", "PARAGUAYAN"),
    "BO": ("BOLIVIANO", "BOLIVIANA", "BOLIVIAN"),
    "GT": ("GUATEMALTECO", "GUATEMALTECA", "GUATEMALAN"),
    "HN": ("HONDURENO", "HONDURENA", "HONDURAN"),
    "SV": ("SALVADORENO", "SALVADORENA", "SALVADORAN"),
    "NI": ("NICARAGUENSE", "NICARAGUAN"),
    "CR": ("COSTARRICENSE", "COSTARRIQUENO", "COSTA RICAN"),
    "PA": ("PANAMENO", "PANAMENA", "PANAMANIAN"),
    "CU": ("CUBANO", "CUBANA", "CUBAN"),
    "DO": ("DOMINICANO", "DOMINICANA"),
    "IL": ("ISRAELI", "ISRAELITA"),
    "TR": ("TURCO", "TURCA", "TURKISH"),
    "GR": ("GRIEGO", "GRIEGA", "GREEK"),
    "PL": ("POLACO", "POLACA", "POLISH"),
    "ZA": ("SUDAFRICANO", "SUDAFRICANA", "SOUTH AFRICAN"),
    "SG": ("SINGAPURENSE", "SINGAPOREAN"),
    "NZ": ("NEOZELANDES", "NEOZELANDESA", "NEW ZEALANDER"),
    "LB": ("LIBANES", "LIBANESA", "LEBANESE"),
}

_BLANK = frozenset(
    {"NA", "N A", "N D", "S D", "NO APLICA", "SIN DATO", "SIN DATOS", "DESCONOCIDO",
     "DESCONOCIDA", "NINGUNO", "NINGUNA", "NONE", "NULL", "UNKNOWN"}
)  # fmt: skip
_SUBDIVISION_COUNTRIES = ("US", "MX", "CA", "GB")
_PARTS = re.compile(r"\s*(?:[,;/()]|\s-\s)\s*")


def _variants(name: str) -> list[str]:
    """Folded forms of an ISO name, with "Korea, Republic of" also as "Republic of Korea"."""
    out = [fold(name)]
    if ", " in name:
        head, _, tail = name.partition(", ")
        out.append(fold(f"{tail} {head}"))
        out.append(fold(head))
    return out


@functools.cache
def _index() -> dict[str, str]:
    index: dict[str, str] = {}
    spanish: gettext.NullTranslations
    try:
        spanish = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["es"])
    except OSError:  # pragma: no cover - locale files ship with pycountry
        spanish = gettext.NullTranslations()
    es = spanish.gettext
    for c in pycountry.countries:
        code: str = c.alpha_2
        names = [c.name]
        for attr in ("official_name", "common_name"):
            value = getattr(c, attr, None)
            if value:
                names.append(value)
        for name in list(names):
            names.append(es(name))
        for name in names:
            for v in _variants(name):
                index.setdefault(v, code)
    # subdivisions (US states, Mexican states ...) map to their country, never override
    for sub in pycountry.subdivisions:
        country = str(sub.country_code)
        if country in _SUBDIVISION_COUNTRIES:
            for v in _variants(str(sub.name)):
                index.setdefault(v, country)
    for alias, code in _ALIASES.items():
        index[alias] = code
    for code, words in _NATIONALITIES.items():
        for word in words:
            index.setdefault(word, code)
    extra_mx = (
        "CDMX",
        "CIUDAD DE MEXICO",
        "DISTRITO FEDERAL",
        "ESTADO DE MEXICO",
        "EDOMEX",
        "COAHUILA",
        "MICHOACAN",
        "VERACRUZ",
        "QUERETARO DE ARTEAGA",
    )
    for name in extra_mx:
        index.setdefault(name, "MX")
    return index


def _lookup(key: str) -> str | None:
    if key in _BLANK:
        return None
    compact = key.replace(" ", "")
    if len(compact) == 2 and compact.isalpha() and pycountry.countries.get(alpha_2=compact):
        return compact
    if len(compact) == 3 and compact.isalpha():
        found = pycountry.countries.get(alpha_3=compact)
        if found is not None:
            return str(found.alpha_2)
    index = _index()
    return index.get(key) or index.get(compact) or index.get(key.removeprefix("THE "))


_SUBDIVISION = re.compile(r"([A-Z]{2})-[A-Z0-9]{1,3}")


@functools.cache
def _subdivision_codes() -> frozenset[str]:
    """Every ISO 3166-2 code ("US-DE", "MX-NLE", "KY-01" …)."""
    return frozenset(str(s.code) for s in pycountry.subdivisions)


@lru_cache(maxsize=1 << 16)  # source columns repeat values a lot
def country_code(s: str | None) -> str | None:
    """ISO 3166-1 alpha-2 code of a country, nationality or jurisdiction name.

    ``None`` for blank and for placeholders ("N/A", "NA", "S/D", "desconocido"; note that
    "NA" is therefore not Namibia). Unknown non-blank text raises
    ``NormalizationError("bad_country")``.
    """
    key = fold(s)
    if not key:
        return None
    if key in _BLANK:
        return None
    subdivision = _SUBDIVISION.fullmatch((s or "").strip().upper())
    if subdivision is not None and subdivision.group(0) in _subdivision_codes():
        return subdivision.group(1)  # ISO 3166-2 ("US-DE"): the country it lies in
    code = _lookup(key)
    if code is not None:
        return code
    # "Wilmington, Delaware, EUA", "Houston (Texas)": try the parts, last first
    parts = [fold(p) for p in _PARTS.split(s or "") if fold(p)]
    if len(parts) > 1:
        for part in reversed(parts):
            code = _lookup(part)
            if code is not None:
                return code
    raise NormalizationError("bad_country", f"{s!r} is not a known country or jurisdiction")


@functools.cache
def _us_states() -> dict[str, str]:
    """Folded name of each US state → its ISO 3166-2 code ("DELAWARE" → "US-DE")."""
    return {
        fold(str(s.name)): str(s.code)
        for s in pycountry.subdivisions
        if str(s.code).startswith("US-")
    }


@lru_cache(maxsize=1 << 14)
def jurisdiction_code(s: str | None) -> str | None:
    """Where a company is registered: ISO 3166-1 alpha-2, or ISO 3166-2 for a US state,
    where companies are registered by state (Delaware is a secrecy jurisdiction, the
    United States as a whole is not).

    >>> jurisdiction_code("Delaware, EUA"), jurisdiction_code("US-DE"), jurisdiction_code("EUA")
    ('US-DE', 'US-DE', 'US')
    >>> jurisdiction_code("Islas Caimán")
    'KY'
    """
    code = country_code(s)
    if code != "US":
        return code
    raw = (s or "").strip().upper()
    if _SUBDIVISION.fullmatch(raw) and raw in _subdivision_codes():
        return raw
    states = _us_states()
    for part in [fold(s), *(fold(p) for p in _PARTS.split(s or ""))]:
        state = states.get(part)
        if state is not None:
            return state
    return code


def country_name(code: str) -> str | None:
    """English ISO short name of an alpha-2 code, or ``None``.

    >>> country_name("KY")
    'Cayman Islands'
    """
    found = pycountry.countries.get(alpha_2=code.upper())
    return str(found.name) if found is not None else None
