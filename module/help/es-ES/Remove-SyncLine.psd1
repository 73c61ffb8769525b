@{
    Synopsis    = 'Quita del almacén líneas de sincronización y su estado de sincronización; su historial de ejecuciones se conserva.'

    Description = @'
Remove-SyncLine borra del almacén líneas de sincronización, con su estado de sincronización (el hash guardado de cada fila de origen). Su historial de ejecuciones se conserva. No se borra nada de las bases de datos de origen ni de destino.

Una línea de la que dependen otras líneas no se quita, y el error nombra esas líneas. -Force la quita de todos modos y la retira de su DependsOn, con una advertencia por cada una.

Quitar una línea pide confirmación, porque una línea que se vuelve a definir más tarde empieza sin estado de sincronización y envía de nuevo todas las filas. -Force, o -Confirm:$false, quita sin preguntar.
'@

    Parameters  = @{
        Name  = 'Los nombres de las líneas que se quitan. Se admiten caracteres comodín. Un nombre sin comodines que no coincide con ninguna línea escribe un error.'
        Force = 'Quita sin pedir confirmación, y quita las líneas de las que dependen otras, retirándolas del DependsOn de esas líneas.'
    }

    Inputs      = 'Nombres de línea, u objetos con una propiedad Name, como la salida de Get-SyncLine.'

    Outputs     = 'Ninguna.'

    Examples    = @(
        @{
            Title   = 'Quitar una línea, después de confirmar'
            Remarks = 'Pide confirmación y después quita la línea Vendedores y su estado de sincronización.'
        }
        @{
            Title   = 'Quitar sin preguntar una línea de la que dependen otras'
            Remarks = 'Quita Sectores, y avisa por cada línea, como Clientes, que ya no depende de ella.'
        }
        @{
            Title   = 'Ver lo que quitaría un patrón'
            Remarks = 'Lista las líneas que se quitarían, y no quita nada.'
        }
    )
}
