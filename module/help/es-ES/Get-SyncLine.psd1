@{
    Synopsis    = 'Obtiene las líneas de sincronización del almacén, en el orden en que se ejecutan.'

    Description = 'Get-SyncLine lista líneas de sincronización: primero las líneas de las que depende una línea, después por su orden y después por nombre, que es el orden en que se ejecutan. Cada línea muestra su origen y su destino, la clave, la política de borrado y el prefiltro; Format-List * muestra la definición completa, incluido el mapa de columnas. Sin -Name, lista todas las líneas.'

    Parameters  = @{
        Name   = 'Los nombres de las líneas que se obtienen. Se admiten caracteres comodín; el valor predeterminado, *, obtiene todas las líneas. Un nombre sin comodines que no coincide con ninguna línea escribe un error.'
        Filter = @'
Conserva solo las líneas que cumplen una condición, escrita con la sintaxis de Where-Object sobre las propiedades de los objetos de línea, como bloque de script o como cadena: por ejemplo { Enabled -eq $true } o { DeletePolicy -eq 'Flag' }. Los nombres son nombres de propiedad sin más (Name, Description, Enabled, Source, SourceTable, SourceQuery, Target, TargetTable, Key, TargetKey, TargetId, Filter, DeletePolicy, FlagColumn, FlagValue, Order, DependsOn, BatchSize, CommandTimeout, Created, Modified y las demás que muestra Format-List *), sin $_.

La condición no se ejecuta como PowerShell: la evalúa sobre cada línea el evaluador de filtros propio de OfiSync, el mismo que lee los prefiltros. Los operadores son -eq, -ne, -gt, -ge, -lt, -le, -like, -notlike, -in, -notin (y sus formas que distinguen mayúsculas -ceq, -clike, -cin...), -and, -or y -not; el texto se compara sin distinguir mayúsculas salvo que se use una forma que las distingue, y una $variable toma su valor del ámbito de quien llama. DeletePolicy se compara por su nombre (Ignore, Flag, Delete); las listas como Key y DependsOn se comparan como sus elementos unidos por ', ', así que { DependsOn -like '*Sectores*' } encuentra las líneas que dependen de Sectores. Un nombre que los objetos de línea no tienen, o un operador que el evaluador no conoce, termina el comando con un error que lista lo que se admite.

-Filter se aplica a las líneas que coinciden con -Name.
'@
    }

    Inputs      = 'Nombres de línea, u objetos con una propiedad Name.'

    Outputs     = 'Un SyncLine por cada línea encontrada, con su Id, Name, Description, Enabled, Source, SourceTable o SourceQuery, Target, TargetTable, Key, TargetKey, TargetId, Columns (el mapa), Filter, DeletePolicy, FlagColumn, FlagValue, Order, DependsOn, BatchSize, CommandTimeout, Created y Modified. La vista predeterminada muestra Order, Name, Enabled, Source, Target, Key, Delete y Filter.'

    Examples    = @(
        @{
            Title   = 'Listar todas las líneas en orden de ejecución'
            Remarks = 'Muestra las líneas del almacén predeterminado, en el orden en que se ejecutan.'
        }
        @{
            Title   = 'Mostrar la definición completa de una línea'
            Remarks = 'Muestra todas las propiedades de la línea Clientes; su propiedad Columns lista el mapa, una entrada "destino = origen" por columna.'
        }
        @{
            Title   = 'Listar las líneas habilitadas cuyo nombre empieza por C'
            Remarks = 'Conserva las líneas que coinciden con el patrón de nombre y cumplen la condición. Canalizar a Where-Object Enabled da las mismas líneas.'
        }
        @{
            Title   = 'Encontrar las líneas que marcan o borran las filas desaparecidas del origen'
            Remarks = 'Lista las líneas cuyas ejecuciones marcan o borran filas de destino, en el orden en que se ejecutan: las líneas que conviene revisar con Get-SyncPreview antes de una ejecución.'
        }
        @{
            Title   = 'Ver lo que haría una ejecución de las líneas que leen una conexión'
            Remarks = 'Selecciona las líneas habilitadas que leen la conexión erp y muestra lo que haría una ejecución de ellas.'
        }
    )
}
