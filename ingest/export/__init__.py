"""Exports of the register: BODS 0.4 JSON Lines, GraphML, GEXF, CSV tables and FollowTheMoney.

Every exporter reads the graph through the ``GraphStore`` protocol (``iter_nodes``,
``iter_edges``), so it works on the embedded store and on Neo4j alike. Validation of a
BODS export by libcovebods (AGPL) runs in a separate process: see ``ingest.export.cove``.
"""

from __future__ import annotations

from ingest.export.bods import BodsExportReport, bods_statements, export_bods
from ingest.export.register import Register, read_register

__all__ = ["BodsExportReport", "Register", "bods_statements", "export_bods", "read_register"]
