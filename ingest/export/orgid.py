"""Identifier schemes in BODS: org-id.guide codes for entities, ``{ISO3}-{TYPE}`` for persons.

The export puts a scheme in ``scheme`` only where BODS allows it there (a known org-id.guide
code for an entity; ``MEX-TAXID``-style codes for a person) and keeps the registry's own
scheme names (``MX-FIDEICOMISO``) in ``schemeName``, so that nothing is lost and a
validator that checks schemes has nothing to object to.

``ORG_ID_LISTS`` is a small offline copy of the org-id.guide entries the export uses
(facts from org-id.guide's register, ODbL); libcovebods reads it instead of downloading
the whole list (see ``ingest.export.cove``).
"""

from __future__ import annotations

import re
from typing import Any, Final

import pycountry

from registry.model import Identifier

__all__ = ["ORG_ID_LISTS", "entity_identifier", "org_id_document", "person_identifier"]

#: org-id.guide list codes with their English names.
ORG_ID_LISTS: Final[dict[str, str]] = {
    "MX-RFC": "Federal Taxpayers Registry",
    "MX-CR": "Business Information System of Mexico. Ministry of the Economy",
    "MX-CPA": "Budget Classification of Public Entities (Mexico)",
    "MX-CMX_CPA": "Budget Classification of Public Entities (Mexico City)",
    "MX-COA": "Mexico Chart of Accounts",
    "GB-COH": "Companies House",
    "XI-LEI": "Global Legal Entity Identifier Index",
}

_PERSON_SCHEME = re.compile(r"^([A-Z]{3})-(PASSPORT|TAXID|IDCARD)$")

#: Registry schemes of persons and the BODS person scheme each becomes.
_PERSON_SCHEMES: Final[dict[str, tuple[str, str]]] = {
    "MX-RFC": ("MEX-TAXID", "RFC (Registro Federal de Contribuyentes)"),
    "MX-CURP": ("MEX-IDCARD", "CURP (Clave Única de Registro de Población)"),
}


def entity_identifier(identifier: Identifier) -> dict[str, str]:
    """An entity's identifier: ``scheme`` when org-id.guide knows it, else ``schemeName``."""
    if identifier.scheme in ORG_ID_LISTS:
        return {
            "id": identifier.id,
            "scheme": identifier.scheme,
            "schemeName": ORG_ID_LISTS[identifier.scheme],
        }
    return {"id": identifier.id, "schemeName": identifier.scheme}


def person_identifier(identifier: Identifier) -> dict[str, str]:
    """A person's identifier with a ``{ISO3}-{PASSPORT|TAXID|IDCARD}`` scheme where one fits."""
    known = _PERSON_SCHEMES.get(identifier.scheme)
    if known is not None:
        return {"id": identifier.id, "scheme": known[0], "schemeName": known[1]}
    match = _PERSON_SCHEME.match(identifier.scheme)
    if match and pycountry.countries.get(alpha_3=match.group(1)) is not None:
        return {"id": identifier.id, "scheme": identifier.scheme}
    return {"id": identifier.id, "scheme": "MEX-IDCARD", "schemeName": identifier.scheme}


def org_id_document(downloaded: str) -> dict[str, Any]:
    """The offline org-id.guide list in the shape of its ``download.json``."""
    return {
        "downloaded": downloaded,
        "lists": [
            {"code": code, "name": {"en": name}, "confirmed": True}
            for code, name in sorted(ORG_ID_LISTS.items())
        ],
    }
