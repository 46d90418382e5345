"""The one error the normalisers raise."""

from __future__ import annotations


class NormalizationError(ValueError):
    """A value that cannot be accepted. ``rule`` is a stable code used in quarantine
    reasons: ``bad_date``, ``bad_percentage``, ``bad_amount``, ``bad_rfc``, ``bad_curp``,
    ``bad_value``, ``bad_country``."""

    def __init__(self, rule: str, message: str) -> None:
        super().__init__(message)
        self.rule = rule
        self.message = message
