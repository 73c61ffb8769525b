@{
    Synopsis    = 'Ejecuta su propio SQL contra una conexión guardada o una cadena de conexión, y escribe las filas como objetos.'

    Description = @'
Invoke-SyncQuery ejecuta una instrucción SQL, en el dialecto propio de la base de datos, contra una conexión guardada (véase New-SyncConnection) o un proveedor y una cadena de conexión, y escribe cada fila que devuelve como un objeto cuyas propiedades son las columnas. Úselo para consultar el ERP o el CRM mientras diseña las líneas de sincronización: qué tablas y columnas hay, qué aspecto tienen los valores, cuántas filas conserva un filtro.

Los valores entran como parámetros, nunca pegados en el texto SQL: escriba @nombre en la consulta y dé su valor en -Parameters. Los valores NULL de la base de datos salen como $null. Cuando una combinación devuelve dos columnas con el mismo nombre, la segunda recibe su posición como sufijo, como codigo_5. Una instrucción que devuelve varios conjuntos de resultados escribe las filas de cada uno por turno.

La instrucción se ejecuta tal como está escrita, incluidas las instrucciones que cambian datos (INSERT, UPDATE, DELETE, CREATE): use -WhatIf para ver contra qué conexión se ejecutaría una consulta, y un inicio de sesión con permisos de solo lectura cuando solo quiera leer. La contraseña de la conexión nunca aparece en la salida ni en los errores.
'@

    Parameters  = @{
        Connection       = 'El nombre de la conexión guardada contra la que se ejecuta la consulta. Su contraseña viene del origen de credencial de la conexión, o de -Credential en una conexión creada con -PromptForCredential. Name es un alias, así que se puede canalizar la salida de Get-SyncConnection.'
        Provider         = 'El tipo de base de datos de una cadena de conexión dada directamente: Sqlite, PostgreSql o SqlServer.'
        ConnectionString = @'
Una cadena de conexión que se usa directamente, sin conexión guardada, con la sintaxis del controlador del proveedor, como 'Data Source=/srv/erp/erp.db;Mode=ReadOnly' para SQLite. Un archivo SQLite que no existe es un error que lo nombra, salvo que la cadena de conexión diga Mode=ReadWriteCreate: así se crea a propósito una base de datos nueva.
'@
        Query            = 'El SQL que se ejecuta, en el dialecto de la base de datos (SQLite, PostgreSQL o T-SQL). Escriba @nombre donde va un valor y dé el valor en -Parameters. Las consultas también se pueden canalizar, una tras otra.'
        Parameters       = @'
Los valores de los @nombres de la consulta: una tabla hash como @{ provincia = 'Madrid'; desde = [datetime]'2024-01-01' }. Las claves se pueden escribir con o sin @. $null se convierte en un NULL de la base de datos.
'@
        CommandTimeout   = 'Cuántos segundos puede tardar la consulta antes de cancelarse; 0 significa sin límite.'
        Credential       = 'El nombre de usuario y la contraseña de una conexión guardada creada con New-SyncConnection -PromptForCredential.'
    }

    Inputs      = 'Texto de consulta; u objetos con una propiedad Connection o Name (como la salida de Get-SyncConnection), que se enlaza con -Connection.'

    Outputs     = 'Un PSObject por cada fila devuelta, con una propiedad por columna, con el nombre de la columna. Nada en las instrucciones que no devuelven filas.'

    Examples    = @(
        @{
            Title   = 'Consultar algunos clientes del ERP'
            Remarks = 'Ejecuta la consulta contra la conexión guardada erp (una base de datos SQLite o PostgreSQL: en T-SQL se usaría TOP 10 en lugar de LIMIT) y muestra las filas como una tabla.'
        }
        @{
            Title   = 'Contar las filas que conserva un filtro, con un parámetro'
            Remarks = 'Las dos primeras posiciones son -Connection y -Query. El valor Madrid viaja como parámetro, así que las comillas o los acentos que contenga no pueden romper el SQL.'
        }
        @{
            Title   = 'Listar las columnas de una tabla de SQL Server'
            Remarks = 'Muestra las columnas de la tabla cuenta del CRM con sus tipos y longitudes, para escribir el -Map de una línea de sincronización.'
        }
        @{
            Title   = 'Consultar un archivo SQLite sin guardar una conexión'
            Remarks = 'Lista las tablas del archivo SQLite, abierto en solo lectura para que no cambie. Una ruta mal escrita es un error que nombra el archivo.'
        }
        @{
            Title   = 'Crear a propósito una base de datos SQLite nueva'
            Remarks = 'Mode=ReadWriteCreate pide que se cree el archivo cuando no existe; sin él, OfiSync nunca crea una base de datos, así que una ruta mal escrita no puede dejar atrás una base de datos vacía.'
        }
    )
}
