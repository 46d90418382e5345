"""Parameters of the red flags and of the score, with their defaults (``RiskParameters``).

Every parameter can be set as ``REGISTRY_RISK_<NAME>`` (a list or a mapping as JSON), or
passed in. The defaults follow RISK.md; the thresholds of ownership are those of the
anti-money-laundering law (25 %, LFPIORPI art. 3 fr. III).

Secrecy jurisdictions (``secrecy_jurisdictions``), the default:

* offshore centres high in the Tax Justice Network's Financial Secrecy Index that hold
  stakes in Mexican extractive companies: the Cayman Islands (KY), the British Virgin
  Islands (VG), Bermuda (BM), Switzerland (CH), Singapore (SG), Luxembourg (LU), the
  Netherlands (NL, conduit holding companies), Barbados (BB) and Delaware (US-DE);
* the EU list of non-cooperative jurisdictions for tax purposes (revision of February
  2024): American Samoa (AS), Anguilla (AI), Antigua and Barbuda (AG), the Bahamas (BS),
  Belize (BZ), Fiji (FJ), Guam (GU), Palau (PW), Panama (PA), Russia (RU), Samoa (WS),
  Trinidad and Tobago (TT), the US Virgin Islands (VI) and Vanuatu (VU).

Large onshore economies that the Index also ranks high (the United States as a whole,
Japan, Germany, Hong Kong) are left out on purpose: Mexican groups hold through them in
the ordinary course, and a flag on every such chain would drown the others. Codes are ISO
3166-1 alpha-2, or ISO 3166-2 for a subdivision (``US-DE``); a node matches on its
jurisdiction.
"""

from __future__ import annotations

from typing import Final

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["DEFAULT_SECRECY_JURISDICTIONS", "DEFAULT_WEIGHTS", "RiskParameters"]

DEFAULT_SECRECY_JURISDICTIONS: Final[tuple[str, ...]] = (
    "KY",
    "VG",
    "BM",
    "CH",
    "SG",
    "LU",
    "NL",
    "BB",
    "US-DE",
    "AS",
    "AI",
    "AG",
    "BS",
    "BZ",
    "FJ",
    "GU",
    "PW",
    "PA",
    "RU",
    "WS",
    "TT",
    "VI",
    "VU",
)

#: Points each flag adds to a score; a flag counts once however many hits it has.
DEFAULT_WEIGHTS: Final[dict[str, float]] = {
    "CIRCULAR": 15.0,
    "PEP_OWNER": 20.0,
    "CONFLICT": 30.0,
    "SAT_69B": 30.0,
    "SANCTIONED": 30.0,
    "UNTRACED": 10.0,
    "TRUST_OPAQUE": 15.0,
    "LAYERING": 10.0,
    "NEW_COMPANY": 10.0,
    "FLIP": 10.0,
    "SHARED_ADDRESS": 10.0,
    "NOMINEE": 15.0,
    "COMMON_OWNER": 20.0,
    "DIRECT_AWARD": 10.0,
    "CONCENTRATION": 10.0,
    "SPLIT": 15.0,
}


class RiskParameters(BaseSettings):
    """What the flags are computed with. ``REGISTRY_RISK_<NAME>`` sets each one."""

    model_config = SettingsConfigDict(env_prefix="REGISTRY_RISK_", extra="ignore", frozen=True)

    tau_percent: float = Field(
        default=25.0, ge=0, le=100, description="τ: effective share that makes an owner count."
    )
    control_percent: float = Field(
        default=50.0,
        ge=0,
        le=100,
        description="A holder controls a company it holds more than this much of, directly.",
    )
    sanctioned_aggregate_percent: float = Field(
        default=50.0, ge=0, le=100, description="Sanctioned owners together holding this much."
    )
    untraced_below_percent: float = Field(default=75.0, ge=0, le=100)
    layering_max_layers: int = Field(default=3, ge=0)
    secrecy_jurisdictions: tuple[str, ...] = DEFAULT_SECRECY_JURISDICTIONS
    new_company_days: int = Field(default=365, ge=0)
    flip_window_days: int = Field(default=730, ge=0)
    flip_new_owner_percent: float = Field(default=25.0, ge=0, le=100)
    shared_address_percentile: float = Field(default=0.99, gt=0, le=1)
    nominee_min_groups: int = Field(default=5, ge=2)
    conflict_max_hops: int = Field(default=3, ge=1, le=6)
    concentration_percent: float = Field(default=50.0, ge=0, le=100)
    concentration_min_contracts: int = Field(default=5, ge=1)
    split_window_days: int = Field(default=90, ge=1)
    split_threshold_amount: float | None = Field(
        default=None,
        gt=0,
        description="Amount above which a competitive procedure is required. It depends on "
        "the buyer's budget and the year (annex of the federal budget), so there is no "
        "default: SPLIT is not evaluated until it is set.",
    )
    split_margin_percent: float = Field(
        default=20.0, gt=0, le=100, description="'Just under': within this much below it."
    )
    weights: dict[str, float] = Field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    max_score: float = Field(default=100.0, gt=0)
    max_upstream_nodes: int = Field(default=50_000, ge=1)

    def weight(self, code: str) -> float:
        return self.weights.get(code, DEFAULT_WEIGHTS.get(code, 0.0))

    @property
    def secrecy(self) -> frozenset[str]:
        return frozenset(j.strip().upper() for j in self.secrecy_jurisdictions)
