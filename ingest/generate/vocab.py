"""Word lists and closed vocabularies the generator draws from.

Names, places and institutions are ordinary Mexican (and a few foreign) words; no list is
taken from a real register. Every spelling of a country that the generator writes is in
``COUNTRY_SPELLINGS`` so that an adapter (or a test) can check it knows them all.
"""

from __future__ import annotations

__all__ = [
    "ABBREVIATIONS",
    "BAD_COUNTRIES",
    "BAD_VALUES",
    "COUNTRY_SPELLINGS",
    "FOREIGN_FORMS",
    "MX_FORMS",
    "SECRECY_JURISDICTIONS",
    "STATES",
]


def _words(text: str, sep: str | None = None) -> list[str]:
    return text.split(sep)


GIVEN_M = [
    *_words(
        "JOSÉ JUAN LUIS CARLOS JORGE MIGUEL FRANCISCO ALEJANDRO FERNANDO RICARDO EDUARDO JAVIER "
        "ROBERTO SERGIO MANUEL ANTONIO ARTURO RAÚL DANIEL HÉCTOR ENRIQUE RAFAEL MARIO GERARDO "
        "ALBERTO PEDRO GUILLERMO ÓSCAR VÍCTOR RAMÓN JESÚS ANDRÉS ADRIÁN EMILIO GABRIEL SALVADOR "
        "IGNACIO RODRIGO JULIO ARMANDO ERNESTO HUGO RUBÉN GUSTAVO ALFONSO AGUSTÍN TOMÁS SANTIAGO "
        "DIEGO MAURICIO OCTAVIO ÁNGEL RENÉ LEONARDO ISMAEL FELIPE EFRAÍN GILBERTO ROGELIO"
    ),
    "JOSÉ LUIS",
    "JUAN CARLOS",
    "LUIS ALBERTO",
    "JOSÉ MANUEL",
    "MIGUEL ÁNGEL",
    "FRANCISCO JAVIER",
    "JUAN PABLO",
    "JOSÉ ANTONIO",
    "MARCO ANTONIO",
    "JESÚS ALBERTO",
]
GIVEN_F = [
    *_words(
        "MARÍA GUADALUPE PATRICIA ROSA ELENA ANA LAURA VERÓNICA ADRIANA GABRIELA CLAUDIA SILVIA "
        "LETICIA ALEJANDRA MÓNICA LUCÍA SOFÍA CARMEN TERESA JOSEFINA BEATRIZ ISABEL DANIELA "
        "FERNANDA MARTHA LORENA NORMA YOLANDA SANDRA ARACELI ROCÍO KARLA XIMENA VALERIA PAOLA "
        "ANDREA LILIANA IRMA ALICIA GRACIELA ESTHER REBECA NOEMÍ INÉS OLGA"
    ),
    "MARÍA DEL CARMEN",
    "MARÍA FERNANDA",
    "ANA LAURA",
    "MARÍA GUADALUPE",
    "MARÍA JOSÉ",
    "ROSA MARÍA",
    "MARÍA DE JESÚS",
    "ANA SOFÍA",
    "MARÍA ELENA",
    "MARÍA DE LOURDES",
]
SURNAMES = [
    *_words(
        "HERNÁNDEZ GARCÍA MARTÍNEZ LÓPEZ GONZÁLEZ PÉREZ RODRÍGUEZ SÁNCHEZ RAMÍREZ CRUZ FLORES "
        "GÓMEZ MORALES VÁZQUEZ REYES JIMÉNEZ TORRES DÍAZ GUTIÉRREZ RUIZ MENDOZA AGUILAR ORTIZ "
        "MORENO CASTILLO ROMERO ÁLVAREZ MÉNDEZ CHÁVEZ RIVERA JUÁREZ RAMOS DOMÍNGUEZ HERRERA "
        "MEDINA CASTRO VARGAS GUZMÁN VELÁZQUEZ MUÑOZ ROJAS CONTRERAS SALAZAR LUNA ORTEGA "
        "SANTIAGO GUERRERO ESTRADA BAUTISTA CORTÉS SOTO ALVARADO ESPINOZA LARA ÁVILA RÍOS "
        "CERVANTES SILVA DELGADO VEGA MÁRQUEZ SANDOVAL FERNÁNDEZ LEÓN CARRILLO MEJÍA SOLÍS NÚÑEZ "
        "ROSAS VALDEZ IBARRA CAMACHO NAVARRO PEÑA MALDONADO ROSALES ACOSTA MIRANDA TREVIÑO GARZA "
        "VILLARREAL ZAMORA CABRERA ESCOBAR BECERRA FUENTES VALENZUELA ZÚÑIGA OCHOA ARELLANO "
        "BARRERA GALLEGOS OROZCO SALINAS TAPIA ARIAS BRAVO CAMPOS CÁRDENAS MONTES PACHECO "
        "QUINTERO URIBE VILLANUEVA ZAVALA LLAMAS IBÁÑEZ AGUIRRE BALDERAS CORONA ESQUIVEL "
        "FIGUEROA GALVÁN HUERTA LIMÓN MACÍAS OLVERA PALACIOS QUIROZ RENTERÍA SEPÚLVEDA TOVAR "
        "UREÑA VALENCIA YÁÑEZ ZAPATA ARREOLA BELTRÁN CISNEROS DUARTE ELIZONDO FRANCO GAMBOA "
        "HINOJOSA INFANTE LOZANO MONTOYA NIETO OLIVARES PADILLA ROBLES SAUCEDO TREJO VILLEGAS"
    ),
    *("DE LA CRUZ", "DE LA TORRE", "DEL VALLE", "DE LEÓN", "DEL ÁNGEL", "DE LA GARZA"),
]

FOREIGN_GIVEN = _words(
    "JOHN MICHAEL DAVID JAMES ROBERT WILLIAM RICHARD THOMAS PETER MARK SARAH EMMA ANNA LAURA "
    "JAN PIETER HANS LUCA MARCO PIERRE OLIVIER CLAIRE SOPHIE GEORGE HELEN ANDREW KEVIN"
)
FOREIGN_SURNAMES = _words(
    "SMITH JOHNSON BROWN TAYLOR WILSON DAVIES EVANS MILLER ANDERSON CLARK JANSEN BAKER "
    "CAMPBELL MACDONALD ROSSI BIANCHI DUBOIS MARTIN WALKER HUGHES MURPHY KELLY BERGMAN "
    "VISSER BAUER MOREAU COLOMBO FERRARI STEWART REID"
)

#: (code used in CURPs, name, municipalities, first two digits of its postal codes)
STATES: tuple[tuple[str, str, tuple[str, ...], str], ...] = (
    ("SR", "Sonora", ("Hermosillo", "Cananea", "Nacozari de García", "Caborca", "Álamos"), "83"),
    ("CH", "Chihuahua", ("Chihuahua", "Parral", "Ocampo", "Madera", "Urique"), "31"),
    (
        "ZS",
        "Zacatecas",
        ("Zacatecas", "Fresnillo", "Mazapil", "Sombrerete", "Concepción del Oro"),
        "98",
    ),
    ("DG", "Durango", ("Durango", "Gómez Palacio", "Tepehuanes", "San Dimas", "Guanaceví"), "34"),
    ("SL", "Sinaloa", ("Culiacán", "Mazatlán", "Cosalá", "Concordia", "Choix"), "80"),
    (
        "JC",
        "Jalisco",
        ("Guadalajara", "Zapopan", "Bolaños", "Hostotipaquillo", "Talpa de Allende"),
        "44",
    ),
    (
        "GR",
        "Guerrero",
        ("Chilpancingo de los Bravo", "Taxco de Alarcón", "Eduardo Neri", "Cocula"),
        "39",
    ),
    (
        "OC",
        "Oaxaca",
        ("Oaxaca de Juárez", "San José del Progreso", "Ocotlán de Morelos", "Tlaxiaco"),
        "68",
    ),
    (
        "CL",
        "Coahuila de Zaragoza",
        ("Saltillo", "Monclova", "Sierra Mojada", "Múzquiz", "Sabinas"),
        "25",
    ),
    (
        "SP",
        "San Luis Potosí",
        ("San Luis Potosí", "Cerro de San Pedro", "Charcas", "Real de Catorce"),
        "78",
    ),
    ("GT", "Guanajuato", ("Guanajuato", "León", "San Felipe", "Irapuato"), "36"),
    ("BS", "Baja California Sur", ("La Paz", "Mulegé", "Los Cabos", "Comondú"), "23"),
    ("NT", "Nayarit", ("Tepic", "El Nayar", "Santa María del Oro"), "63"),
    ("MN", "Michoacán de Ocampo", ("Morelia", "Lázaro Cárdenas", "Aquila", "Tlalpujahua"), "58"),
    ("QT", "Querétaro", ("Querétaro", "Cadereyta de Montes", "San Joaquín"), "76"),
    ("HG", "Hidalgo", ("Pachuca de Soto", "Zimapán", "Mineral del Monte"), "42"),
    (
        "MC",
        "México",
        ("Toluca", "Naucalpan de Juárez", "Tlalnepantla de Baz", "Temascaltepec"),
        "50",
    ),
    (
        "DF",
        "Ciudad de México",
        ("Cuauhtémoc", "Miguel Hidalgo", "Benito Juárez", "Álvaro Obregón", "Coyoacán"),
        "06",
    ),
    ("NL", "Nuevo León", ("Monterrey", "San Pedro Garza García", "Apodaca", "Guadalupe"), "64"),
    ("TS", "Tamaulipas", ("Reynosa", "Tampico", "Ciudad Madero", "Altamira"), "88"),
    (
        "VZ",
        "Veracruz de Ignacio de la Llave",
        ("Veracruz", "Coatzacoalcos", "Poza Rica de Hidalgo", "Tuxpan"),
        "91",
    ),
    ("TC", "Tabasco", ("Villahermosa", "Paraíso", "Comalcalco", "Cárdenas"), "86"),
    ("CC", "Campeche", ("Ciudad del Carmen", "Campeche", "Champotón"), "24"),
    ("PL", "Puebla", ("Puebla", "Tehuacán", "Zacatlán"), "72"),
)
MINING_STATES = ("SR", "CH", "ZS", "DG", "SL", "JC", "GR", "OC", "CL", "SP", "GT", "BS", "NT", "MN")
OFFICE_STATES = ("DF", "DF", "DF", "NL", "NL", "JC", "MC", "SR", "CH", "TC", "VZ", "CC", "CL", "QT")

STREETS = _words(
    "Paseo de la Reforma|Avenida Insurgentes Sur|Calle Río Lerma|Avenida Ejército Nacional|"
    "Boulevard Manuel Ávila Camacho|Calle Hamburgo|Avenida Constitución|Calle Hidalgo|"
    "Calle Morelos|Avenida Juárez|Calle 5 de Mayo|Boulevard Kukulcán|Avenida Revolución|"
    "Calle Madero|Calle Zaragoza|Avenida Universidad|Calle Allende|Avenida Vallarta|"
    "Boulevard Adolfo Ruiz Cortines|Calle Guerrero|Avenida Chapultepec|Calle Aldama|"
    "Avenida Lázaro Cárdenas|Calle Independencia|Calle Matamoros|Avenida Colón|"
    "Calle Venustiano Carranza|Avenida Gómez Morín|Calle Abasolo|Calle Bravo",
    "|",
)
COLONIAS = _words(
    "Centro|Juárez|Cuauhtémoc|Polanco|Del Valle|Lomas de Chapultepec|Roma Norte|Condesa|"
    "Anzures|Santa Fe|Del Carmen|Obispado|Valle Oriente|Chapultepec|Americana|Providencia|"
    "Las Quintas|San Benito|Industrial|Moderna|Reforma|Jardines del Bosque|Tabacalera|"
    "Nápoles|Granada|San Ángel|Florida|Country Club|Campestre|Bellavista",
    "|",
)

#: Mexican legal forms: canonical spelling first, then the ways sources write it.
MX_FORMS: dict[str, tuple[str, ...]] = {
    "SA_CV": (
        "S.A. de C.V.",
        "SA DE CV",
        "S. A. DE C. V.",
        "Sociedad Anónima de Capital Variable",
        "S.A. DE C.V.",
        "S.A de C.V.",
        "SA de CV",
        "S.A. DE  C.V.",
    ),
    "SRL_CV": (
        "S. de R.L. de C.V.",
        "S DE RL DE CV",
        "S. DE R. L. DE C. V.",
        "Sociedad de Responsabilidad Limitada de Capital Variable",
        "S. DE R.L. DE C.V.",
        "S de RL de CV",
    ),
    "SAPI_CV": (
        "S.A.P.I. de C.V.",
        "SAPI DE CV",
        "S.A.P.I. DE C.V.",
        "Sociedad Anónima Promotora de Inversión de Capital Variable",
        "SAPI de CV",
    ),
    "SAB_CV": (
        "S.A.B. de C.V.",
        "SAB DE CV",
        "S.A.B. DE C.V.",
        "Sociedad Anónima Bursátil de Capital Variable",
        "S.A.B de C.V.",
    ),
    "SC": ("S.C.", "SC", "Sociedad Civil"),
    "SA": ("S.A.", "SA", "Sociedad Anónima"),
}

#: Foreign legal forms by country (jurisdiction code -> forms).
FOREIGN_FORMS: dict[str, tuple[str, ...]] = {
    "NL": ("B.V.", "N.V."),
    "LU": ("S.à r.l.", "S.A."),
    "ES": ("S.L.", "S.A."),
    "US": ("Inc.", "Corp.", "LLC"),
    "US-DE": ("LLC", "Inc.", "L.P."),
    "KY": ("Ltd.", "L.P."),
    "VG": ("Ltd.", "Limited"),
    "CA": ("Inc.", "Corp.", "Ltd."),
    "GB": ("plc", "Limited"),
    "IT": ("S.p.A.",),
    "FR": ("S.A.", "S.A.S."),
    "AU": ("Pty Ltd", "Limited"),
    "CH": ("AG", "S.A."),
    "PA": ("S.A.", "Inc."),
    "BM": ("Ltd.",),
    "SG": ("Pte. Ltd.",),
    "BB": ("Ltd.", "SRL"),
    "NO": ("ASA", "AS"),
    "CO": ("S.A.S.",),
    "CN": ("Co., Ltd.",),
}

#: Every way a country is written, with its ISO 3166-1 alpha-2 code. ``US-DE`` spellings
#: name Delaware: the country is US, the jurisdiction (ISO 3166-2) US-DE.
COUNTRY_SPELLINGS: dict[str, tuple[str, ...]] = {
    "MX": ("México", "MEXICO", "Mexico", "MX", "MEX", "Mexicana"),
    "US": ("Estados Unidos", "EUA", "USA", "US", "Estados Unidos de América", "United States"),
    "US-DE": ("Delaware", "Delaware, EUA", "US-DE"),
    "NL": ("Países Bajos", "Holanda", "Netherlands", "NL"),
    "KY": ("Islas Caimán", "Cayman Islands", "ISLAS CAIMAN", "KY"),
    "VG": ("Islas Vírgenes Británicas", "British Virgin Islands", "BVI", "VG"),
    "LU": ("Luxemburgo", "Luxembourg", "LU"),
    "ES": ("España", "Spain", "ES", "ESPANA"),
    "CA": ("Canadá", "Canada", "CA", "CANADA"),
    "GB": ("Reino Unido", "United Kingdom", "GB", "UK"),
    "IT": ("Italia", "Italy", "IT"),
    "FR": ("Francia", "France", "FR"),
    "AU": ("Australia", "AU"),
    "CH": ("Suiza", "Switzerland", "CH"),
    "PA": ("Panamá", "Panama", "PA"),
    "BM": ("Bermudas", "Bermuda", "BM"),
    "SG": ("Singapur", "Singapore", "SG"),
    "BB": ("Barbados", "BB"),
    "NO": ("Noruega", "Norway"),
    "CO": ("Colombia", "CO"),
    "CN": ("China", "CN"),
}
#: Strings that are no country at all (used only in rows broken on purpose).
BAD_COUNTRIES = ("Atlántida", "Narnia", "Wakanda", "Zembla", "Freedonia", "Elbonia", "Utopía")

#: Secrecy jurisdictions for LAYERING (FSI top ranks and the EU non-cooperative list, cut
#: down to the jurisdictions the generator uses).
SECRECY_JURISDICTIONS = ("KY", "VG", "BM", "PA", "LU", "NL", "CH", "SG", "BB", "US-DE")

#: Values outside every closed vocabulary (rows broken on purpose).
BAD_VALUES = ("Otro", "Varios", "Pendiente", "Indeterminado", "XYZ", "Mixto", "Por definir")

COMPANY_WORDS = _words(
    "Altamira Águila Alba Andes Arco Atlas Aurora Azteca Bahía Barranca Caliza Cantera "
    "Cañada Cardón Cedro Centauro Cima Cobre Cóndor Coral Cordillera Cresta Crisol Cuarzo "
    "Cumbre Delta Dorado Encino Esmeralda Estrella Fénix Frontera Galena Golfo Granito Halcón "
    "Horizonte Huasteca Índigo Jade Jaguar Laguna Lucero Maguey Marina Meseta Mezquite "
    "Minerva Mirador Monarca Nogal Oasis Ocote Ónix Oriente Pacífico Palma Peñasco Pino "
    "Pirámide Plata Prisma Puma Quetzal Roble Sabino Salinas Sol Tabachín Tajo Tierra Titán "
    "Tolteca Topacio Torreón Tule Turquesa Valle Venado Vértice Volcán Yaqui Zafiro Zenit "
    "Ámbar Basalto Canelo Cenit Copal Ébano Galeón Guayacán Huizache Jacal Lince Magnolia "
    "Nopal Olmeca Orión Pedernal Quebrada Risco Sauce Tezontle Umbral Vereda Yuca Zinc "
    "Acacia Bonanza Cuervo Fortuna Girasol Marfil Nevado Paraje Rubí Silex Tamarindo"
)
COMPANY_WORDS_EN = _words(
    "Atlas Blue Ridge Crest Falcon Gulf Harbor Horizon Kestrel Meridian Northstar Osprey "
    "Pinnacle Ridge Summit Trident Granite Sable Cobalt Beacon Anchor Cypress Frontier "
    "Keystone Lodestar Magellan Orca Pelican Redwood Sterling Tern Vanguard Wolf Coastal"
)
REGIONS = (
    "del Norte",
    "del Sur",
    "del Golfo",
    "del Pacífico",
    "de México",
    "del Bajío",
    "del Noroeste",
    "de Occidente",
    "del Centro",
    "Mexicana",
)
ROMAN = ("II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")

HYDRO_PATTERNS = (
    "{w} Energía",
    "{w} Oil & Gas",
    "Petrolera {w}",
    "{w} Exploración y Producción",
    "Hidrocarburos {w}",
    "{w} Offshore",
    "{w} E&P",
    "Energética {w}",
)
HYDRO_PATTERNS_EN = ("{w} Energy", "{w} Petroleum", "{w} Oil", "{w} Resources", "{w} Offshore")
MINING_PATTERNS = (
    "Minera {w}",
    "Compañía Minera {w}",
    "Minas {w}",
    "Exploraciones Mineras {w}",
    "Metalúrgica {w}",
    "Minerales {w}",
    "Beneficiadora {w}",
)
MINING_PATTERNS_EN = ("{w} Mining", "{w} Metals", "{w} Gold", "{w} Silver", "{w} Minerals")
HOLDING_PATTERNS = (
    "Inversiones {w}",
    "Grupo {w}",
    "Corporativo {w}",
    "Promotora {w}",
    "Tenedora {w}",
    "Administradora {w}",
    "Desarrollos {w}",
)
HOLDING_PATTERNS_EN = (
    "{w} Holdings",
    "{w} Capital",
    "{w} Investments",
    "{w} Partners",
    "{w} International",
)
SERVICE_PATTERNS = (
    "Servicios Integrales {w}",
    "Comercializadora {w}",
    "Constructora {w}",
    "Consultoría {w}",
    "Suministros Industriales {w}",
    "Ingeniería {w}",
    "Transportes {w}",
    "Distribuidora {w}",
    "Soluciones Empresariales {w}",
    "Perforaciones {w}",
    "Mantenimiento Industrial {w}",
    "Servicios Petroleros {w}",
)

#: Word abbreviations seen in Mexican registers.
ABBREVIATIONS: dict[str, str] = {
    "Compañía": "Cía.",
    "Servicios": "Servs.",
    "Exploración": "Expl.",
    "Internacional": "Int'l",
    "Corporativo": "Corp.",
    "Comercializadora": "Comerc.",
    "Ingeniería": "Ing.",
    "Industriales": "Inds.",
    "Administradora": "Admin.",
    "Distribuidora": "Dist.",
    "Mexicana": "Mex.",
}

SUBSTANCES = (
    "Oro",
    "Plata",
    "Cobre",
    "Plomo",
    "Zinc",
    "Hierro",
    "Molibdeno",
    "Fluorita",
    "Barita",
    "Carbón",
    "Manganeso",
    "Tungsteno",
    "Antimonio",
    "Caolín",
    "Yeso",
    "Grafito",
    "Litio",
)
LOT_WORDS = _words(
    "La Esperanza|San José|El Dorado|Santa Rosa|La Fortuna|San Antonio|El Porvenir|"
    "La Providencia|Guadalupe|San Francisco|La Victoria|El Refugio|Santa Elena|La Soledad|"
    "El Triunfo|San Miguel|La Cruz|Los Ángeles|El Rosario|La Reforma|San Pedro|Las Ánimas|"
    "El Tajo|La Perla|Cerro Prieto|Veta Grande|La Bufa|El Sauz|Mina Vieja|La Candelaria",
    "|",
)

CNH_BASINS = (
    ("Cuencas del Sureste", ("Tabasco", "Campeche", "Veracruz de Ignacio de la Llave")),
    ("Tampico-Misantla", ("Veracruz de Ignacio de la Llave", "Puebla", "Tamaulipas")),
    ("Burgos", ("Tamaulipas", "Nuevo León", "Coahuila de Zaragoza")),
    ("Veracruz", ("Veracruz de Ignacio de la Llave",)),
    ("Cinturón Plegado Perdido", ("Tamaulipas",)),
    ("Cordilleras Mexicanas", ("Veracruz de Ignacio de la Llave", "Tamaulipas")),
    ("Sabinas", ("Coahuila de Zaragoza",)),
    ("Chicontepec", ("Veracruz de Ignacio de la Llave", "Puebla")),
)
CNH_FIELDS = _words(
    "OGARRIO CARDENAS-MORA TRION EK-BALAM AYIN-BATSIL MISION EBANO SANTUARIO MAGALLANES "
    "RODADOR MIQUETLA CARRIZO OLMOS TOTOMOCHE ARENQUE NEJO BURGOS-MONCLOVA CHAC "
    "TEOTLEO XANAB ZAAP MALOOB CAHUA PAPALOAPAN TLACAME CINCO-PRESIDENTES TAMAULIPAS"
)

MONTHS_ES = (
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
)

#: Public bodies: (siglas, name, kind of buyer) — the CompraNet buyers, SFP dependencias,
#: trust settlors and the offices of PEPs.
PUBLIC_BODIES: tuple[tuple[str, str], ...] = (
    ("SENER", "Secretaría de Energía"),
    ("CNH", "Comisión Nacional de Hidrocarburos"),
    ("SE", "Secretaría de Economía"),
    ("SHCP", "Secretaría de Hacienda y Crédito Público"),
    ("SEMARNAT", "Secretaría de Medio Ambiente y Recursos Naturales"),
    ("ASEA", "Agencia de Seguridad, Energía y Ambiente"),
    ("SGM", "Servicio Geológico Mexicano"),
    ("FIFOMI", "Fideicomiso de Fomento Minero"),
    ("PEMEX", "Petróleos Mexicanos"),
    ("PEP", "Pemex Exploración y Producción"),
    ("PTRI", "Pemex Transformación Industrial"),
    ("CFE", "Comisión Federal de Electricidad"),
    ("IMSS", "Instituto Mexicano del Seguro Social"),
    ("SCT", "Secretaría de Comunicaciones y Transportes"),
    ("SFP", "Secretaría de la Función Pública"),
    ("CONAGUA", "Comisión Nacional del Agua"),
    ("API-Veracruz", "Administración Portuaria Integral de Veracruz, S.A. de C.V."),
    ("API-Dos Bocas", "Administración Portuaria Integral de Dos Bocas, S.A. de C.V."),
    ("API-Coatzacoalcos", "Administración Portuaria Integral de Coatzacoalcos, S.A. de C.V."),
    ("ASA", "Aeropuertos y Servicios Auxiliares"),
    ("CONACYT", "Consejo Nacional de Ciencia y Tecnología"),
    ("BANXICO", "Banco de México"),
    ("GOB-SON", "Gobierno del Estado de Sonora"),
    ("GOB-ZAC", "Gobierno del Estado de Zacatecas"),
    ("GOB-TAB", "Gobierno del Estado de Tabasco"),
    ("NAFIN", "Nacional Financiera, S.N.C."),
    ("BANOBRAS", "Banco Nacional de Obras y Servicios Públicos, S.N.C."),
    ("BANCOMEXT", "Banco Nacional de Comercio Exterior, S.N.C."),
    ("GOBFED", "Gobierno Federal"),
    ("DIPUTADOS", "Cámara de Diputados"),
    ("SENADO", "Senado de la República"),
    ("CONGRESO-ZAC", "Congreso del Estado de Zacatecas"),
    ("AYTO-CANANEA", "Ayuntamiento de Cananea"),
    ("AYTO-FRESNILLO", "Ayuntamiento de Fresnillo"),
    ("AYTO-CARMEN", "Ayuntamiento del Carmen"),
)
#: Buyers in CompraNet (siglas).
BUYERS = (
    "PEP",
    "PEP",
    "PEP",
    "PTRI",
    "PEMEX",
    "CFE",
    "CFE",
    "SENER",
    "CNH",
    "SGM",
    "IMSS",
    "SCT",
    "CONAGUA",
    "API-Veracruz",
    "API-Dos Bocas",
    "API-Coatzacoalcos",
    "ASA",
    "SEMARNAT",
    "ASEA",
)
#: Fiduciary banks (private ones become companies; S.N.C. ones are public bodies).
PRIVATE_BANKS = (
    "Banco Mercantil del Norte",
    "Banco Nacional de México",
    "BBVA México",
    "Banco Santander México",
    "Scotiabank Inverlat",
    "Banco Inbursa",
    "Banco Monex",
    "CIBanco",
    "Banco Invex",
    "Banco Azteca",
)

PEP_POSITIONS: tuple[tuple[str, str, str], ...] = (
    # (cargo, dependencia siglas or '', orden de gobierno)
    ("Secretario de Energía", "SENER", "Federal"),
    ("Subsecretario de Hidrocarburos", "SENER", "Federal"),
    ("Director General de Exploración y Extracción de Hidrocarburos", "SENER", "Federal"),
    ("Comisionado", "CNH", "Federal"),
    ("Director General de Minas", "SE", "Federal"),
    ("Coordinador General de Minería", "SE", "Federal"),
    ("Director General", "SGM", "Federal"),
    ("Director Corporativo de Finanzas", "PEMEX", "Federal"),
    ("Subdirector de Exploración", "PEP", "Federal"),
    ("Gerente de Contrataciones", "PEP", "Federal"),
    ("Director de Administración", "CFE", "Federal"),
    ("Titular de la Unidad de Administración y Finanzas", "SEMARNAT", "Federal"),
    ("Director Ejecutivo", "ASEA", "Federal"),
    ("Senador de la República", "SENADO", "Federal"),
    ("Diputado Federal", "DIPUTADOS", "Federal"),
    ("Gobernador", "GOB-SON", "Estatal"),
    ("Secretario de Economía del Estado", "GOB-ZAC", "Estatal"),
    ("Secretario de Desarrollo Energético", "GOB-TAB", "Estatal"),
    ("Diputado Local", "CONGRESO-ZAC", "Estatal"),
    ("Presidente Municipal", "AYTO-CANANEA", "Municipal"),
    ("Síndico", "AYTO-FRESNILLO", "Municipal"),
    ("Regidor", "AYTO-CARMEN", "Municipal"),
)
RELATIONS = ("cónyuge", "hijo(a)", "padre", "madre", "hermano(a)", "socio")

TRUST_PURPOSES = (
    "FONDO PARA EL DESARROLLO REGIONAL SUSTENTABLE DE ESTADOS Y MUNICIPIOS MINEROS",
    "FONDO SECTORIAL DE INVESTIGACIÓN EN HIDROCARBUROS",
    "FIDEICOMISO PARA LA REMEDIACIÓN AMBIENTAL DE SITIOS MINEROS",
    "FONDO MIXTO DE FOMENTO A LA INVESTIGACIÓN CIENTÍFICA Y TECNOLÓGICA",
    "FIDEICOMISO DE PENSIONES DEL PERSONAL",
    "FIDEICOMISO PARA LA INFRAESTRUCTURA ENERGÉTICA",
    "MANDATO PARA EL PAGO DE CONTRAPRESTACIONES",
    "MANDATO DE ADMINISTRACIÓN DE LOS RECURSOS DE LA MINERÍA SOCIAL",
    "FONDO DE APOYO A LA PEQUEÑA MINERÍA",
    "FIDEICOMISO DE ADMINISTRACIÓN DE REGALÍAS PETROLERAS",
    "FONDO DE ESTABILIZACIÓN DE INGRESOS",
    "FIDEICOMISO PARA EL DESARROLLO DE COMUNIDADES PETROLERAS",
    "FONDO DE CAPACITACIÓN DEL SECTOR MINERO",
)
TRUST_THEMES = (
    "APOYOS FINANCIEROS",
    "SUBSIDIOS Y APOYOS",
    "INFRAESTRUCTURA",
    "PRESTACIONES LABORALES",
    "PENSIONES",
    "ESTABILIZACIÓN PRESUPUESTARIA",
)
TRUST_BRANCHES = (
    ("ENERGÍA", "18"),
    ("ECONOMÍA", "10"),
    ("HACIENDA Y CRÉDITO PÚBLICO", "06"),
    ("CONSEJO NACIONAL DE CIENCIA Y TECNOLOGÍA", "38"),
    ("MEDIO AMBIENTE Y RECURSOS NATURALES", "16"),
)
TRUST_UNITS = (
    "UNIDAD DE POLÍTICA Y CONTROL PRESUPUESTARIO",
    "DIRECCIÓN GENERAL DE MINAS",
    "DIRECCIÓN GENERAL DE EXPLORACIÓN Y EXTRACCIÓN DE HIDROCARBUROS",
    "COORDINACIÓN GENERAL DE MINERÍA",
    "UNIDAD DE ADMINISTRACIÓN Y FINANZAS",
    "DIRECCIÓN GENERAL DE PROGRAMACIÓN Y PRESUPUESTO",
)

SFP_FACTS = (
    "PRESENTÓ INFORMACIÓN FALSA RESPECTO A ENCONTRARSE AL CORRIENTE DE SUS OBLIGACIONES FISCALES.",
    "LA EMPRESA POR CAUSAS IMPUTABLES A ELLA NO FORMALIZO EL CONTRATO.",
    "60, FRACCIÓN IV, DE LA LEY DE ADQUISICIONES, ARRENDAMIENTOS Y SERVICIOS DEL SECTOR PÚBLICO",
    "LA EMPRESA PROPORCIONÓ INFORMACIÓN FALSA EN EL PROCEDIMIENTO DE CONTRATACIÓN",
    "78, FRACCIÓN IV, DE LA LEY DE OBRAS PÚBLICAS Y SERVICIOS RELACIONADOS CON LAS MISMAS",
    'EXHIBIO DOCUMENTACIÓN APÓCRIFA CONSISTENTE EN UNA "CARTA DE DISTRIBUIDOR AUTORIZADO"',
    "INCUMPLIÓ CON LA ENTREGA DE LOS BIENES EN EL PLAZO PACTADO",
)
SFP_OBJECTS = (
    "",
    "",
    "CONSTRUCCIÓN EN GENERAL",
    "SERVICIOS DE PERFORACIÓN Y MANTENIMIENTO DE POZOS",
    "COMPRA, VENTA, IMPORTACIÓN Y EXPORTACIÓN DE REFACCIONES PARA LA INDUSTRIA PETROLERA",
    "REPARACIÓN Y MANTENIMIENTO DE MAQUINARIA Y EQUIPO INDUSTRIAL",
    "SERVICIOS DE INGENIERÍA, ARQUITECTURA Y SUPERVISIÓN DE OBRA",
)
SFP_RESOLUTIONS = (
    ("SANCIONATORIA CON MULTA E INHABILITACIÓN", 77),
    ("SANCIONATORIA CON MULTA", 19),
    ("SANCIONATORIA", 3),
    ("ABSOLUTORIA", 1),
)
SFP_TERMS = (
    "3 MESES",
    "3 MESES",
    "6 MESES",
    "1 AÑO",
    "2 AÑOS",
    "2 AÑOS 6 MESES",
    "3 AÑOS 3 MESES",
    "",
)

PROCUREMENT_TITLES = (
    "SERVICIO DE MANTENIMIENTO PREVENTIVO Y CORRECTIVO A EQUIPOS DE BOMBEO",
    "ADQUISICIÓN DE TUBERÍA DE REVESTIMIENTO PARA POZOS",
    "SERVICIO DE PERFORACIÓN DIRECCIONAL",
    "ARRENDAMIENTO DE EMBARCACIONES DE APOYO COSTA AFUERA",
    "SUMINISTRO DE QUÍMICOS PARA TRATAMIENTO DE CRUDO",
    "SERVICIO DE INSPECCIÓN Y CERTIFICACIÓN DE DUCTOS",
    "CONSTRUCCIÓN DE CAMINOS DE ACCESO A LOCALIZACIONES",
    "SERVICIO DE TRANSPORTE DE PERSONAL",
    "ADQUISICIÓN DE VESTUARIO Y EQUIPO DE PROTECCIÓN PERSONAL",
    "SERVICIO DE LIMPIEZA EN INSTALACIONES",
    "ESTUDIOS GEOFÍSICOS Y SÍSMICOS 3D",
    "SERVICIO DE CONSULTORÍA EN MATERIA AMBIENTAL",
    "MANTENIMIENTO DE SUBESTACIONES ELÉCTRICAS",
    "REHABILITACIÓN DE MUELLES Y OBRAS PORTUARIAS",
    "ADQUISICIÓN DE REFACCIONES PARA COMPRESORES",
    "SERVICIO DE ANÁLISIS DE LABORATORIO DE MUESTRAS MINERALES",
)
PROCUREMENT_TEMPLATES = (
    # (plantilla, tipo procedimiento, prefix, tipo contratación)
    (
        "12. Adjudicación Directa Nacional Simplificada LAASSP",
        "Adjudicación Directa Federal",
        "SA",
        "Servicios",
    ),
    (
        "07. Adjudicación Directa Nacional Art. 42 LAASSP",
        "Adjudicación Directa Federal",
        "AA",
        "Adquisiciones",
    ),
    ("01. Licitación Pública Nacional LAASSP", "Licitación Pública", "LA", "Adquisiciones"),
    (
        "19. Invitación a cuando menos tres Nacional LOPSRM",
        "Invitación a Cuando Menos 3 Personas",
        "IO",
        "Obra Pública",
    ),
    ("16. Licitación Pública Nacional LOPSRM", "Licitación Pública", "LO", "Obra Pública"),
    (
        "24. Adjudicación Directa Nacional Simplificada LOPSRM",
        "Adjudicación Directa Federal",
        "AO",
        "Servicios Relacionados con la OP",
    ),
    (
        "04. Invitación a cuando menos tres Nacional LAASSP",
        "Invitación a Cuando Menos 3 Personas",
        "IA",
        "Servicios",
    ),
    ("02. Licitación Pública Internacional LAASSP", "Licitación Pública", "LA", "Arrendamientos"),
)
