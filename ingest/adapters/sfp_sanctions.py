"""The ``sfp-sanctions`` adapter: the SFP directory of sanctioned suppliers and contractors
(``ProveedoresyContratistasSancionados*.csv``).

One row is one sanction resolution and becomes a ``SANCTION`` record keyed by
``<expediente>|<supplier name key>`` (the file has no RFC; expediente numbers such as
``0001/2014`` repeat across agencies, so the supplier is part of the key).

The real files are UTF-8 with stray spaces in the header names, two trailing columns with
no name, and a few rows (6 of 1,958) whose free text (Hechos, Objeto Social) holds an
unquoted comma, so that everything after it slid one or two columns to the right — into
the unnamed columns, where the CSV reader refuses the row (``wrong_columns``), or not as
far, where a date lands under Plazo. Such a row is put back in place before it is read
(``realign``): a cell that starts with a space after the split comma is the continuation
of the cell before it; two of them also carry a third date where ``Sentido de
Resolución`` belongs, kept as ``fecha_adicional``. A row that cannot be put back stays
quarantined (``wrong_columns`` or ``misaligned_row``).

Party (field ``Proveedor``, role ``sanctioned``): an organisation unless the name is
clearly a person's (see ``supplier_mention``, shared with the ``compranet`` adapter).

Facts:

- ``dependencia``: the agency (buyer) where the facts happened, as written
- ``expediente``, ``hechos`` (``<br>`` turned into line breaks), ``objeto_social``
- ``sentido``: the resolution as written; ``multa`` / ``inhabilitacion`` (booleans) and
  ``absolutoria`` (true) read from it
- ``fecha_notificacion``, ``fecha_resolucion``: ISO dates. A notification date that
  cannot be read ("2006-Ju-30": June or July?) does not reject the sanction: it is kept
  as ``fecha_notificacion_texto`` and the file gets a warning.
- ``plazo``: the disqualification term as written; when it reads as years and months
  ("2 AÑOS 6 MESES", "TRES MESES") also ``plazo_total_meses`` and its split into
  ``plazo_anios`` + ``plazo_meses``
- ``monto``: the fine in pesos (float)
- ``responsable``: the official responsible for the information

Quarantine rules: ``missing_required`` (Proveedor, Dependencia), ``bad_date``
(resolution date), ``bad_amount`` (Monto), ``wrong_columns``, ``misaligned_row``.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

from ingest.adapters.base import AdapterOutput
from ingest.adapters.tabular import RowContext, read_table
from ingest.csvio import CsvRow
from ingest.ledger import ParsedRecord
from ingest.normalize.dates import parse_date
from ingest.normalize.errors import NormalizationError
from ingest.normalize.numbers import parse_term_months
from ingest.normalize.orgs import org_key, split_legal_form
from ingest.normalize.persons import parse_person_name, person_key
from ingest.normalize.text import clean, fold
from ingest.records import NormalisedRecord, PartyKind, PartyMention, RecordKind

__all__ = [
    "COLUMNS",
    "REQUIRED",
    "SfpSanctionsAdapter",
    "looks_like_person",
    "parse_row",
    "realign",
    "supplier_mention",
]

SOURCE = "sfp-sanctions"

PROVEEDOR = "Proveedor"
DEPENDENCIA = "Dependencia"
EXPEDIENTE = "Número de Expediente"
HECHOS = "Hechos"
OBJETO = "Objeto Social"
SENTIDO = "Sentido de Resolución"
NOTIFICACION = "Fecha de Notificación"
RESOLUCION = "FechadeResolucion"
PLAZO = "Plazo años - meses"
MONTO = "Monto"
RESPONSABLE = "Nombre del Responsable de la información"

COLUMNS = (
    PROVEEDOR,
    DEPENDENCIA,
    EXPEDIENTE,
    HECHOS,
    OBJETO,
    SENTIDO,
    NOTIFICACION,
    RESOLUCION,
    PLAZO,
    MONTO,
    RESPONSABLE,
)
REQUIRED = (PROVEEDOR, DEPENDENCIA)

# -- persons or organisations ----------------------------------------------------------


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Words that make a name an organisation's (folded).
_ORG_WORDS = _words(
    """
    ABASTECEDORA ACEROS ADMINISTRACION ADMINISTRADORA AGENCIA AGRICOLA AGROPECUARIA
    AMBIENTAL AMBIENTE ARQUITECTOS ARQUITECTURA ARRENDADORA ASESORES ASESORIA ASOCIACION
    ASOCIADOS AUTOMOTIVE AUTOTRANSPORTES AYUNTAMIENTO BANCO BIENES BUSINESS CAMARA CAPITAL
    CENTRO CIA CLINICA COLEGIO COMERCIAL COMERCIALIZADORA COMERCIO COMISION COMPANIA
    COMPANY CONSORCIO CONSTRUCCION CONSTRUCCIONES CONSTRUCTORA CONSTRUCTORES CONSULTING
    CONSULTORES CONSULTORIA CONSULTORIAS CONCRETOS CONTROL CORPORACION CORPORATE
    CORPORATION CORPORATIVO DESARROLLADORA DESARROLLO DESARROLLOS DISENO DISTRIBUCION
    DISTRIBUCIONES DISTRIBUIDORA EDICIONES EDITORIAL EJIDO ELECTRIC ELECTRICA ELECTRICIDAD
    ELECTRONIC ELECTRONICA EMPRESA EMPRESAS ENERGIA ENERGY EQUIPOS ESTRUCTURAS EXPORTADORA
    FABRICA FARMACEUTICA FARMACIA FIDEICOMISO FUNDACION GLOBAL GOBIERNO GROUP GRUPO HOSPITAL
    HOTEL IMPORTADORA IMPRESIONES IMPRENTA INDUSTRIA INDUSTRIAL INDUSTRIALES INDUSTRIAS
    INFORMATICA INGENIERIA INGENIEROS INMOBILIARIA INSTITUTE INSTITUTO INTEGRA INTEGRAL
    INTERNACIONAL INTERNATIONAL LABORATORIO LABORATORIOS LIMPIEZA LOGISTICA MANTENIMIENTO
    MAQUINARIA MATERIALES MEDICA MEDICAL MEXICANA MEXICANO MEXICO MUEBLERIA NETWORKS
    OPERADORA ORGANIZACION PAPELERIA PRODUCTOS PROFESIONALES PROMOTORA PROVEEDORA PROYECTOS
    QUIMICA REPRESENTACIONES SECRETARIA SEGURIDAD SEGUROS SERVICIO SERVICIOS SINDICATO
    SISTEMAS SOCIEDAD SOLUCIONES SOLUTIONS SUMINISTROS SUPERVISION SUPERVISIONES SYSTEMS
    TALLER TALLERES TECHNOLOGIES TECHNOLOGY TECNOLOGIA TECNOLOGIAS TELECOMUNICACIONES
    TRANSPORTES UNION UNIVERSIDAD
    """
)
#: Common given names (folded): a name is only "clearly a person's" when it has one.
_GIVEN_NAMES = _words(
    """
    AARON ABEL ABIGAIL ABRAHAM ADAN ADELA ADOLFO ADRIAN ADRIANA AGUSTIN AIDA AIDE ALAN ALBA
    ALBERTO ALDO ALEJANDRA ALEJANDRO ALFONSO ALFREDO ALICIA ALLAN ALMA ALVARO AMADO AMELIA
    AMPARO ANA ANAHI ANASTACIO ANDREA ANDRES ANGEL ANGELA ANGELICA ANTONIA ANTONIO APOLINAR
    ARACELI ARIEL ARMANDO ARTEMIO ARTURO AURELIO AURORA BALTAZAR BEATRIZ BENITA BENITO
    BENJAMIN BERENICE BERNARDO BERONICA BERTHA BLANCA BRENDA BRISEIDA BRUNO CAMILO
    CANDELARIA CARINA CARLOS CARMEN CAROLINA CATALINA CECILIA CELIA CELSO CESAR CESAREO
    CIRILO CLARA CLAUDIA CONCEPCION CONSUELO CRISOFORO CRISTIAN CRISTINA CRISTOBAL CRUZ
    DAMIAN DANIEL DANIELA DARIO DAVID DELIA DIANA DIEGO DIOCELINA DOLORES DOMINGO EDGAR
    EDITH EDUARDO EFRAIN ELEAZAR ELENA ELIAS ELISA ELIZABETH ELOY ELSA EMILIA EMILIO
    EMMANUEL ENRIQUE ERICK ERIK ERIKA ERNESTO ESPERANZA ESTEBAN ESTELA ESTHER EUFEMIA
    EUGENIA EUSEBIO EVA EVANGELINA EZEQUIEL FABIAN FATIMA FAUSTO FEDERICO FELIPA FELIPE
    FELIX FERNANDO FIDEL FRANCIS FRANCISCA FRANCISCO GABRIEL GABRIELA GENARO GEORGINA
    GEOVANNI GEOVANNY GERARDO GERMAN GILBERTO GISELA GLORIA GONZALO GRACIELA GREGORIO
    GUADALUPE GUILLERMO GUSTAVO HECTOR HERIBERTO HERNAN HILDA HORACIO HUGO HUMBERTO IGNACIA
    IGNACIO IMELDA INDIRA INES INOCENCIO IRENE IRINEO IRIS IRMA IRVING ISAAC ISABEL ISAIAS
    ISIDRO ISMAEL ISRAEL IVAN JACINTO JAIME JAVIER JAZMIN JESUS JOAQUIN JOEL JONATHAN JORGE
    JOSE JOSEFINA JUAN JUANA JUDITH JULIA JULIAN JULIETA JULIO JUVENAL KARINA KARLA KARIELY
    LAURA LEOBARDO LEONARDO LEONEL LEOPOLDO LESLIE LETICIA LIDIA LILIA LILIANA LIZBETH
    LORENA LORENZO LOURDES LUCIA LUCIO LUIS LUISA LUZ MA MAGDALENA MANUEL MANUELA MARCELA
    MARCELINO MARCO MARCOS MARGARITA MARIA MARIANA MARIANO MARIBEL MARIELA MARIO MARISOL
    MARTHA MARTIN MARTINA MAURICIO MAURO MAXIMILIANO MIDIA MIGUEL MIRIAM MOISES MONICA NANCY
    NATALIA NELIA NESTOR NICOLAS NOE NOEMI NORMA OCTAVIO OFELIA OLGA OLIVIA OMAR ORLANDO
    OSCAR OSMIN OSVALDO OTTO PABLO PAOLA PASCUAL PATRICIA PATRICIO PAUL PAULA PAVEL PEDRO
    PORFIRIO PRISCILA QUINTILA RAFAEL RAMIRO RAMON RAQUEL RAUL RAYMUNDO REBECA REFUGIO RENE
    REYNALDO RICARDO ROBERTO ROCIO RODOLFO RODRIGO ROGELIO ROMAN ROMMEL ROSA ROSALINDA
    ROSALIO ROSENDO RUBEN RUTH SABINO SALOMON SALVADOR SAMUEL SANDRA SANTIAGO SANTOS SARA
    SARAI SAUL SEBASTIAN SERGIO SILVIA SOCORRO SOFIA SONIA SUGEY SUSANA TANYA TERESA
    TERESITA TOMAS TONANTZIN ULISES URIEL UVALDO VALENTIN VALERIA VANESSA VERONICA VIANCA
    VICENTE VICTOR VIRGINIA XOCHITL YADIRA YENI YESENIA YOLANDA ZEFERINO ZENAIDA
    """
)
_PARTICLES = frozenset({"DE", "DEL", "LA", "LAS", "LOS", "Y", "VDA", "VIUDA"})
_ARTICLES = frozenset({"EL", "LA", "LAS", "LOS"})
_TITLE = re.compile(r"^(?:C|ING|LIC|DR|DRA|ARQ|CP|C\.P|SR|SRA)\.\s*", re.IGNORECASE)
_TRADE_NAME = re.compile(r"\s+Y\s*/\s*O\s+|\s*\((?P<paren>[^)]*)\)\s*$", re.IGNORECASE)


def looks_like_person(name: str) -> bool:
    """Whether a name is clearly a natural person's: no legal form, no organisation word,
    three or more name words, one of them a common given name.

    >>> looks_like_person("MA DEL CARMEN LARIOS MURGUIA")
    True
    >>> looks_like_person("GRUPO CONCRETO UNICO DEL CARIBE, S.A. DE C.V.")
    False
    >>> looks_like_person("COLINAS DE BUEN")
    False
    """
    text = _TITLE.sub("", clean(name))
    if not text or any(ch.isdigit() for ch in text) or "&" in text:
        return False
    if split_legal_form(text)[1] is not None:
        return False
    words = fold(text).split()
    if not words or words[0] in _ARTICLES:
        return False
    if any(w in _ORG_WORDS for w in words):
        return False
    if any(len(w) > 1 and not w.isalpha() for w in words):
        return False
    meaningful = [w for w in words if w not in _PARTICLES]
    if not 3 <= len(meaningful) <= 7:
        return False
    return any(w in _GIVEN_NAMES for w in meaningful)


def supplier_mention(
    name: str, field: str, role: str, *, extra: dict[str, Any] | None = None
) -> PartyMention | None:
    """A supplier named in a cell: a person when the name is clearly one, else a company;
    a name without a letter or digit ("---") is a supplier the source does not name (kind
    ``unknown``, never matched by name).

    "PERSON Y/O TRADE NAME" and "PERSON (TRADE NAME)" are a person trading under a name:
    the trade name goes to ``extra["trade_name"]``.
    """
    text = clean(name).strip(" ,")
    if not text:
        return None
    details: dict[str, Any] = dict(extra or {})
    if not any(ch.isalnum() for ch in text):
        # "---": the source withheld the name (CompraNet does so for deactivated suppliers)
        return PartyMention(
            field=field,
            role=role,
            kind=PartyKind.UNKNOWN,
            name=text,
            unspecified_reason="informationUnknownToPublisher",
            extra=details,
        )
    head, trade = text, ""
    split = _TRADE_NAME.search(text)
    if split:
        head = text[: split.start()].strip(" ,")
        trade = (split.group("paren") or text[split.end() :]).strip(" ,")
    if looks_like_person(head):
        parsed = parse_person_name(_TITLE.sub("", head))
        if trade:
            details["trade_name"] = trade
        if parsed.full != text:
            details["as_written"] = text
        return PartyMention(
            field=field,
            role=role,
            kind=PartyKind.PERSON,
            name=parsed.full,
            name_key=person_key(parsed),
            given_names=parsed.given or None,
            paternal_surname=parsed.paternal or None,
            maternal_surname=parsed.maternal or None,
            extra=details,
        )
    base, form = split_legal_form(text)
    if base and base != text:
        details["base_name"] = clean(base)
    return PartyMention(
        field=field,
        role=role,
        kind=PartyKind.COMPANY,
        name=text,
        name_key=org_key(text),
        legal_form=form,
        extra=details,
    )


# -- shifted rows ----------------------------------------------------------------------

_DATE_LIKE = re.compile(r"^\s*\d{4}-[0-9A-Za-z]{1,3}-\d{1,2}\s*$")


def _cells(row: CsvRow) -> list[str]:
    """The row's cells in file order (the reader returns every known column, in order)."""
    return [row.values.get(c, "") for c in COLUMNS] + list(row.extra.values())


def realign(cells: list[str]) -> dict[str, str] | None:
    """The cells of a row whose free text slid to the right, put back under their columns;
    ``None`` when they cannot be (the row is then quarantined).

    Works from both ends: Proveedor, Dependencia and Número de Expediente are in place;
    from the right the row ends with the two dates, Plazo, Monto and Responsable. Between
    them, a cell that starts with a space continues the one before it (it was split at
    ", "); what is left is Hechos, Objeto Social and Sentido de Resolución.
    """
    while cells and not cells[-1].strip():
        cells = cells[:-1]
    dates = [i for i, c in enumerate(cells) if i >= 5 and _DATE_LIKE.match(c)]
    # notification and resolution: the last two adjacent date cells
    pairs = [i for i in dates if i + 1 in dates]
    if not pairs:
        return None
    first = pairs[-1]
    tail = cells[first + 2 :]
    if len(tail) > 3:
        return None
    tail += [""] * (3 - len(tail))
    middle = cells[3:first]
    merged: list[str] = []
    for cell in middle:
        if merged and cell.startswith(" "):
            merged[-1] = f"{merged[-1]},{cell}"
        else:
            merged.append(cell)
    extra_date = ""
    if merged and _DATE_LIKE.match(merged[-1]):
        extra_date = merged.pop()
        merged.append("")  # no Sentido de Resolución
    if len(merged) != 3:
        return None
    ordered = [*cells[:3], *merged, cells[first], cells[first + 1], *tail]
    values = dict(zip(COLUMNS, ordered, strict=True))
    if extra_date:
        values["fecha_adicional"] = extra_date
    return values


def _is_shifted(row: CsvRow) -> bool:
    """Whether free text slid to the right: text in the unnamed trailing columns, or a date
    where Plazo or Monto belong."""
    if any(v.strip() for v in row.extra.values()):
        return True
    return any(_DATE_LIKE.match(row.values.get(c, "")) for c in (PLAZO, MONTO))


# -- rows ------------------------------------------------------------------------------


def finish_row(
    ctx: RowContext, record: NormalisedRecord | None, raw: Any, locator: str
) -> ParsedRecord:
    """The ledger entry of a row parsed outside ``read_table``."""
    parsed = ParsedRecord(
        position=ctx.row.number,
        locator=locator,
        raw=raw,
        key=record.key if record else None,
        problems=ctx.problems,
    )
    if record is not None and not ctx.problems:
        parsed.normalised = record.model_dump(mode="json", exclude_defaults=True)
        parsed.record_type = record.kind.value
    elif record is None and not ctx.problems:
        ctx.problem("", "empty_row", "has no usable value")
    return parsed


_BR = re.compile(r"\s*<br\s*/?>\s*", re.IGNORECASE)


def _sentido(text: str) -> dict[str, Any]:
    folded = fold(text)
    if not folded:
        return {}
    out: dict[str, Any] = {"sentido": text}
    if "ABSOLUTORIA" in folded:
        out["absolutoria"] = True
    elif "SANCIONATORIA" in folded:
        out["multa"] = "MULTA" in folded
        out["inhabilitacion"] = "INHABILITACION" in folded
    return out


class _Parser:
    """Parses rows; remembers warnings (notification dates that could not be read)."""

    def __init__(self, file_name: str) -> None:
        self.file_name = file_name
        self.warnings: list[str] = []

    def __call__(self, ctx: RowContext) -> NormalisedRecord | None:
        if not _is_shifted(ctx.row):
            return self.parse(ctx, "")
        return self.realigned(ctx, _cells(ctx.row))

    def realigned(self, ctx: RowContext, cells: list[str]) -> NormalisedRecord | None:
        """Parse a row whose cells slid to the right, once put back in place."""
        fixed = realign(cells)
        if fixed is None:
            ctx.problem(
                "",
                "misaligned_row",
                "has text that slid out of its columns (an unquoted comma) and cannot be put back",
            )
            return None
        extra_date = fixed.pop("fecha_adicional", "")
        # Read the realigned cells; problems go to the same list, the raw row stays as read.
        row = CsvRow(ctx.row.number, ctx.row.line, fixed, {})
        return self.parse(RowContext(ctx.file_name, row, ctx.problems), extra_date)

    def reread(self, record: ParsedRecord) -> ParsedRecord:
        """A row the CSV reader refused for its extra cells (``wrong_columns``): split
        its text again and put the cells back in place; unchanged when that fails."""
        raw = record.raw if isinstance(record.raw, dict) else {}
        text = raw.get("text")
        if [p.rule for p in record.problems] != ["wrong_columns"] or not isinstance(text, str):
            return record
        try:
            cells = next(csv.reader(io.StringIO(text)), [])
        except csv.Error:
            return record
        line = raw.get("line")
        ctx = RowContext(
            self.file_name,
            CsvRow(record.position, line if isinstance(line, int) else 0, {}, {}),
        )
        parsed = self.realigned(ctx, cells)
        if parsed is None:
            return record
        return finish_row(ctx, parsed, record.raw, record.locator)

    def parse(self, ctx: RowContext, extra_date: str) -> NormalisedRecord | None:
        supplier = supplier_mention(ctx.required(PROVEEDOR), PROVEEDOR, "sanctioned")
        expediente = ctx.text(EXPEDIENTE)
        facts: dict[str, Any] = {
            "dependencia": ctx.required(DEPENDENCIA),
            "expediente": expediente,
            "hechos": clean(_BR.sub(" / ", ctx.raw(HECHOS))).strip(" /"),
            "objeto_social": ctx.text(OBJETO),
            **_sentido(ctx.text(SENTIDO)),
        }
        notified_raw = ctx.text(NOTIFICACION)
        try:
            notified = parse_date(notified_raw)
        except NormalizationError as exc:
            notified = None
            facts["fecha_notificacion_texto"] = notified_raw
            self.warnings.append(
                f"{self.file_name} row {ctx.row.number}, column {NOTIFICACION}: "
                f"{exc.message}; loaded without a notification date"
            )
        facts["fecha_notificacion"] = notified.isoformat() if notified else None
        resolved = ctx.date(RESOLUCION)
        facts["fecha_resolucion"] = resolved.isoformat() if resolved else None
        if extra_date:
            try:
                additional = parse_date(extra_date)
            except NormalizationError as exc:
                ctx.problem(SENTIDO, exc.rule, exc.message)
                additional = None
            facts["fecha_adicional"] = additional.isoformat() if additional else None
        plazo = ctx.text(PLAZO)
        if plazo:
            facts["plazo"] = plazo
            try:
                months = parse_term_months(plazo)
            except NormalizationError:
                months = None  # kept as text only: "when it reads as years and months"
            if months is not None:
                facts["plazo_anios"], facts["plazo_meses"] = divmod(months, 12)
                facts["plazo_total_meses"] = months
        facts["monto"] = ctx.amount(MONTO)
        facts["responsable"] = ctx.text(RESPONSABLE)
        name_key = supplier.name_key if supplier else ""
        return NormalisedRecord(
            source=SOURCE,
            kind=RecordKind.SANCTION,
            key=f"{expediente}|{name_key}" if expediente or name_key else None,
            parties=[supplier] if supplier else [],
            facts={k: v for k, v in facts.items() if v not in (None, "", [], {})},
        )


def parse_row(ctx: RowContext) -> NormalisedRecord | None:
    """One row (warnings about unreadable notification dates are dropped here)."""
    return _Parser(ctx.file_name)(ctx)


class SfpSanctionsAdapter:
    """SFP sanctioned suppliers and contractors, one resolution per row."""

    name = SOURCE
    description = "SFP directory of sanctioned suppliers and contractors"

    def read(self, path: Path, data: bytes) -> AdapterOutput:
        parser = _Parser(path.name)
        output = read_table(path, data, expected=COLUMNS, required=REQUIRED, parse_row=parser)
        output.records = [parser.reread(r) for r in output.records]
        output.warnings.extend(parser.warnings)
        return output
