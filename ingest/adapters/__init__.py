"""Source adapters, by the name `registry ingest NAME PATH` takes.

Adding a source means one new module and one line in ``ADAPTERS``. Modules are imported
when first used, so a broken adapter cannot stop the others from loading.
"""

from __future__ import annotations

from importlib import import_module

from ingest.adapters.base import Adapter, AdapterOutput
from registry.errors import InvalidInputError

#: Source name → "module:class" of its adapter.
ADAPTERS: dict[str, str] = {
    "bods": "ingest.adapters.bods:BodsAdapter",
    "sat-69b": "ingest.adapters.sat_69b:Sat69bAdapter",
    "sfp-sanctions": "ingest.adapters.sfp_sanctions:SfpSanctionsAdapter",
    "trusts": "ingest.adapters.trusts:TrustsAdapter",
    "compranet": "ingest.adapters.compranet:CompranetAdapter",
    "ocds": "ingest.adapters.ocds:OcdsAdapter",
    "cnh-contracts": "ingest.adapters.cnh_contracts:CnhContractsAdapter",
    "cnh-participations": "ingest.adapters.cnh_participations:CnhParticipationsAdapter",
    "bo-declarations": "ingest.adapters.bo_declarations:BoDeclarationsAdapter",
    "mining-concessions": "ingest.adapters.mining_concessions:MiningConcessionsAdapter",
    "mining-acts": "ingest.adapters.mining_acts:MiningActsAdapter",
    "trust-parties": "ingest.adapters.trust_parties:TrustPartiesAdapter",
    "pep": "ingest.adapters.pep:PepAdapter",
    "companies": "ingest.adapters.companies:CompaniesAdapter",
}

__all__ = ["ADAPTERS", "Adapter", "AdapterOutput", "get_adapter"]

_loaded: dict[str, Adapter] = {}


def get_adapter(name: str) -> Adapter:
    """The adapter of a source name; a clear error for an unknown one."""
    if name in _loaded:
        return _loaded[name]
    target = ADAPTERS.get(name)
    if target is None:
        raise InvalidInputError(
            f"unknown source {name!r}; known sources: {', '.join(sorted(ADAPTERS))}",
            source=name,
        )
    module_name, _, class_name = target.partition(":")
    adapter: Adapter = getattr(import_module(module_name), class_name)()
    _loaded[name] = adapter
    return adapter
