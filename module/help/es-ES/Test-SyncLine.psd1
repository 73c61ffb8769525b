@{
    Synopsis    = 'Comprueba las líneas de sincronización contra sus bases de datos: tablas, columnas, columnas de la clave y tipos.'

    Description = @'
Test-SyncLine se conecta al origen y al destino de cada línea y comprueba que sus tablas y columnas existen, que sus columnas de la clave están, que cada tabla y columna de búsqueda existe y que el tipo de cada columna de origen se puede escribir en su columna de destino. También comprueba la definición en sí: conexiones, clave, mapa, política de borrado, tamaño de lote y dependencias.

Escribe un LineProblem por cada problema, con la línea, el lado (Line, Source o Target), la columna, la gravedad y un mensaje que dice qué hacer; nada cuando una línea está bien. Un Error impide ejecutar la línea; un Warning significa que la línea se ejecuta pero algunas filas pueden fallar: una columna de origen que admite NULL asignada a una columna de destino NOT NULL (NullIntoNotNull; salvo las columnas de la clave), texto declarado más largo que su columna de destino de PostgreSQL o SQL Server (MayTruncate; una columna de texto de origen declarada sin longitud no se compara), decimales en una columna entera (MayLosePrecision) o texto convertido en otro tipo (TypeMismatch). Una conexión que no se puede abrir se indica como un problema de la línea, no como un error del comando.

Con -Quiet, escribe en su lugar $true o $false por línea: $true cuando la línea no tiene errores (las advertencias no cuentan).
'@

    Parameters  = @{
        Name  = 'Los nombres de las líneas que se comprueban. Se admiten caracteres comodín; el valor predeterminado, *, comprueba todas las líneas. Un nombre sin comodines que no coincide con ninguna línea escribe un error.'
        Quiet = 'Escribe $true por cada línea sin errores y $false por cada línea con errores, en lugar de los problemas.'
    }

    Inputs      = 'Nombres de línea, u objetos con una propiedad Name, como la salida de Get-SyncLine.'

    Outputs     = 'Objetos LineProblem (Line, Side, Column, Severity, Problem y Code, un identificador estable como ColumnNotFound o TypeMismatch para los scripts); con -Quiet, un Boolean por línea.'

    Examples    = @(
        @{
            Title   = 'Comprobar todas las líneas'
            Remarks = 'Se conecta a las bases de datos de todas las líneas y lista los problemas encontrados, uno por fila; si no hay salida, todas las líneas están bien.'
        }
        @{
            Title   = 'Detener un script programado cuando una línea está rota'
            Remarks = 'Termina el script con el código de salida 1, después de mostrar los problemas, cuando la línea Clientes tiene errores, por ejemplo después de cambiar el nombre de una columna en el ERP.'
        }
        @{
            Title   = 'Comprobar las líneas cuyas conexiones piden una contraseña'
            Remarks = 'La credencial se usa para las conexiones creadas con New-SyncConnection -PromptForCredential.'
        }
        @{
            Title   = 'Solo los errores, por código'
            Remarks = 'Agrupa los errores de todas las líneas por su código, como ColumnNotFound.'
        }
    )
}
