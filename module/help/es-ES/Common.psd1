# Texto en español de los parámetros que comparten varios cmdlets de OfiSync (véase ../Common.psd1), y el texto que
# tools/Build-Help.ps1 escribe por su cuenta. El texto propio de un cmdlet en su fuente prevalece sobre este archivo.
@{
    Strings    = @{
        Example         = 'Ejemplo'
        NoPipelineInput = 'No se pueden canalizar objetos a este cmdlet.'
        BindsTo         = 'Se enlaza con -{0} {1}.'
        ByValue         = 'por valor'
        ByPropertyName  = 'por nombre de propiedad ({0})'
        And             = ' y '
        OnlineVersion   = 'Versión en línea:'
        NoDefault       = 'Ninguno'
    }

    Parameters = @{
        Store          = @'
El almacén de estado (en adelante, el almacén) que se usa en lugar del predeterminado: la ruta de un archivo SQLite, o una base de datos PostgreSQL o SQL Server escrita como 'PostgreSql:<cadena de conexión>' o 'SqlServer:<cadena de conexión>'. Una ruta relativa se toma respecto a la ubicación actual de PowerShell.

Solo New-SyncConnection e Import-SyncLine crean un almacén que todavía no existe (un archivo SQLite que solo puede leer su propietario, con sus carpetas, o las tablas en la base de datos). Los demás cmdlets necesitan que el almacén exista: una ruta mal escrita es un error que la nombra, y no se crea nada. Los cmdlets que solo leen (Get-*, Test-*, Export-SyncLine, Invoke-SyncQuery) solo necesitan permiso de lectura sobre el almacén y nunca lo modifican.

Sin -Store, la variable de entorno OFISYNC_STORE elige el almacén cuando está definida, con las mismas formas; si no, el almacén es store.db en la carpeta OfiSync de la carpeta de datos locales del usuario (~/.local/share/OfiSync en Linux, %LOCALAPPDATA%\OfiSync en Windows). La contraseña de un almacén en servidor puede venir de la variable de entorno OFISYNC_STORE_PASSWORD. Véase about_OfiSync.
'@
        WhatIf         = 'Muestra lo que ocurriría si se ejecutara el cmdlet. El cmdlet no se ejecuta.'
        Confirm        = 'Le pide confirmación antes de ejecutar el cmdlet.'

        Credential     = @'
El nombre de usuario y la contraseña de las conexiones creadas con New-SyncConnection -PromptForCredential, con los que se conecta al origen y al destino de la línea. Las conexiones que toman su contraseña de una variable de entorno o de un secreto de SecretManagement la leen ellas mismas y no tienen en cuenta -Credential.
'@
        Description    = 'Un texto libre sobre la línea de sincronización, guardado en el almacén.'
        Enabled        = @'
Si la línea participa cuando se ejecutan las líneas. -Enabled:$false conserva la línea pero la deja fuera; -Enabled la vuelve a activar. Las líneas nuevas están habilitadas.
'@
        SourceQuery    = @'
Una instrucción SELECT, en el SQL de la base de datos de origen, cuyas filas son el origen, en lugar de -SourceTable: por ejemplo, para combinar dos tablas. El prefiltro (-Filter) se aplica a sus filas.
'@
        TargetKey      = @'
Las columnas de destino que contienen la clave, una por cada columna de -Key y en el mismo orden. De forma predeterminada, las columnas de destino a las que se asignan las columnas de la clave, o columnas con los mismos nombres. La clave de destino localiza la fila que se actualiza, de modo que una nueva ejecución nunca añade una segunda fila para la misma fila de origen.
'@
        TargetId       = @'
Una columna de destino, como la columna de identidad del CRM, cuyo valor se lee después de escribir una fila y se guarda en el estado de sincronización.
'@
        Map            = @'
Cómo obtiene su valor cada columna de destino: una tabla hash cuyas claves son columnas de destino. Cada valor es uno de estos:

- el nombre de una columna de origen, como 'razon_social';
- una constante, la misma en todas las filas: @{ Constant = 'Cliente' };
- una búsqueda que traduce un valor de origen mediante una tabla del destino: @{ Lookup = 'sector'; Match = 'codigo_origen'; Value = 'id'; From = 'sector_codigo' } escribe el id de la fila de sector cuyo codigo_origen es igual al sector_codigo del origen. Un valor que la búsqueda no encuentra hace fallar la fila, y el error nombra el valor; añada OnMissing = 'Null' para escribir NULL en su lugar;
- el id del CRM que otra línea registró para un valor: @{ FromLine = 'Clientes'; From = 'customer_key' } (From es customer_key si no se indica), que usan las líneas de estadísticas de ventas para llegar al registro de cada cliente en el CRM.

Una columna de la clave que el mapa omite se añade a él, en su columna de clave de destino. Con New-SyncLine, sin -Map cada columna de origen se asigna a la columna de destino del mismo nombre (sin distinguir mayúsculas), leídas de ambas tablas. Con Set-SyncLine, -Map sustituye el mapa completo.
'@
        Filter         = @'
El prefiltro: qué filas de origen participan, como una condición con la sintaxis de Where-Object sobre las columnas de origen, dada como bloque de script o como cadena, por ejemplo { activo -eq 1 -and provincia -eq 'Madrid' }. Puede nombrar las columnas de destino de la línea (sus valores asignados) o las demás columnas del origen; un nombre mal escrito se rechaza indicando el nombre más parecido y las dos listas. Una $variable, y una variable de entorno escrita $env:NOMBRE, se lee al dar el filtro y se guarda como su valor: la línea no cambia cuando cambia la variable, y una variable o variable de entorno no definida se rechaza. Los operadores son los de Where-Object: -eq, -ne, -gt, -ge, -lt, -le, -like, -notlike, -in, -notin, que no distinguen mayúsculas, sus formas que sí las distinguen -ceq, -cne, -cgt, -cge, -clt, -cle, -clike, -cnotlike, -cin, -cnotin, y -and, -or, -not. Se guarda como texto en la línea y se ejecuta dentro de la base de datos de origen cuando se ejecuta la línea, de modo que solo se leen las filas deseadas. $null o una cadena vacía quitan el prefiltro. Véase FILTROS en about_OfiSync.
'@
        ChangeColumn   = @'
Una columna de origen que avanza cada vez que cambia una fila: una fecha de modificación (fecha_modif) o un número creciente (una versión de fila). Las ejecuciones incrementales leen entonces solo las filas cuyo valor está en la marca de agua de la línea, menos -ChangeOverlap, o después, las filas sin valor y las filas cuya última escritura falló (por clave); el hash de la fila sigue decidiendo qué se escribe, así que una fila leída de nuevo no cuesta nada en el destino. La marca es el valor más alto que leyeron los lotes confirmados de la ejecución, guardado en el almacén: una ejecución detenida o interrumpida nunca se salta una fila. Las filas que han desaparecido del origen se encuentran con una lectura solo de las claves cuando -DeletePolicy las necesita. La primera ejecución, una ejecución con -All, una ejecución después de cambiar la línea y una ejecución en la que la columna retrocedió (una copia de seguridad restaurada) leen todas las filas y toman una marca nueva; una ejecución con -Filter, o de filas elegidas de una vista previa, lee como siempre y no toca la marca. Lo que una columna de cambios no ve (una tabla de búsqueda o ids de otra línea que cambiaron) lo envía una ejecución con -All, por ejemplo semanal. Una cadena vacía quita la columna de cambios.
'@
        ChangeOverlap  = @'
Cuánto antes de su marca de agua se vuelve a leer una columna de cambios de tipo fecha, por las transacciones que se confirman después de que una ejecución las haya superado y por los relojes que difieren: 5 minutos si no se indica. No se usa con una columna de cambios entera, que se lee desde su marca.
'@
        DeletePolicy   = @'
Qué ocurre en el destino con una fila que ha desaparecido del origen: Ignore deja la fila de destino como está (el valor predeterminado); Flag asigna -FlagValue a -FlagColumn en la fila de destino, por ejemplo estado = 'Inactivo'; Delete borra la fila de destino.
'@
        FlagColumn     = 'La columna de destino que la política de borrado Flag marca en las filas que han desaparecido del origen, como estado.'
        FlagValue      = 'El valor que la política de borrado Flag escribe en -FlagColumn: una cadena, un número, un booleano, una fecha o $null.'
        Order          = @'
El lugar de la línea cuando se ejecutan y se listan las líneas: primero los números más bajos, después por nombre. Las dependencias van primero sea cual sea su orden: una línea siempre se ejecuta después de las líneas de las que depende.
'@
        DependsOn      = @'
Los nombres de las líneas que deben ejecutarse antes que esta, como la línea de sectores antes de la línea de clientes cuya búsqueda necesita los sectores. Las líneas deben existir; una línea no puede depender de sí misma, y varias líneas no pueden depender unas de otras en un ciclo.
'@
        BatchSize      = 'Cuántas filas se escriben en el destino por lote, de 1 a 100000.'
        CommandTimeout = @'
Cuántos segundos puede tardar cada comando de base de datos de la línea; 0 significa sin límite. Las instrucciones de SQLite nunca agotan el tiempo: a un destino SQLite que otro programa tiene bloqueado se le espera en intentos cortos, como describe Invoke-OfiSync.
'@
        SkipCheck      = @'
Guarda la línea sin conectarse a las bases de datos. La definición en sí se sigue comprobando (las conexiones y las líneas de las que depende existen, la clave y el mapa están completos); las tablas, columnas y tipos no. Ejecute Test-SyncLine más tarde.
'@
    }
}
