@{
    Synopsis    = 'Quita del almacén las conexiones que ninguna línea de sincronización usa.'

    Description = 'Remove-SyncConnection borra conexiones guardadas por su nombre. Una conexión que una línea de sincronización usa como origen o destino no se quita: el error nombra las líneas, para que pueda cambiarlas o quitarlas antes. No se toca nada en las propias bases de datos, y no se quita ningún secreto de las variables de entorno ni de los almacenes de SecretManagement.'

    Parameters  = @{
        Name = 'Los nombres de las conexiones que se quitan. Se admiten caracteres comodín. Un nombre sin comodines que no coincide con ninguna conexión escribe un error.'
    }

    Inputs      = 'Nombres de conexión, u objetos con una propiedad Name, como la salida de Get-SyncConnection.'

    Outputs     = 'Ninguna.'

    Examples    = @(
        @{
            Title   = 'Quitar una conexión'
            Remarks = 'Quita la conexión old-erp, salvo que todavía la use una línea de sincronización.'
        }
        @{
            Title   = 'Ver lo que quitaría un patrón'
            Remarks = 'Lista las conexiones cuyo nombre empieza por test- que se quitarían, y no quita nada.'
        }
    )
}
