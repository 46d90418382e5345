"""A synthetic Mexican extractive sector, written in the layouts of SOURCES.md, with the
ground truth an ingest must recover.

The model
---------
The sector is built per *scale unit* (``scale`` units give ``scale`` times the rows):

- **Hydrocarbons.** About 111 CNH contracts per unit: bidding rounds (ids like
  ``CNH-R02-L01-A10.CS/2017``), Pemex farm-outs (``CNH-A4.OGARRIO/2018``) and migrations
  (``CNH-M3-MISION/2018``). Winners are Mexican special-purpose companies of corporate
  groups: listed foreign majors reached through holdings in the Netherlands, Luxembourg,
  Spain, Delaware, the Cayman Islands...; private-equity backed Mexican independents
  (funds in Cayman and Delaware plus founders); Mexican families, sometimes through a BVI,
  Cayman or Panama company. Consortia of two or three, assignments of interest, changes
  of operator and of control over time (shares of one contract on one day sum to 100).
  Unit 0 carries the known facts: CNH-R01-L01-A2/2015 (Talos operator 45 %, Sierra Oil &
  Gas 45 %, Premier Oil 10 %) and CNH-R01-L01-A7/2015, Zama (Talos operator 35 %, Sierra
  40 %, Premier 25 %), signed 2015-09-04; their corporate chains are invented.
- **Mining.** About 3,800 titles per unit, held by companies of groups whose weights are
  Pareto-distributed over the whole data set (at high scale a few groups hold thousands
  of titles), and by individuals; transmissions of titularity and exploration contracts
  in the Public Mining Registry.
- **Ownership.** Every company with declared owners has one or two declaration
  snapshots (dated); a share may be exact, a range, a bound or unknown; listed parents
  declare "Exento", funds "Sin beneficiario controlador", some owners "Sin respuesta".
  Mexican companies have two partners (99.99 / 0.01 is common).
- **Trusts.** Public trusts in the SHCP layout (clave de registro of 14 characters) and
  private trusts (bank contract numbers ``F/…``) with settlors, trustees, beneficiaries,
  technical committees, mandantes and mandatarios; private trusts hold shares.
- **People.** Families share surnames; PEPs hold positions at public bodies, their
  relatives are listed with PARENTESCO and ID_PEP_RELACIONADO.
- **Procurement and lists.** About 1,700 CompraNet contracts per unit (suppliers drawn
  with heavy tails, some of them sector companies), a 69-B list of mostly shell
  companies (many at a few mass-registration addresses) and an SFP sanctions list.
- **Planted red flags** per unit: circular ownership (2- and 3-member cycles, a company
  holding its own shares), PEP owners (direct, through a trust, by other means), opaque
  trusts, a five-layer offshore chain, a flip after an award, a consortium whose members
  share an owner, new companies that win, nominees, mass addresses, listed holders.

Noise is everywhere a real register has it (accents, legal-form spellings, typos, word
order, abbreviations, blank, generic and wrong-check-digit RFCs, every date, percentage
and yes/no format); about 0.5 % of the rows of our layouts are broken on purpose in
one cell, and listed in ``truth/broken_rows.csv``. See ``truth/README.md`` of a
generated folder for the truth files.

>>> from pathlib import Path; import tempfile
>>> report = generate(Path(tempfile.mkdtemp()), scale=1, seed=1)
>>> report.files["cnh-contracts.csv"]
111
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from ingest.generate.sink import Sink
from ingest.generate.sources import write_sources
from ingest.generate.truth import write_truth
from ingest.generate.world import REF_DATE, Company, build_world

__all__ = ["REF_DATE", "GenerateReport", "generate"]


@dataclass
class GenerateReport:
    """What ``generate`` wrote."""

    files: dict[str, int]  # file name -> data rows
    truth_dir: Path
    seconds: float


def generate(out_dir: Path, scale: int, seed: int) -> GenerateReport:
    """Write the source files of a synthetic sector to ``out_dir`` and its ground truth to
    ``out_dir / "truth"``. Deterministic for a (scale, seed); rows grow linearly with
    ``scale`` (about 10,500 data rows per unit)."""
    if scale < 1:
        raise ValueError("scale must be a positive integer")
    started = time.perf_counter()
    out_dir = Path(out_dir)
    truth_dir = out_dir / "truth"
    truth_dir.mkdir(parents=True, exist_ok=True)
    world = build_world(seed, scale)
    protected = {i for i, _, _ in world.planted}
    for e in world.entities.values():
        if isinstance(e, Company) and (
            (e.address is not None and e.address.mass)
            or e.phone in world.mass_phones
            or (e.administrator is not None and e.administrator.id in protected)
        ):
            protected.add(e.id)
    sink = Sink(out_dir, truth_dir, seed)
    try:
        facts = write_sources(world, sink, protected)
    finally:
        sink.close()
    write_truth(world, facts, truth_dir, seed, scale)
    return GenerateReport(dict(sink.counts), truth_dir, time.perf_counter() - started)
