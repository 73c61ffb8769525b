@{
    Synopsis    = 'Añade una línea de sincronización: qué filas de origen van a qué tabla de destino, por qué clave y con qué mapa de columnas.'

    Description = @'
New-SyncLine define la sincronización de un tipo de datos, como los clientes del ERP o sus sectores, y la guarda en el almacén. Una línea nombra su conexión y tabla de origen (o consulta), su conexión y tabla de destino, la clave que identifica una fila en ambos lados y cómo obtiene su valor cada columna de destino (-Map). También puede tener un prefiltro, una política de borrado, un orden y las líneas de las que depende. Véase LÍNEAS DE SINCRONIZACIÓN en about_OfiSync.

Antes de guardarla, New-SyncLine comprueba la línea: la definición en sí (las conexiones y las líneas de las que depende existen, la clave y el mapa están completos, no hay ciclos de dependencias) y, conectándose a ambas bases de datos, que las tablas y columnas existen y que el tipo de cada columna de origen se puede escribir en su columna de destino. Una línea con errores no se guarda: un único error lista todos los problemas, con el lado y la columna. Los problemas que dejan ejecutar la línea pero harán fallar algunas de sus filas se escriben como advertencias (Write-Warning, "<línea>: <lado> column '<columna>': ...") y la línea se guarda: una columna de origen que admite NULL asignada a una columna de destino que no lo admite (no se indica para una columna de la clave: una fila sin clave falla de todos modos); texto declarado más largo que su columna de destino (nvarchar(24) en varchar(16)), cuando el destino es PostgreSQL o SQL Server (SQLite no impone longitudes; una columna de texto de origen declarada sin longitud no se compara, y un valor más largo hace fallar su fila al ejecutarse, nombrando la columna); decimales escritos en una columna entera; texto convertido en número o fecha. Test-SyncLine lista los mismos problemas como objetos. -SkipCheck guarda sin conectarse, así que no da ninguna de estas advertencias.

Sin -Map, cada columna de origen se asigna a la columna de destino del mismo nombre. Añadir una línea no escribe nada en la base de datos de destino: las filas solo se mueven cuando se ejecuta la línea.

Una línea se guarda junto a sus conexiones, así que el almacén ya debe existir: lo crea New-SyncConnection. En un almacén que no existe (una ruta de -Store mal escrita), New-SyncLine falla, nombrándolo, y no crea nada.
'@

    Parameters  = @{
        Name            = 'El nombre de la línea, único en el almacén, sin caracteres comodín (* ? [ ]).'
        Source          = 'El nombre de la conexión guardada de la que se leen las filas (el ERP). Véase New-SyncConnection.'
        SourceTable     = 'La tabla de origen, opcionalmente con su esquema (esquema.tabla). Indique -SourceTable o -SourceQuery.'
        Target          = 'El nombre de la conexión guardada en la que se escriben las filas (el CRM).'
        TargetTable     = 'La tabla de destino, opcionalmente con su esquema (esquema.tabla).'
        Key             = 'La columna o columnas de origen que identifican una fila, como codigo, o serie y numero en una clave compuesta. El estado de sincronización y la clave de destino siguen esta clave. Obligatoria, salvo en una línea de estadísticas de ventas, cuya clave es customer_key si no se indica: customer_key, fiscal_year conserva una fila de destino por cliente y ejercicio (véase -SalesStatistics).'
        SalesStatistics = @'
Convierte la línea en una línea de estadísticas de ventas (los "Datos de Ventas" y la "Pirámide actual y anterior" del planteamiento inicial). Una tabla hash:

- From: Invoices (los documentos de venta: una fila por factura o abono) o Statistics (una tabla que el ERP mantiene por cliente y ejercicio).
- Table, o Query: la tabla de ventas, o un SELECT cuyas filas son las ventas cuando necesitan una combinación o una condición (solo las facturas de la serie A, las líneas de una vista), leído como tabla derivada igual que -SourceQuery; indique una de las dos. Customer, Amount: la columna del cliente y la columna del importe de esa tabla o consulta.
- Date (Invoices): la fecha del documento. Year, InvoiceCount, LastSale (Statistics): el ejercicio, el número de facturas y la fecha de la última venta.
- CustomerLine: la línea que sincroniza los clientes; sus id del CRM registrados indican a qué registro del CRM van las cifras de cada cliente. Esa línea debe tener -TargetId (la columna de id del CRM, como -TargetId id): una línea sin él no registra id del CRM, así que New-SyncLine rechaza la línea de estadísticas y Test-SyncLine lo indica (TargetIdNotRecorded). Una línea de clientes a la que se da -TargetId más tarde solo registra los id de las filas que ya había enviado cuando se ejecuta una vez con Invoke-OfiSync -All.
- FiscalYearStartMonth: de 1 a 12 (1 de forma predeterminada). Un ejercicio se nombra por el año natural en que empieza.
- Rule: Pyramid (el valor predeterminado: entre los clientes con ventas, ordenados por ventas de mayor a menor, los empates por clave de cliente, Top = los primeros ceil(1 % de N), Large hasta ceil(5 %), Medium hasta ceil(20 %), Small el resto) o Abc (A hasta el 80 % de las ventas acumuladas, B hasta el 95 %, C el resto).
- Thresholds y TierNames: otros porcentajes y nombres (un nombre más que umbrales), por ejemplo TierNames = 'Oro', 'Plata', 'Bronce', 'Resto'. InactiveTier: el nivel de un cliente sin ventas en el ejercicio pero con ventas anteriores (Inactive de forma predeterminada, por ejemplo 'Inactivo'); un cliente que nunca compró no recibe nivel.

La agregación y la clasificación se ejecutan dentro de la base de datos de origen. Las filas de la línea tienen las columnas customer_key, fiscal_year, sales_current, sales_previous, invoices, last_sale, tier_current y tier_previous, que -Map envía a columnas de destino; asigne el id del CRM con @{ FromLine = 'Clientes' }. La clave es customer_key de forma predeterminada: una fila de destino por cliente, reescrita con las cifras del ejercicio de cada ejecución. La demostración (examples/demo.ps1) indica -Key customer_key, fiscal_year, así que su clave de destino es cuenta_id, ejercicio (la clave primaria de la tabla de destino): las cifras de cada ejercicio van a una fila propia, y cuando empieza un ejercicio nuevo, la fila del ejercicio anterior se conserva tal como la dejó su última ejecución en lugar de sobrescribirse.

Un cliente sin registro en el CRM se indica como Skipped, con el motivo y lo que hay que hacer: la línea de clientes nunca lo ha escrito (es nuevo desde que se ejecutó esa línea, o lo deja fuera su origen o su filtro), su última escritura por esa línea falló, esa línea lo borró o lo marcó porque salió del ERP, o esa línea no registra id del CRM. Lo envía una ejecución posterior cuando su registro ya existe. Invoke-OfiSync -AsOf fija el día para el que se calculan las cifras.
'@
        Enabled         = @{ DefaultValue = 'True' }
        SkipCheck       = 'Guarda la línea sin conectarse a las bases de datos. La definición en sí se sigue comprobando; las tablas, columnas y tipos no. Sin conexión el mapa no se puede leer de las tablas, así que -SkipCheck necesita -Map. Ejecute Test-SyncLine más tarde.'
    }

    Inputs      = 'Objetos con propiedades llamadas como los parámetros (Name, Source, SourceTable, Target, TargetTable, Key, Filter, DeletePolicy y los demás que aceptan entrada por canalización).'

    Outputs     = 'La SyncLine que se guardó, con su mapa ya completado (clave de destino, mapa automático). No se escribe nada con -WhatIf ni cuando la línea no se guarda.'

    Examples    = @(
        @{
            Title   = 'Estadísticas de ventas y la pirámide de clientes'
            Remarks = 'Las ventas de cada cliente en lo que va del ejercicio actual y en el anterior, sus facturas, su última venta y su nivel de la pirámide actual y anterior van al registro del CRM que creó la línea Clientes (cuenta_id), que debe tener -TargetId. Con la clave por cliente y ejercicio, las cifras de cada ejercicio se quedan en una fila propia (cuenta_id, ejercicio). Ejecútela con Invoke-OfiSync después de Clientes; -AsOf repite exactamente un día pasado.'
        }
        @{
            Title   = 'Estadísticas de ventas desde una consulta: solo las facturas de la serie A'
            Remarks = 'La consulta se ejecuta dentro del ERP como tabla derivada, envuelta por la agregación: sirven una combinación, un WHERE o una vista, como con -SourceQuery.'
        }
        @{
            Title   = 'Los sectores, asignados por nombre'
            Remarks = 'El código de sector del ERP va a la columna codigo_origen del CRM, que pasa a ser la clave de destino: una nueva ejecución actualiza el sector cuyo codigo_origen coincide en lugar de añadir otro.'
        }
        @{
            Title   = 'Los clientes, con una búsqueda, una constante, un prefiltro y una política de borrado'
            Remarks = 'Solo se leen los clientes activos. El código de sector del ERP se traduce al id del sector del CRM que procede de él, así que la línea depende de la línea Sectores. Los clientes que desaparecen del ERP se marcan como Inactivo en el CRM en lugar de borrarse.'
        }
        @{
            Title   = 'Asignar las columnas que tienen los mismos nombres'
            Remarks = 'Sin -Map, New-SyncLine lee ambas tablas y asigna cada columna de origen a la columna de destino del mismo nombre.'
        }
        @{
            Title   = 'Leer solo los clientes modificados desde la última ejecución'
            Remarks = 'Después de su primera ejecución, cada ejecución lee solo los clientes cuya fecha_modif está en la marca de la línea menos diez minutos o después, y encuentra los clientes desaparecidos del ERP leyendo solo sus claves. Invoke-OfiSync -All vuelve a leer todos los clientes.'
        }
        @{
            Title   = 'Guardar una línea sin conectarse'
            Remarks = 'Útil cuando todavía no se llega a una base de datos desde esta máquina. Test-SyncLine -Name Clientes comprueba más tarde las tablas y columnas.'
        }
    )
}
