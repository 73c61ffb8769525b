@{
    Synopsis    = 'Cambia líneas de sincronización; lo que no indique se queda como estaba.'

    Description = @'
Set-SyncLine cambia una o varias líneas de sincronización del almacén. Solo cambian los parámetros que indique; todo lo demás se queda como estaba. -Map sustituye el mapa completo. -Key sustituye la clave y, salvo que también se indique -TargetKey, la clave de destino se vuelve a calcular. -SourceTable sustituye una consulta de origen, y -SourceQuery una tabla de origen.

Una línea a la que se cambia el nombre (-NewName) conserva su identidad, así que su estado de sincronización y su historial de ejecuciones la siguen. Cada línea cambiada se comprueba como New-SyncLine comprueba una nueva, conectándose a ambas bases de datos salvo que se indique -SkipCheck; una línea con errores no se cambia, y un único error lista sus problemas.
'@

    Parameters  = @{
        Name           = 'Los nombres de las líneas que se cambian. Se admiten caracteres comodín. Un nombre o patrón que no coincide con ninguna línea escribe un error. Se puede canalizar la salida de Get-SyncLine.'
        NewName        = 'Un nombre nuevo para la línea. Solo se puede cambiar el nombre de una línea cada vez. La línea conserva su estado de sincronización y su historial.'
        Source         = 'El nombre de otra conexión guardada de la que se leen las filas.'
        SourceTable    = 'Otra tabla de origen, opcionalmente con su esquema (esquema.tabla). Sustituye una consulta de origen.'
        Target         = 'El nombre de otra conexión guardada en la que se escriben las filas.'
        TargetTable    = 'Otra tabla de destino, opcionalmente con su esquema.'
        Key            = 'Otras columnas de clave de origen. Salvo que también se indique -TargetKey, la clave de destino se vuelve a calcular a partir del mapa.'
        PassThru       = 'Escribe en la canalización cada línea cambiada. De forma predeterminada Set-SyncLine no escribe nada.'
        Enabled        = @{ DefaultValue = 'Sin cambios' }
        DeletePolicy   = @{ DefaultValue = 'Sin cambios' }
        Order          = @{ DefaultValue = 'Sin cambios' }
        BatchSize      = @{ DefaultValue = 'Sin cambios' }
        CommandTimeout = @{ DefaultValue = 'Sin cambios' }
    }

    Inputs      = 'Nombres de línea, u objetos SyncLine de Get-SyncLine. Una línea canalizada también enlaza sus demás propiedades que tienen parámetros del mismo nombre (como Filter y DeletePolicy) con sus valores actuales, de modo que solo cambia lo que indique en la línea de comandos.'

    Outputs     = 'Con -PassThru, cada SyncLine cambiada. En otro caso, nada.'

    Examples    = @(
        @{
            Title   = 'Cambiar el prefiltro de una línea'
            Remarks = 'A partir de la siguiente ejecución, solo se leen del ERP los clientes españoles activos.'
        }
        @{
            Title   = 'Cambiar el nombre de una línea'
            Remarks = 'La línea conserva su estado de sincronización, así que la siguiente ejecución sigue enviando solo lo que cambió. -PassThru muestra la línea cambiada.'
        }
        @{
            Title   = 'Deshabilitar varias líneas'
            Remarks = 'Deja fuera de las ejecuciones las líneas cuyo nombre empieza por Test, sin conectarse a sus bases de datos.'
        }
        @{
            Title   = 'Ver lo que cambiaría'
            Remarks = 'Comprueba el cambio y muestra qué línea se cambiaría y en qué almacén, sin guardarlo.'
        }
    )
}
