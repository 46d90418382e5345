"""Normalisation of Mexican source values: one small module per value type.

Every parser returns ``None`` for a blank cell (blank means unknown, never zero) and raises
``NormalizationError`` with a rule code for a value it cannot accept; the adapters turn
that into a quarantine entry naming file, row and column.
"""

from ingest.normalize.addresses import address_key, phone_key, postal_code
from ingest.normalize.countries import country_code
from ingest.normalize.dates import find_date, parse_date, parse_dates
from ingest.normalize.errors import NormalizationError
from ingest.normalize.ids import CurpInfo, RfcInfo, parse_curp, parse_rfc
from ingest.normalize.numbers import Percent, parse_amount, parse_percentage, parse_term_months
from ingest.normalize.orgs import org_key, split_legal_form
from ingest.normalize.persons import PersonName, parse_person_name, person_from_parts, person_key
from ingest.normalize.text import clean, fold
from ingest.normalize.yesno import parse_yes_no

__all__ = [
    "CurpInfo",
    "NormalizationError",
    "Percent",
    "PersonName",
    "RfcInfo",
    "address_key",
    "clean",
    "country_code",
    "find_date",
    "fold",
    "org_key",
    "parse_amount",
    "parse_curp",
    "parse_date",
    "parse_dates",
    "parse_percentage",
    "parse_person_name",
    "parse_rfc",
    "parse_term_months",
    "parse_yes_no",
    "person_from_parts",
    "person_key",
    "phone_key",
    "postal_code",
    "split_legal_form",
]
