@{
    Synopsis    = 'Obtiene el historial de ejecuciones del almacén: un registro por línea y ejecución, de la más reciente a la más antigua.'

    Description = @'
Cada vez que Invoke-OfiSync ejecuta una línea, el almacén registra la ejecución: su id, la sincronización a la que pertenece (SyncId: una llamada a Invoke-OfiSync, compartida por todas las líneas que ejecutó esa llamada), la línea, el modo, el estado, cuándo empezó y terminó, la máquina y el usuario que la ejecutaron, y las cifras de filas leídas, insertadas, actualizadas, borradas, marcadas, sin cambios, fallidas y omitidas. Get-SyncRun lista estos registros, primero los más recientes.

Sin parámetros lista todas las ejecuciones. -LastSync obtiene las ejecuciones de la sincronización más reciente (todas las líneas que ejecutó la última llamada a Invoke-OfiSync), -SyncId las de una sincronización dada. -Line conserva las ejecuciones de algunas líneas, -Since las ejecuciones iniciadas a partir de un momento, -Last las más recientes, y -Filter cualquier condición sobre las propiedades de los registros. -Id obtiene ejecuciones por su id. Para ver las filas de una ejecución, canalícela a Get-SyncRunResult: Get-SyncRun -LastSync | Get-SyncRunResult -Status Failed lista todas las filas que fallaron en la última sincronización, sea cual sea su línea.

El Mode de una ejecución es Incremental (una ejecución normal), All (Invoke-OfiSync -All) o Selected (filas canalizadas desde Get-SyncPreview). Su Status es Running (aún no ha terminado), Succeeded, CompletedWithErrors (fallaron algunas filas), Failed (la línea no pudo completarse; Message dice por qué, como el límite de seguridad de borrado) o Stopped (se alcanzó -MaxErrors, o se detuvo el comando).
'@

    Parameters  = @{
        Line        = @{
            Description  = @'
Los nombres de las líneas cuyas ejecuciones se obtienen. Se admiten caracteres comodín. Las ejecuciones de cada nombre o patrón salen por turno, primero las más recientes, y -Last se aplica a cada uno. Una ejecución pertenece a su línea, así que después de Set-SyncLine -NewName las ejecuciones anteriores también se listan con el nombre nuevo; las ejecuciones de una línea eliminada se encuentran por el nombre que tenía. Un nombre sin comodines que no coincide con ninguna línea ni ejecución escribe un error. Name es un alias. Las líneas canalizadas desde Get-SyncLine se enlazan con -InputObject y seleccionan sus ejecuciones de la misma forma.
'@
            DefaultValue = 'Todas las líneas'
        }
        Id          = @'
Los id de las ejecuciones que se obtienen, como el RunId de un resultado de fila o de un objeto de Invoke-OfiSync -Summary: Get-SyncRun -Id $summary.RunId. Un id que no está en el almacén escribe un error. Desde la canalización, la propiedad RunId de los resultados de ejecución, los resúmenes y las ejecuciones se enlaza aquí, así que Get-SyncRunResult ... | Get-SyncRun da la ejecución de esas filas.
'@
        InputObject = 'Líneas de sincronización de Get-SyncLine, por la canalización: las ejecuciones de cada línea, como con -Line (y -Last se aplica a cada una).'
        LastSync    = @'
Obtiene las ejecuciones de la sincronización más reciente: las ejecuciones que registró la última llamada a Invoke-OfiSync, una por cada línea que ejecutó, primero las más recientes. La sincronización más reciente es la de la ejecución más reciente del almacén, sea cual sea la máquina que la ejecutó. Una ejecución registrada por una versión de OfiSync sin id de sincronización es una sincronización en sí misma.
'@
        SyncId      = 'Obtiene las ejecuciones de las sincronizaciones con estos id (el SyncId de una ejecución, de un resultado de fila o de un objeto de Invoke-OfiSync -Summary). Un id que ninguna ejecución registra escribe un error.'
        Last        = @{
            Description  = 'Obtiene solo las ejecuciones más recientes: este número en total, o este número por cada nombre o patrón de -Line.'
            DefaultValue = 'Todas las ejecuciones'
        }
        Since       = @{
            Description  = @'
Obtiene solo las ejecuciones que empezaron en este momento o después, como (Get-Date).AddDays(-7). Una fecha escrita sin zona horaria, como [datetime]'2024-06-01', se toma como hora local; el almacén guarda las horas en UTC. El texto se lee como lo lee [datetime]'...', sea cual sea la referencia cultural: el año primero, como '2024-06-01' o '2024-06-01 18:00'.
'@
            DefaultValue = 'Ninguno'
        }
        Filter      = @'
Conserva solo las ejecuciones que cumplen una condición, escrita con la sintaxis de Where-Object sobre las propiedades de los registros de ejecución, como bloque de script o como cadena: por ejemplo { Failed -gt 0 } o { Status -ne 'Succeeded' -and Mode -eq 'Incremental' }. Los nombres son nombres de propiedad sin más (RunId, SyncId, Line, Mode, Status, Started, Ended, Read, Inserted, Updated, Deleted, Flagged, Unchanged, Failed, Skipped, Message, Host, User), sin $_; Duration no se puede comparar, use Started y Ended. El filtro lo evalúa el evaluador de filtros propio de OfiSync, no se ejecuta como PowerShell: los operadores son -eq, -ne, -gt, -ge, -lt, -le, -like, -notlike, -in, -notin (y sus formas que distinguen mayúsculas -ceq, -clike, -cin...), -and, -or y -not, y una $variable toma su valor del ámbito de quien llama. Un nombre que los registros no tienen termina el comando con un error que lista los nombres que hay.
'@
    }

    Inputs      = 'Líneas de sincronización de Get-SyncLine, que se enlazan con -InputObject: las ejecuciones de esas líneas. Los objetos con una propiedad RunId o Id (un número), como los resultados de fila, los resúmenes y las ejecuciones, se enlazan con -Id: la ejecución a la que pertenece cada uno.'

    Outputs     = 'Un OfiSync.Core.Engine.SyncRun por ejecución (el mismo tipo que escribe Invoke-OfiSync -Summary), con RunId, SyncId, Line, Mode, Status, Started y Ended (en UTC), Duration, Read, Inserted, Updated, Deleted, Flagged, Unchanged, Failed, Skipped, Message, Host y User. La vista predeterminada muestra RunId, Line, Mode, Status, Started (en hora local), Duration, Inserted, Updated, Deleted, Flagged y Failed.'

    Examples    = @(
        @{
            Title   = 'Listar las últimas ejecuciones'
            Remarks = 'Muestra las diez ejecuciones más recientes de cualquier línea, primero la más reciente.'
        }
        @{
            Title   = 'Listar las ejecuciones de la última semana que no terminaron bien'
            Remarks = 'Conserva las ejecuciones que fallaron, se detuvieron o tuvieron filas fallidas. Message explica por qué falló o se detuvo una ejecución.'
        }
        @{
            Title   = 'La última ejecución de cada línea de clientes'
            Remarks = 'Muestra todas las propiedades de la ejecución más reciente cuyo nombre de línea empieza por Cli, incluidos la máquina y el usuario que la ejecutaron y las cifras de filas leídas y sin cambios.'
        }
        @{
            Title   = 'Lo que hizo la última sincronización, y sus filas fallidas'
            Remarks = 'El primer comando lista una ejecución por cada línea que ejecutó la última llamada a Invoke-OfiSync. El segundo se las pasa a Get-SyncRunResult, que toma cada RunId de la canalización y escribe en un archivo CSV las filas que fallaron en cualquiera de ellas, con la línea, la clave y el error de cada una. Get-SyncRunResult -LastSync -Status Failed hace lo mismo en un solo comando.'
        }
        @{
            Title   = 'Ejecuciones de las líneas habilitadas'
            Remarks = 'Cada línea se enlaza con -InputObject, así que esto lista las tres ejecuciones más recientes de cada línea habilitada.'
        }
    )
}
