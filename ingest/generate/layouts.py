"""The layouts the generator writes: headers, encodings, required columns, the cells
that may be broken on purpose and the columns that name parties.

Our layouts follow SOURCES.md column for column; the real layouts copy the headers of
the files under ``../shared/data/mx`` (SAT 69-B, SFP sanctions, CompraNet 2015, SHCP
trusts 2015) byte for byte, stray spaces included. Where an adapter declares the same
header (and required columns), the layout takes them from the adapter: one definition
of each layout, which the tests hold against SOURCES.md and the real files.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ingest.adapters import (
    bo_declarations,
    cnh_contracts,
    cnh_participations,
    companies,
    mining_acts,
    mining_concessions,
    pep,
    sat_69b,
    trust_parties,
    trusts,
)

__all__ = ["LAYOUTS", "OUR_FILES", "REAL_FILES", "Layout"]


@dataclass(frozen=True)
class Layout:
    """One output file."""

    file: str
    header: Sequence[str]
    encoding: str = "utf-8"
    delimiter: str = ","
    real: bool = False
    #: columns that must not be blank (missing_required)
    required: tuple[str, ...] = ()
    #: columns of dates, percentages, amounts, RFCs, closed vocabularies and countries
    dates: tuple[str, ...] = ()
    percents: tuple[str, ...] = ()
    amounts: tuple[str, ...] = ()
    rfcs: tuple[str, ...] = ()
    vocab: dict[str, tuple[str, ...]] = field(default_factory=dict)
    countries: tuple[str, ...] = ()
    #: columns that name a party (person, company, trust or public body)
    parties: tuple[str, ...] = ()


_YES_NO = ("S", "N", "SI", "NO", "Sí", "X", "1", "0", "Si", "No")

CNH_CONTRACTS = Layout(
    "cnh-contracts.csv",
    cnh_contracts.COLUMNS,
    required=cnh_contracts.REQUIRED,
    dates=("FECHA_FALLO", "FECHA_FIRMA"),
    amounts=("SUPERFICIE_KM2",),
    rfcs=("RFC_OPERADOR",),
    vocab={
        "TIPO_CONTRATO": ("Producción Compartida", "Licencia", "Utilidad Compartida"),
        "UBICACION": ("Aguas Someras", "Aguas Profundas", "Terrestre", "No Convencional"),
        "ESTATUS": ("Vigente", "Terminado", "Renuncia", "Terminación anticipada"),
    },
    parties=("OPERADOR",),
)
CNH_PARTICIPATIONS = Layout(
    "cnh-participations.csv",
    cnh_participations.COLUMNS,
    required=cnh_participations.REQUIRED,
    dates=("FECHA_INICIO", "FECHA_FIN"),
    percents=("PORCENTAJE_PARTICIPACION",),
    rfcs=("RFC",),
    vocab={
        "ES_OPERADOR": _YES_NO,
        "EVENTO": ("Adjudicación", "Cesión de interés", "Cambio de control", "Cambio de operador"),
    },
    countries=("PAIS_ORIGEN",),
    parties=("EMPRESA",),
)
BO_DECLARATIONS = Layout(
    "bo-declarations.csv",
    bo_declarations.COLUMNS,
    required=bo_declarations.REQUIRED,
    dates=("FECHA_DECLARACION", "FECHA_NACIMIENTO", "FECHA_INICIO", "FECHA_FIN"),
    percents=("PORCENTAJE",),
    rfcs=("RFC_EMPRESA", "RFC"),
    vocab={
        "TIPO_TITULAR": ("Persona física", "Persona moral", "Fideicomiso", "Desconocido"),
        "TIPO_INTERES": (
            "Accionista",
            "Derechos de voto",
            "Nombramiento de consejeros",
            "Control por otros medios",
            "Administrador",
            "Fideicomitente",
            "Fiduciario",
            "Fideicomisario",
            "Comité técnico",
        ),
        "DIRECTO_INDIRECTO": ("Directo", "Indirecto", "Desconocido"),
        "MOTIVO_NO_IDENTIFICADO": (
            "Sin beneficiario controlador",
            "Se desconoce",
            "Sin respuesta",
            "Exento",
        ),
    },
    countries=("NACIONALIDAD", "JURISDICCION"),
    parties=("EMPRESA_DECLARANTE", "NOMBRE", "RAZON_SOCIAL"),
)
MINING_CONCESSIONS = Layout(
    "mining-concessions.csv",
    mining_concessions.COLUMNS,
    encoding="cp1252",
    required=mining_concessions.REQUIRED,
    dates=("FECHA_EXPEDICION", "FECHA_INICIO_VIGENCIA", "FECHA_FIN_VIGENCIA"),
    amounts=("SUPERFICIE_HA",),
    rfcs=("RFC_TITULAR",),
    vocab={"SITUACION": ("Vigente", "Cancelada", "En trámite")},
    parties=("TITULAR",),
)
MINING_ACTS = Layout(
    "mining-acts.csv",
    mining_acts.COLUMNS,
    encoding="cp1252",
    required=mining_acts.REQUIRED,
    dates=("FECHA_INSCRIPCION",),
    rfcs=("RFC_CEDENTE", "RFC_CESIONARIO"),
    vocab={
        "TIPO_ACTO": (
            "Transmisión de titularidad",
            "Cesión",
            "Contrato de exploración",
            "Contrato de explotación",
        )
    },
    parties=("CEDENTE", "CESIONARIO"),
)
TRUST_PARTIES = Layout(
    "trust-parties.csv",
    trust_parties.COLUMNS,
    required=trust_parties.REQUIRED,
    dates=("FECHA_INICIO", "FECHA_FIN"),
    rfcs=("RFC",),
    vocab={
        "PARTE": (
            "Fideicomitente",
            "Fiduciario",
            "Fideicomisario",
            "Comité técnico",
            "Mandante",
            "Mandatario",
        ),
        "TIPO_PERSONA": ("Física", "Moral"),
    },
    parties=("NOMBRE",),
)
PEP = Layout(
    "pep.csv",
    pep.COLUMNS,
    required=pep.REQUIRED,
    dates=("FECHA_INICIO_CARGO", "FECHA_FIN_CARGO"),
    rfcs=("RFC",),
    vocab={
        "ORDEN_GOBIERNO": ("Federal", "Estatal", "Municipal"),
        "PARENTESCO": ("cónyuge", "hijo(a)", "padre", "madre", "hermano(a)", "socio"),
    },
    parties=("NOMBRE", "DEPENDENCIA"),
)
COMPANIES = Layout(
    "companies.csv",
    companies.COLUMNS,
    encoding="utf-8-sig",
    required=companies.REQUIRED,
    dates=("FECHA_CONSTITUCION",),
    rfcs=("RFC",),
    countries=("PAIS",),
    parties=("RAZON_SOCIAL", "REPRESENTANTE_LEGAL", "ADMINISTRADOR_UNICO"),
)

SAT_69B = Layout(
    "sat-69b.csv",
    sat_69b.COLUMNS,
    encoding="latin-1",
    real=True,
    parties=("Nombre del Contribuyente",),
)
SFP_SANCTIONS = Layout(
    "sfp-sanctions.csv",
    (
        "Proveedor",
        "Dependencia",
        "Número de Expediente         ",
        "Hechos",
        "Objeto Social       ",
        "Sentido de Resolución ",
        "Fecha de Notificación",
        "FechadeResolucion",
        "Plazo años - meses               ",
        "Monto",
        "Nombre del Responsable de la información",
        "",
        "",
    ),
    real=True,
    parties=("Proveedor", "Dependencia", "Nombre del Responsable de la información"),
)
COMPRANET = Layout(
    "compranet.csv",
    [
        "",
        "SIGLAS",
        "DEPENDENCIA",
        "CLAVEUC",
        "NOMBRE_DE_LA_UC",
        "RESPONSABLE",
        "NUMERO_EXPEDIENTE",
        "TITULO_EXPEDIENTE",
        "PLANTILLA_EXPEDIENTE",
        "NUMERO_PROCEDIMIENTO",
        "EXP_F_FALLO",
        "PROC_F_PUBLICACION",
        "FECHA_APERTURA_PROPOSICIONES",
        "CARACTER",
        "TIPO_CONTRATACION",
        "TIPO_PROCEDIMIENTO",
        "FORMA_PROCEDIMIENTO",
        "CODIGO_CONTRATO",
        "TITULO_CONTRATO",
        "FECHA_INICIO",
        "FECHA_FIN",
        "IMPORTE_CONTRATO",
        "MONEDA",
        "ESTATUS_CONTRATO",
        "ARCHIVADO",
        "RAMO",
        "CLAVE_PROGRAMA",
        "APORTACION_FEDERAL",
        "FECHA_CELEBRACION",
        "CONTRATO_MARCO",
        "COMPRA_CONSOLIDADA",
        "PLURIANUAL",
        "CLAVE_CARTERA_SHCP",
        "ESTRATIFICACION_MUC",
        "PROVEEDOR_CONTRATISTA",
        "ESTRATIFICACION_MPC",
        "ESTATUS_EMPRESA",
        "CUENTA_ADMINISTRADA_POR",
        "ANUNCIO",
    ],
    real=True,
    parties=("DEPENDENCIA", "RESPONSABLE", "PROVEEDOR_CONTRATISTA"),
)
TRUSTS = Layout(
    "trusts.csv",
    trusts.CSV_COLUMNS,
    delimiter=";",
    real=True,
    parties=("settlor", "designation", "fiduciary"),
)

OUR_FILES = (
    CNH_CONTRACTS,
    CNH_PARTICIPATIONS,
    BO_DECLARATIONS,
    MINING_CONCESSIONS,
    MINING_ACTS,
    TRUST_PARTIES,
    PEP,
    COMPANIES,
)
REAL_FILES = (SAT_69B, SFP_SANCTIONS, COMPRANET, TRUSTS)
LAYOUTS: dict[str, Layout] = {layout.file: layout for layout in OUR_FILES + REAL_FILES}
