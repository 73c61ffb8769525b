<#
Demo data for OfiSync: a Spanish ERP (sectors, sales reps, customers, three years of invoices) and an empty CRM,
in the spirit of ../shared/notes/domain.md. demo.ps1, the numbered examples and the Pester suite import it.

The ERP is generated INSIDE the database with set-based SQL (recursive CTEs, small lookup tables of names,
surnames, towns and streets, and deterministic pseudo-random arithmetic), through OfiSync's own Invoke-SyncQuery:
a few thousand customers and tens of thousands of invoices take well under a second. The same -Customers and
-AsOf always give the same data. Invoke-SyncQuery opens an existing SQLite file only: these functions create theirs
on purpose with Mode=ReadWriteCreate in the connection string.

Functions:
    New-DemoErp        creates the ERP as a SQLite file
    New-DemoCrm        creates the empty CRM: a SQLite file, or the tables in a PostgreSQL, SQL Server or MariaDB database
    Get-DemoCrmSql     the CREATE TABLE statements of the CRM for SQLite, PostgreSQL, SQL Server or MariaDB
    Initialize-DemoStore  stores the ERP and CRM connections and the Sectores and Clientes lines, as demo.ps1 does
The OfiSync module must be imported before these functions are called.
#>

Set-StrictMode -Version 3.0

# --- Lookup data -------------------------------------------------------------------------------------------------

$script:Sectores = @(
    @('HOS', 'Hostelería'), @('AGV', 'Agencias de viaje'), @('CON', 'Construcción'), @('ALI', 'Alimentación y bebidas'),
    @('TRA', 'Transporte y logística'), @('SAL', 'Salud'), @('EDU', 'Educación y formación'), @('IND', 'Industria y talleres'),
    @('COM', 'Comercio minorista'), @('TEC', 'Informática y telecomunicaciones'), @('AGR', 'Agricultura'),
    @('SER', 'Servicios profesionales')
)

# Activity words by sector: the start of a trade name ("Ferretería Núñez").
$script:Actividades = @(
    @('HOS', 'Restaurante'), @('HOS', 'Hostal'), @('HOS', 'Cafetería'), @('HOS', 'Hotel'), @('HOS', 'Asador'),
    @('AGV', 'Viajes'), @('AGV', 'Turismo'),
    @('CON', 'Construcciones'), @('CON', 'Reformas'), @('CON', 'Fontanería'), @('CON', 'Electricidad'),
    @('ALI', 'Panadería'), @('ALI', 'Frutas'), @('ALI', 'Carnicería'), @('ALI', 'Distribuciones'), @('ALI', 'Bodegas'),
    @('TRA', 'Transportes'), @('TRA', 'Mudanzas'), @('TRA', 'Logística'),
    @('SAL', 'Clínica Dental'), @('SAL', 'Farmacia'), @('SAL', 'Fisioterapia'), @('SAL', 'Óptica'),
    @('EDU', 'Academia'), @('EDU', 'Autoescuela'), @('EDU', 'Escuela Infantil'),
    @('IND', 'Talleres'), @('IND', 'Metalúrgica'), @('IND', 'Carpintería'), @('IND', 'Cerámicas'),
    @('COM', 'Ferretería'), @('COM', 'Librería'), @('COM', 'Zapatería'), @('COM', 'Droguería'), @('COM', 'Muebles'),
    @('TEC', 'Informática'), @('TEC', 'Sistemas'), @('TEC', 'Telecomunicaciones'),
    @('AGR', 'Viveros'), @('AGR', 'Explotaciones Agrícolas'), @('AGR', 'Almazara'),
    @('SER', 'Asesoría'), @('SER', 'Gestoría'), @('SER', 'Abogados'), @('SER', 'Arquitectos')
)

$script:Vendedores = @(
    @('V01', 'Lucía Fernández Ortega'), @('V02', 'Javier Muñoz Peña'), @('V03', 'Begoña Etxeberria Salas'),
    @('V04', 'Íñigo Ruiz de Azúa'), @('V05', 'Nuria Puig Ferrer'), @('V06', 'Ramón Castaño Gil'),
    @('V07', 'Ángela Domínguez Rey'), @('V08', 'Óscar Ibáñez Martín')
)

$script:Nombres = @(
    'José', 'María', 'Antonio', 'Carmen', 'Manuel', 'Ana', 'Francisco', 'Isabel', 'David', 'Laura', 'Juan', 'Lucía',
    'Javier', 'Cristina', 'Jesús', 'Marta', 'Ángel', 'Mónica', 'Íñigo', 'Begoña', 'Raúl', 'Inés', 'Óscar', 'Sofía',
    'Ramón', 'Nuria', 'Joaquín', 'Rocío', 'Andrés', 'Pilar', 'Adrián', 'Montserrat', 'Sergio', 'Beatriz', 'Álvaro',
    'Nerea', 'Rubén', 'Amaia', 'Jordi', 'Concepción', 'Tomás', 'Lourdes', 'Martín', 'Eugenia', 'Iván', 'Verónica'
)

$script:Apellidos = @(
    'García', 'Fernández', 'González', 'Rodríguez', 'López', 'Martínez', 'Sánchez', 'Pérez', 'Gómez', 'Martín',
    'Jiménez', 'Ruiz', 'Hernández', 'Díaz', 'Moreno', 'Muñoz', 'Álvarez', 'Romero', 'Alonso', 'Gutiérrez', 'Navarro',
    'Torres', 'Domínguez', 'Vázquez', 'Ramos', 'Gil', 'Ramírez', 'Serrano', 'Blanco', 'Molina', 'Morales', 'Suárez',
    'Ortega', 'Delgado', 'Castro', 'Ortiz', 'Rubio', 'Marín', 'Sanz', 'Núñez', 'Iglesias', 'Medina', 'Garrido',
    'Cortés', 'Castillo', 'Santos', 'Lozano', 'Guerrero', 'Cano', 'Prieto', 'Méndez', 'Cruz', 'Calvo', 'Gallego',
    'Vidal', 'León', 'Márquez', 'Herrera', 'Peña', 'Flores', 'Cabrera', 'Campos', 'Vega', 'Fuentes', 'Carrasco',
    'Caballero', 'Reyes', 'Nieto', 'Aguilar', 'Pascual', 'Herrero', 'Lorenzo', 'Montero', 'Hidalgo', 'Ibáñez',
    'Ferrer', 'Durán', 'Benítez', 'Mora', 'Vicente', 'Arias', 'Carmona', 'Crespo', 'Román', 'Pastor', 'Soto', 'Sáez',
    'Velasco', 'Soler', 'Parra', 'Esteban', 'Bravo', 'Ordóñez', 'Zúñiga', 'Yáñez', 'Cañizares', 'Echeverría',
    'Peñalver', 'Muñiz', 'Beltrán', 'Quiñones', 'Etxeberria', 'Puig', 'Castaño', 'Villalba', 'Luengo'
)

# Towns: poblacion, provincia, postal code prefix, country, telephone prefix. The first six are the big cities,
# picked more often; the last four are customers abroad (an EU VAT number instead of a NIF).
$script:Poblaciones = @(
    @('Madrid', 'Madrid', '280', 'ES', '91'), @('Barcelona', 'Barcelona', '080', 'ES', '93'),
    @('Valencia', 'Valencia', '460', 'ES', '96'), @('Sevilla', 'Sevilla', '410', 'ES', '954'),
    @('Zaragoza', 'Zaragoza', '500', 'ES', '976'), @('Málaga', 'Málaga', '290', 'ES', '952'),
    @('Alcalá de Henares', 'Madrid', '288', 'ES', '91'), @('Móstoles', 'Madrid', '289', 'ES', '91'),
    @('Getafe', 'Madrid', '289', 'ES', '91'), @("L'Hospitalet de Llobregat", 'Barcelona', '089', 'ES', '93'),
    @('Sabadell', 'Barcelona', '082', 'ES', '93'), @('Terrassa', 'Barcelona', '082', 'ES', '93'),
    @('Girona', 'Girona', '170', 'ES', '972'), @('Lleida', 'Lleida', '250', 'ES', '973'),
    @('Tarragona', 'Tarragona', '430', 'ES', '977'), @('Reus', 'Tarragona', '432', 'ES', '977'),
    @('Castellón de la Plana', 'Castellón', '120', 'ES', '964'), @('Alicante', 'Alicante', '030', 'ES', '965'),
    @('Elche', 'Alicante', '032', 'ES', '966'), @('Gandía', 'Valencia', '467', 'ES', '96'),
    @('Murcia', 'Murcia', '300', 'ES', '968'), @('Cartagena', 'Murcia', '302', 'ES', '968'),
    @('Almería', 'Almería', '040', 'ES', '950'), @('Granada', 'Granada', '180', 'ES', '958'),
    @('Jaén', 'Jaén', '230', 'ES', '953'), @('Córdoba', 'Córdoba', '140', 'ES', '957'),
    @('Huelva', 'Huelva', '210', 'ES', '959'), @('Cádiz', 'Cádiz', '110', 'ES', '956'),
    @('Jerez de la Frontera', 'Cádiz', '114', 'ES', '956'), @('Algeciras', 'Cádiz', '112', 'ES', '956'),
    @('Marbella', 'Málaga', '296', 'ES', '952'), @('Badajoz', 'Badajoz', '060', 'ES', '924'),
    @('Cáceres', 'Cáceres', '100', 'ES', '927'), @('Toledo', 'Toledo', '450', 'ES', '925'),
    @('Talavera de la Reina', 'Toledo', '456', 'ES', '925'), @('Ciudad Real', 'Ciudad Real', '130', 'ES', '926'),
    @('Albacete', 'Albacete', '020', 'ES', '967'), @('Cuenca', 'Cuenca', '160', 'ES', '969'),
    @('Guadalajara', 'Guadalajara', '190', 'ES', '949'), @('Ávila', 'Ávila', '050', 'ES', '920'),
    @('Segovia', 'Segovia', '400', 'ES', '921'), @('Salamanca', 'Salamanca', '370', 'ES', '923'),
    @('Valladolid', 'Valladolid', '470', 'ES', '983'), @('Burgos', 'Burgos', '090', 'ES', '947'),
    @('León', 'León', '240', 'ES', '987'), @('Ponferrada', 'León', '244', 'ES', '987'),
    @('Zamora', 'Zamora', '490', 'ES', '980'), @('Palencia', 'Palencia', '340', 'ES', '979'),
    @('Soria', 'Soria', '420', 'ES', '975'), @('Logroño', 'La Rioja', '260', 'ES', '941'),
    @('Pamplona', 'Navarra', '310', 'ES', '948'), @('Bilbao', 'Bizkaia', '480', 'ES', '94'),
    @('Getxo', 'Bizkaia', '489', 'ES', '94'), @('Donostia-San Sebastián', 'Gipuzkoa', '200', 'ES', '943'),
    @('Vitoria-Gasteiz', 'Araba/Álava', '010', 'ES', '945'), @('Santander', 'Cantabria', '390', 'ES', '942'),
    @('Oviedo', 'Asturias', '330', 'ES', '985'), @('Gijón', 'Asturias', '332', 'ES', '985'),
    @('A Coruña', 'A Coruña', '150', 'ES', '981'), @('Santiago de Compostela', 'A Coruña', '157', 'ES', '981'),
    @('Vigo', 'Pontevedra', '362', 'ES', '986'), @('Ourense', 'Ourense', '320', 'ES', '988'),
    @('Lugo', 'Lugo', '270', 'ES', '982'), @('Huesca', 'Huesca', '220', 'ES', '974'),
    @('Teruel', 'Teruel', '440', 'ES', '978'), @('Palma', 'Illes Balears', '070', 'ES', '971'),
    @('Ibiza', 'Illes Balears', '078', 'ES', '971'), @('Las Palmas de Gran Canaria', 'Las Palmas', '350', 'ES', '928'),
    @('Santa Cruz de Tenerife', 'Santa Cruz de Tenerife', '380', 'ES', '922'),
    @('Lisboa', 'Lisboa', '1100-148', 'PT', '+35121'), @('Porto', 'Porto', '4000-322', 'PT', '+35122'),
    @('Toulouse', 'Haute-Garonne', '31000', 'FR', '+3356'), @('Perpignan', 'Pyrénées-Orientales', '66000', 'FR', '+3346')
)

$script:Calles = @(
    'Calle Mayor', 'Avenida de la Constitución', 'Plaza de España', 'Calle Real', 'Calle San Juan', 'Calle del Carmen',
    'Calle Nueva', 'Avenida de Andalucía', 'Calle de los Reyes Católicos', 'Gran Vía', 'Calle de Cervantes',
    'Calle Doctor Fleming', 'Avenida Ramón y Cajal', 'Paseo de la Castellana', 'Calle del Sol', 'Calle de la Paz',
    'Calle de Alcalá', 'Avenida del Pilar', 'Calle Sagasta', 'Avenida de Alfonso XIII', 'Ronda de Segovia',
    'Camino Viejo de Leganés', 'Calle Núñez de Balboa', 'Calle de la Peña', 'Travesía del Álamo',
    'Polígono Industrial El Prado, nave', 'Calle Fray Luis de León', 'Avenida de Castilla y León', 'Rúa do Vilar',
    'Carrer de Balmes', 'Carrer Gran de Gràcia', 'Kale Nagusia', 'Calle Ibáñez de Bilbao', 'Avenida de Cataluña'
)

$script:FormasPago = @(
    'Contado', 'Transferencia 30 días', 'Recibo domiciliado 30 días', 'Recibo domiciliado 30/60 días',
    'Recibo domiciliado 60 días', 'Confirming 90 días', 'Tarjeta', 'Pagaré 60 días'
)

# --- SQL helpers ---------------------------------------------------------------------------------------------------

function ConvertTo-SqlLiteral([object] $Value) {
    if ($null -eq $Value) { return 'NULL' }
    if ($Value -is [int] -or $Value -is [long]) { return [string]$Value }
    "'" + ([string]$Value).Replace("'", "''") + "'"
}

# Lowercase ASCII of a name, for e-mail addresses: "Núñez" -> "nunez", "L'Hospitalet" -> "lhospitalet".
function ConvertTo-Slug([string] $Text) {
    # Decomposed, "ñ" is "n" followed by a combining tilde, which the pattern drops with everything else not a-z0-9.
    $Text.Normalize([Text.NormalizationForm]::FormD).ToLowerInvariant() -replace '[^a-z0-9]', ''
}

# CREATE TEMP TABLE ... AS VALUES: a lookup table numbered from 0, so that "n = x % count" picks a row.
function New-LookupSql([string] $Table, [string[]] $Columns, [object[]] $Rows) {
    $values = for ($n = 0; $n -lt $Rows.Count; $n++) {
        $literals = foreach ($value in @($Rows[$n])) { "'" + ([string]$value).Replace("'", "''") + "'" }
        "($n, $($literals -join ', '))"
    }
    "CREATE TEMP TABLE $Table (n INTEGER PRIMARY KEY, $($Columns -join ', '));`n" +
    "INSERT INTO $Table VALUES`n  " + ($values -join ",`n  ") + ";`n"
}

<#
A deterministic pseudo-random integer in [0, 2^31) from an integer SQL expression and a salt: a linear congruential
step, then a middle-square mix so that small moduli of consecutive inputs do not repeat in short cycles. Inputs up to
about 10^9 stay within SQLite's 64-bit integers.
#>
function Get-RandomSql([string] $Expression, [int] $Salt) {
    $x = "((($Expression) * 1103515245 + $(12345 + $Salt * 7919)) % 2147483648)"
    "(((($x * $x) >> 16) + $x * $($Salt + 3)) % 2147483648)"
}

# The control character of a Spanish CIF whose 7 digits are the SQL expression $Digits (an integer < 10^7).
function Get-CifControlSql([string] $Digits) {
    $d = 1..7 | ForEach-Object { "((($Digits) / $([math]::Pow(10, 7 - $_))) % 10)" }
    $even = "($($d[1]) + $($d[3]) + $($d[5]))"
    $odd = ($d[0], $d[2], $d[4], $d[6] | ForEach-Object { "((2 * $_) / 10 + (2 * $_) % 10)" }) -join ' + '
    "((10 - (($even + $odd) % 10)) % 10)"
}

# --- ERP -----------------------------------------------------------------------------------------------------------

<#
.SYNOPSIS
    Creates the demo ERP as a SQLite file: sector, vendedor, cliente and three years of factura.
.PARAMETER Path
    The SQLite file to create. An existing file is replaced.
.PARAMETER Customers
    How many customers: about 6 % are inactive (activo = 0), about 6 % never bought, and 1 in 200 is abroad.
.PARAMETER AsOf
    The day the data is generated for: invoices run from 1 January two years before it up to this day. The same
    -Customers and -AsOf always give the same rows. Default: today.
.OUTPUTS
    An object with Path, Customers, Invoices and the invoice period (From, To).
#>
function New-DemoErp {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $Path,
        [ValidateRange(1, 1000000)] [int] $Customers = 3000,
        [datetime] $AsOf = (Get-Date).Date
    )
    $Path = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($Path)
    Remove-Item -LiteralPath $Path, "$Path-wal", "$Path-shm", "$Path-journal" -ErrorAction SilentlyContinue
    $from = [datetime]::new($AsOf.Year - 2, 1, 1)
    $days = [int]($AsOf.Date - $from).TotalDays + 1
    $firstYearDays = [int]([datetime]::new($AsOf.Year - 1, 1, 1) - $from).TotalDays

    $nAct = $Actividades.Count; $nNom = $Nombres.Count; $nApe = $Apellidos.Count; $nCalle = $Calles.Count
    $nFp = $FormasPago.Count; $nVen = $Vendedores.Count
    $nPobEs = @($Poblaciones | Where-Object { $_[3] -eq 'ES' }).Count
    $nPobExt = $Poblaciones.Count - $nPobEs

    $lookups = (New-LookupSql 'actividad' 'sector TEXT', 'texto TEXT', 'slug TEXT' ($Actividades | ForEach-Object { , @($_[0], $_[1], (ConvertTo-Slug $_[1])) })) +
    (New-LookupSql 'nombre' 'nombre TEXT', 'slug TEXT' ($Nombres | ForEach-Object { , @($_, (ConvertTo-Slug $_)) })) +
    (New-LookupSql 'apellido' 'apellido TEXT', 'slug TEXT' ($Apellidos | ForEach-Object { , @($_, (ConvertTo-Slug $_)) })) +
    (New-LookupSql 'poblacion' 'poblacion TEXT', 'provincia TEXT', 'cp TEXT', 'pais TEXT', 'prefijo TEXT' $Poblaciones) +
    (New-LookupSql 'calle' 'calle TEXT' ($Calles | ForEach-Object { , @($_) })) +
    (New-LookupSql 'forma_pago' 'texto TEXT' ($FormasPago | ForEach-Object { , @($_) })) +
    (New-LookupSql 'dominio' 'dominio TEXT' (@('gmail.com', 'hotmail.com', 'yahoo.es', 'telefonica.net', 'outlook.es') | ForEach-Object { , @($_) }))

    function Get-Draw([int] $Salt) { Get-RandomSql 'i' $Salt }
    $nif8 = '((i * 48271 + 12345678) % 100000000)'   # a bijection of i: every NIF is different
    $cif7 = '((i * 48271 + 1234567) % 10000000)'
    $vat9 = '((i * 48271 + 501234567) % 1000000000)'

    $schema = @'
CREATE TABLE sector (
    codigo      TEXT PRIMARY KEY,
    descripcion TEXT NOT NULL
);
CREATE TABLE vendedor (
    codigo TEXT PRIMARY KEY,
    nombre TEXT NOT NULL
);
CREATE TABLE cliente (
    codigo           TEXT PRIMARY KEY,
    razon_social     TEXT NOT NULL,
    nombre_comercial TEXT,
    nif              TEXT,
    direccion        TEXT,
    cp               TEXT,
    poblacion        TEXT,
    provincia        TEXT,
    pais             TEXT NOT NULL DEFAULT 'ES',
    telefono         TEXT,
    email            TEXT,
    sector_codigo    TEXT REFERENCES sector (codigo),
    forma_pago       TEXT,
    vendedor_codigo  TEXT REFERENCES vendedor (codigo),
    fecha_alta       DATE NOT NULL,
    fecha_modif      DATE NOT NULL,
    activo           INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE factura (
    serie          TEXT NOT NULL,
    numero         INTEGER NOT NULL,
    fecha          DATE NOT NULL,
    cliente_codigo TEXT NOT NULL REFERENCES cliente (codigo),
    base_imponible NUMERIC(12, 2) NOT NULL,
    total          NUMERIC(12, 2) NOT NULL,
    PRIMARY KEY (serie, numero)
);
CREATE INDEX factura_cliente ON factura (cliente_codigo, fecha);

'@
    $schema += "INSERT INTO sector VALUES`n  " + (($Sectores | ForEach-Object { "($(ConvertTo-SqlLiteral $_[0]), $(ConvertTo-SqlLiteral $_[1]))" }) -join ",`n  ") + ";`n"
    $schema += "INSERT INTO vendedor VALUES`n  " + (($Vendedores | ForEach-Object { "($(ConvertTo-SqlLiteral $_[0]), $(ConvertTo-SqlLiteral $_[1]))" }) -join ",`n  ") + ";`n"

    # One row per customer with its random draws (r1...), then the columns built from them and the lookup tables.
    $customersSql = @"
INSERT INTO cliente
WITH RECURSIVE seq (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < @customers),
draw AS (
    SELECT i, $(Get-Draw 1) AS r1, $(Get-Draw 2) AS r2, $(Get-Draw 3) AS r3, $(Get-Draw 4) AS r4, $(Get-Draw 5) AS r5, $(Get-Draw 6) AS r6, $(Get-Draw 7) AS r7,
           $(Get-Draw 8) AS r8, $(Get-Draw 9) AS r9, $(Get-Draw 10) AS r10, $(Get-Draw 11) AS r11, $(Get-Draw 12) AS r12, $(Get-Draw 13) AS r13,
           $(Get-Draw 14) AS r14, $(Get-Draw 15) AS r15, $(Get-Draw 16) AS r16, $(Get-Draw 17) AS r17, $(Get-Draw 18) AS r18, $(Get-Draw 19) AS r19,
           $nif8 AS nif8, $cif7 AS cif7, $vat9 AS vat9
    FROM seq
),
pick AS (
    SELECT d.*,
           CASE WHEN r1 % 100 < 28 THEN 'P' WHEN r6 % 100 < 12 THEN 'A' WHEN r6 % 100 < 20 THEN 'U' ELSE 'B' END AS forma,
           CASE WHEN r11 % 200 = 0 THEN $nPobEs + r12 % $nPobExt
                WHEN r11 % 100 < 35 THEN r12 % 6
                ELSE r12 % $nPobEs END AS pob,
           date(@desde, '-' || (r17 % 6000) || ' days') AS alta
    FROM draw d
),
base AS (
    SELECT p.*, a.sector, a.texto AS actividad, a.slug AS act_slug, n.nombre, n.slug AS nom_slug,
           a1.apellido AS ape1, a1.slug AS ape1_slug, a2.apellido AS ape2,
           t.poblacion, t.provincia, t.cp AS cp_base, t.pais, t.prefijo,
           CASE r7 % 4 WHEN 0 THEN a.texto || ' ' || a1.apellido || ' ' || a2.apellido
                       WHEN 1 THEN a.texto || ' Hermanos ' || a1.apellido
                       WHEN 2 THEN a.texto || ' ' || t.poblacion
                       ELSE a.texto || ' ' || a1.apellido END AS marca
    FROM pick p
    JOIN actividad a ON a.n = p.r2 % $nAct
    JOIN nombre n ON n.n = p.r5 % $nNom
    JOIN apellido a1 ON a1.n = p.r3 % $nApe
    JOIN apellido a2 ON a2.n = p.r4 % $nApe
    JOIN poblacion t ON t.n = p.pob
)
SELECT printf('430%06d', b.i),
       CASE b.forma WHEN 'P' THEN b.ape1 || ' ' || b.ape2 || ', ' || b.nombre
                    WHEN 'A' THEN b.marca || ', S.A.'
                    WHEN 'U' THEN b.marca || ', S.L.U.'
                    ELSE b.marca || ', S.L.' END,
       CASE b.forma WHEN 'P' THEN b.actividad || ' ' || b.ape1 ELSE b.marca END,
       CASE WHEN b.pais <> 'ES' THEN b.pais || printf('%09d', b.vat9)
            WHEN b.forma = 'P' THEN printf('%08d', b.nif8) || substr('TRWAGMYFPDXBNJZSQVHLCKE', b.nif8 % 23 + 1, 1)
            ELSE CASE b.forma WHEN 'A' THEN 'A' ELSE 'B' END || printf('%07d', b.cif7) || $(Get-CifControlSql 'b.cif7') END,
       c.calle || ' ' || (1 + b.r9 % 140) || CASE WHEN b.r10 % 10 < 4 THEN ', ' || (1 + b.r10 % 8) || 'º ' || substr('ABCD', 1 + b.r13 % 4, 1) ELSE '' END,
       CASE WHEN b.pais = 'ES' THEN b.cp_base || printf('%02d', 1 + b.r13 % 50) ELSE b.cp_base END,
       b.poblacion, b.provincia, b.pais,
       CASE WHEN b.r14 % 100 < 3 THEN NULL
            WHEN b.forma = 'P' AND b.pais = 'ES' AND b.r14 % 2 = 0 THEN '6' || printf('%08d', b.r15 % 100000000)
            ELSE substr(b.prefijo || printf('%09d', b.r15 % 1000000000), 1, CASE b.pais WHEN 'FR' THEN 12 WHEN 'PT' THEN 13 ELSE 9 END) END,
       CASE WHEN b.r16 % 100 < 5 THEN NULL
            WHEN b.forma = 'P' THEN b.nom_slug || '.' || b.ape1_slug || (b.i % 97) || '@' || m.dominio
            ELSE CASE b.r16 % 3 WHEN 0 THEN 'info' WHEN 1 THEN 'administracion' ELSE 'pedidos' END
                 || '@' || b.act_slug || b.ape1_slug || '.' || CASE b.pais WHEN 'ES' THEN 'es' ELSE lower(b.pais) END END,
       CASE WHEN b.r18 % 100 < 1 THEN NULL ELSE b.sector END,
       f.texto,
       printf('V%02d', 1 + b.r8 % $nVen),
       b.alta,
       date(julianday(b.alta) + b.r19 % max(1, CAST(julianday(@asof) - julianday(b.alta) AS INTEGER))),
       CASE WHEN b.r1 % 1000 >= 940 THEN 0 ELSE 1 END
FROM base b
JOIN calle c ON c.n = b.r8 % $nCalle
JOIN forma_pago f ON f.n = b.r15 % $nFp
JOIN dominio m ON m.n = b.r19 % 5;

"@

    # Invoices: each customer has a size (most are small, a few are large), a number of invoices over the period and a
    # typical amount. About 6 % never bought; inactive customers and 7 % of the others bought only in the first year.
    # About 4 % of the documents are credit notes (series R), with negative amounts.
    $k = '(p.i * 100 + n.k)'
    $invoicesSql = @"
INSERT INTO factura (serie, numero, fecha, cliente_codigo, base_imponible, total)
WITH RECURSIVE n (k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < 60),
perfil AS MATERIALIZED (
    SELECT i, codigo, fecha_alta, size,
           CASE WHEN size < 60 THEN 0
                WHEN size < 80 THEN 30 + $(Get-RandomSql 'i' 31) % 31
                WHEN size < 200 THEN 12 + $(Get-RandomSql 'i' 31) % 19
                ELSE 2 + $(Get-RandomSql 'i' 31) % 11 END AS facturas,
           CASE WHEN size < 80 THEN 1500 + $(Get-RandomSql 'i' 32) % 6000
                WHEN size < 200 THEN 400 + $(Get-RandomSql 'i' 32) % 1800
                ELSE 60 + $(Get-RandomSql 'i' 32) % 700 END AS importe,
           CASE WHEN activo = 0 OR $(Get-RandomSql 'i' 33) % 100 < 7 THEN $firstYearDays ELSE @dias END AS dias
    FROM (SELECT CAST(substr(codigo, 4) AS INTEGER) AS i, codigo, fecha_alta, activo,
                 $(Get-RandomSql 'CAST(substr(codigo, 4) AS INTEGER)' 30) % 1000 AS size
          FROM cliente)
),
linea AS MATERIALIZED (
    SELECT p.codigo, n.k,
           max(date(@desde, '+' || ($(Get-RandomSql $k 34) % p.dias) || ' days'), p.fecha_alta) AS fecha,
           round(p.importe * (0.35 + ($(Get-RandomSql $k 35) % 1000) / 770.0), 2) AS base,
           $(Get-RandomSql $k 36) % 100 < 4 AS abono
    FROM perfil p JOIN n ON n.k <= CASE WHEN p.facturas = 0 THEN 0 ELSE max(1, p.facturas * p.dias / @dias) END
),
documento AS (
    SELECT CASE WHEN abono THEN 'R' ELSE 'F' END || strftime('%Y', fecha) AS serie, fecha, codigo, k,
           CASE WHEN abono THEN -round(base * 0.4, 2) ELSE base END AS base
    FROM linea WHERE fecha <= @asof
)
SELECT serie, row_number() OVER (PARTITION BY serie ORDER BY fecha, codigo, k), fecha, codigo, base, round(base * 1.21, 2)
FROM documento;
"@

    # Pooling=False: a pooled connection would keep a replaced file open, and the next call would see the old one.
    # Mode=ReadWriteCreate: OfiSync opens an existing database only, unless the connection string asks it to create one.
    $cs = "Data Source=$Path;Pooling=False"
    # Dates go to SQLite as ISO text in the Gregorian calendar, whatever the session's culture (a method call's
    # ToString would use it: 2568 for 2025 under th-TH).
    $iso = [cultureinfo]::InvariantCulture
    $p = @{ customers = $Customers; desde = $from.ToString('yyyy-MM-dd', $iso); asof = $AsOf.ToString('yyyy-MM-dd', $iso); dias = $days }
    Invoke-SyncQuery -Provider Sqlite -ConnectionString "$cs;Mode=ReadWriteCreate" -Query ("BEGIN;`n" + $schema + $lookups + $customersSql + $invoicesSql + "COMMIT;") -Parameters $p -Confirm:$false
    $counts = Invoke-SyncQuery -Provider Sqlite -ConnectionString $cs -Query 'SELECT (SELECT COUNT(*) FROM cliente) AS clientes, (SELECT COUNT(*) FROM factura) AS facturas'
    [pscustomobject]@{ Path = $Path; Customers = $counts.clientes; Invoices = $counts.facturas; From = $from; To = $AsOf.Date }
}

# --- CRM -----------------------------------------------------------------------------------------------------------

<#
.SYNOPSIS
    The CREATE TABLE statements of the demo CRM (sector, cuenta, cuenta_ventas) for one kind of database.
#>
function Get-DemoCrmSql {
    [CmdletBinding()]
    param([ValidateSet('Sqlite', 'PostgreSql', 'SqlServer', 'MariaDb')] [string] $Provider = 'Sqlite')
    switch ($Provider) {
        'Sqlite' {
            @'
CREATE TABLE sector (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    codigo_origen TEXT NOT NULL UNIQUE,
    descripcion   TEXT NOT NULL
);
CREATE TABLE cuenta (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    codigo           TEXT NOT NULL UNIQUE,
    estado           TEXT NOT NULL DEFAULT 'Potencial'
                     CHECK (estado IN ('Potencial', 'Probable', 'Prescriptor', 'Cliente', 'Inactivo')),
    razon_social     TEXT NOT NULL,
    nombre_comercial TEXT,
    nif              TEXT UNIQUE,
    direccion        TEXT,
    cp               TEXT,
    poblacion        TEXT,
    provincia        TEXT,
    pais             TEXT,
    telefono         TEXT,
    email            TEXT,
    sector_id        INTEGER REFERENCES sector (id),
    vendedor         TEXT,
    forma_pago       TEXT,
    fecha_alta       DATE,
    observaciones    TEXT,
    creado           TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE TABLE cuenta_ventas (
    cuenta_id         INTEGER NOT NULL REFERENCES cuenta (id),
    ejercicio         INTEGER NOT NULL,
    ventas_actual     NUMERIC(14, 2),
    ventas_anterior   NUMERIC(14, 2),
    num_facturas      INTEGER,
    fecha_ult_venta   DATE,
    piramide_actual   TEXT,
    piramide_anterior TEXT,
    PRIMARY KEY (cuenta_id, ejercicio)
);
'@
        }
        'PostgreSql' {
            @'
CREATE TABLE sector (
    id            integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    codigo_origen varchar(10) NOT NULL UNIQUE,
    descripcion   varchar(100) NOT NULL
);
CREATE TABLE cuenta (
    id               integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    codigo           varchar(20) NOT NULL UNIQUE,
    estado           varchar(20) NOT NULL DEFAULT 'Potencial'
                     CHECK (estado IN ('Potencial', 'Probable', 'Prescriptor', 'Cliente', 'Inactivo')),
    razon_social     varchar(150) NOT NULL,
    nombre_comercial varchar(150),
    nif              varchar(20) UNIQUE,
    direccion        varchar(200),
    cp               varchar(10),
    poblacion        varchar(100),
    provincia        varchar(100),
    pais             char(2),
    telefono         varchar(20),
    email            varchar(150),
    sector_id        integer REFERENCES sector (id),
    vendedor         varchar(10),
    forma_pago       varchar(60),
    fecha_alta       date,
    observaciones    text,
    creado           timestamp NOT NULL DEFAULT now()
);
CREATE TABLE cuenta_ventas (
    cuenta_id         integer NOT NULL REFERENCES cuenta (id),
    ejercicio         integer NOT NULL,
    ventas_actual     numeric(14, 2),
    ventas_anterior   numeric(14, 2),
    num_facturas      integer,
    fecha_ult_venta   date,
    piramide_actual   varchar(20),
    piramide_anterior varchar(20),
    PRIMARY KEY (cuenta_id, ejercicio)
);
'@
        }
        'MariaDb' {
            @'
CREATE TABLE sector (
    id            int AUTO_INCREMENT PRIMARY KEY,
    codigo_origen varchar(10) NOT NULL UNIQUE,
    descripcion   varchar(100) NOT NULL
);
CREATE TABLE cuenta (
    id               int AUTO_INCREMENT PRIMARY KEY,
    codigo           varchar(20) NOT NULL UNIQUE,
    estado           varchar(20) NOT NULL DEFAULT 'Potencial'
                     CHECK (estado IN ('Potencial', 'Probable', 'Prescriptor', 'Cliente', 'Inactivo')),
    razon_social     varchar(150) NOT NULL,
    nombre_comercial varchar(150),
    nif              varchar(20) UNIQUE,
    direccion        varchar(200),
    cp               varchar(10),
    poblacion        varchar(100),
    provincia        varchar(100),
    pais             char(2),
    telefono         varchar(20),
    email            varchar(150),
    sector_id        int REFERENCES sector (id),
    vendedor         varchar(10),
    forma_pago       varchar(60),
    fecha_alta       date,
    observaciones    text,
    creado           datetime NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE TABLE cuenta_ventas (
    cuenta_id         int NOT NULL REFERENCES cuenta (id),
    ejercicio         int NOT NULL,
    ventas_actual     decimal(14, 2),
    ventas_anterior   decimal(14, 2),
    num_facturas      int,
    fecha_ult_venta   date,
    piramide_actual   varchar(20),
    piramide_anterior varchar(20),
    PRIMARY KEY (cuenta_id, ejercicio)
);
'@
        }
        'SqlServer' {
            @'
CREATE TABLE dbo.sector (
    id            int IDENTITY(1, 1) PRIMARY KEY,
    codigo_origen nvarchar(10) NOT NULL UNIQUE,
    descripcion   nvarchar(100) NOT NULL
);
CREATE TABLE dbo.cuenta (
    id               int IDENTITY(1, 1) PRIMARY KEY,
    codigo           nvarchar(20) NOT NULL UNIQUE,
    estado           nvarchar(20) NOT NULL DEFAULT N'Potencial'
                     CHECK (estado IN (N'Potencial', N'Probable', N'Prescriptor', N'Cliente', N'Inactivo')),
    razon_social     nvarchar(150) NOT NULL,
    nombre_comercial nvarchar(150) NULL,
    nif              nvarchar(20) NULL,
    direccion        nvarchar(200) NULL,
    cp               nvarchar(10) NULL,
    poblacion        nvarchar(100) NULL,
    provincia        nvarchar(100) NULL,
    pais             nchar(2) NULL,
    telefono         nvarchar(20) NULL,
    email            nvarchar(150) NULL,
    sector_id        int NULL REFERENCES dbo.sector (id),
    vendedor         nvarchar(10) NULL,
    forma_pago       nvarchar(60) NULL,
    fecha_alta       date NULL,
    observaciones    nvarchar(max) NULL,
    creado           datetime2 NOT NULL DEFAULT sysdatetime()
);
-- UNIQUE on a NULLable column allows one NULL only on SQL Server: a filtered index allows any number.
CREATE UNIQUE INDEX cuenta_nif ON dbo.cuenta (nif) WHERE nif IS NOT NULL;
CREATE TABLE dbo.cuenta_ventas (
    cuenta_id         int NOT NULL REFERENCES dbo.cuenta (id),
    ejercicio         int NOT NULL,
    ventas_actual     decimal(14, 2) NULL,
    ventas_anterior   decimal(14, 2) NULL,
    num_facturas      int NULL,
    fecha_ult_venta   date NULL,
    piramide_actual   nvarchar(20) NULL,
    piramide_anterior nvarchar(20) NULL,
    PRIMARY KEY (cuenta_id, ejercicio)
);
'@
        }
    }
}

<#
.SYNOPSIS
    Creates the empty demo CRM: a SQLite file (-Path, replaced if it exists), or the tables in an existing PostgreSQL,
    SQL Server or MariaDB database (-Provider and -ConnectionString, or a stored -Connection).
#>
function New-DemoCrm {
    [CmdletBinding(DefaultParameterSetName = 'Sqlite')]
    param(
        [Parameter(Mandatory, ParameterSetName = 'Sqlite', Position = 0)] [string] $Path,
        [Parameter(Mandatory, ParameterSetName = 'Server')] [ValidateSet('PostgreSql', 'SqlServer', 'MariaDb')] [string] $Provider,
        [Parameter(Mandatory, ParameterSetName = 'Server')] [string] $ConnectionString,
        [Parameter(Mandatory, ParameterSetName = 'Stored')] [string] $Connection,
        [Parameter(ParameterSetName = 'Stored')] [ValidateSet('Sqlite', 'PostgreSql', 'SqlServer', 'MariaDb')] [string] $ConnectionProvider = 'SqlServer',
        [Parameter(ParameterSetName = 'Stored')] [pscredential] $Credential,
        [string] $Store
    )
    $storeArg = if ($Store) { @{ Store = $Store } } else { @{} }
    switch ($PSCmdlet.ParameterSetName) {
        'Sqlite' {
            $Path = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($Path)
            Remove-Item -LiteralPath $Path, "$Path-wal", "$Path-shm", "$Path-journal" -ErrorAction SilentlyContinue
            # Mode=ReadWriteCreate: the new database is created on purpose (OfiSync never creates one otherwise).
            Invoke-SyncQuery -Provider Sqlite -ConnectionString "Data Source=$Path;Pooling=False;Mode=ReadWriteCreate" -Query (Get-DemoCrmSql Sqlite) -Confirm:$false @storeArg
            [pscustomobject]@{ Path = $Path }
        }
        'Server' {
            Invoke-SyncQuery -Provider $Provider -ConnectionString $ConnectionString -Query (Get-DemoCrmSql $Provider) -Confirm:$false @storeArg
        }
        'Stored' {
            $cred = if ($Credential) { @{ Credential = $Credential } } else { @{} }
            Invoke-SyncQuery -Connection $Connection -Query (Get-DemoCrmSql $ConnectionProvider) -Confirm:$false @storeArg @cred
        }
    }
}

# --- Lines ---------------------------------------------------------------------------------------------------------

<#
.SYNOPSIS
    Stores the demo's connections (ERP, CRM) and its two lines (Sectores, then Clientes), as demo.ps1 shows them.
.PARAMETER ErpPath
    The demo ERP's SQLite file.
.PARAMETER CrmPath
    The demo CRM's SQLite file; or give -CrmProvider and -CrmConnectionString for a server CRM.
.PARAMETER Store
    The store to write to; by default the one OFISYNC_STORE or the user's default names.
#>
function Initialize-DemoStore {
    [CmdletBinding(DefaultParameterSetName = 'Sqlite')]
    param(
        [Parameter(Mandatory)] [string] $ErpPath,
        [Parameter(Mandatory, ParameterSetName = 'Sqlite')] [string] $CrmPath,
        [Parameter(Mandatory, ParameterSetName = 'Server')] [ValidateSet('Sqlite', 'PostgreSql', 'SqlServer', 'MariaDb')] [string] $CrmProvider,
        [Parameter(Mandatory, ParameterSetName = 'Server')] [string] $CrmConnectionString,
        [string] $Store
    )
    $s = if ($Store) { @{ Store = $Store } } else { @{} }
    if ($PSCmdlet.ParameterSetName -eq 'Sqlite') { $CrmProvider = 'Sqlite'; $CrmConnectionString = "Data Source=$CrmPath" }
    New-SyncConnection -Name ERP -Provider Sqlite -ConnectionString "Data Source=$ErpPath" -Force @s | Out-Null
    New-SyncConnection -Name CRM -Provider $CrmProvider -ConnectionString $CrmConnectionString -Force @s | Out-Null
    New-SyncLine -Name Sectores -Source ERP -SourceTable sector -Target CRM -TargetTable sector -Key codigo -TargetId id @s -Map @{
        codigo_origen = 'codigo'
        descripcion   = 'descripcion'
    }
    New-SyncLine -Name Clientes -Source ERP -SourceTable cliente -Target CRM -TargetTable cuenta -Key codigo -TargetId id @s -Map (Get-DemoClientesMap) `
        -Filter { activo -eq 1 } -DeletePolicy Flag -FlagColumn estado -FlagValue 'Inactivo' -DependsOn Sectores
}

<# The column map of the demo's Clientes line: target column = source column, a constant or a lookup. #>
function Get-DemoClientesMap {
    [ordered]@{
        codigo           = 'codigo'
        estado           = @{ Constant = 'Cliente' }
        razon_social     = 'razon_social'
        nombre_comercial = 'nombre_comercial'
        nif              = 'nif'
        direccion        = 'direccion'
        cp               = 'cp'
        poblacion        = 'poblacion'
        provincia        = 'provincia'
        pais             = 'pais'
        telefono         = 'telefono'
        email            = 'email'
        sector_id        = @{ Lookup = 'sector'; Match = 'codigo_origen'; Value = 'id'; From = 'sector_codigo' }
        vendedor         = 'vendedor_codigo'
        forma_pago       = 'forma_pago'
        fecha_alta       = 'fecha_alta'
    }
}

Export-ModuleMember -Function New-DemoErp, New-DemoCrm, Get-DemoCrmSql, Initialize-DemoStore, Get-DemoClientesMap
