@{
    Synopsis    = 'Quita ya del almacén las ejecuciones más antiguas y sus resultados de fila.'

    Description = @'
Clear-SyncRun quita ejecuciones de las líneas de sincronización del historial del almacén, con los resultados de fila que registraron, sin esperar a la depuración que sigue a cada ejecución. Quita:

- con -Before, las ejecuciones iniciadas antes de ese momento;
- con -KeepLast, las ejecuciones que superan las más recientes de ese número de cada línea;
- con ambos, las ejecuciones que son a la vez anteriores a -Before y posteriores a las -KeepLast más recientes (así se quedan al menos -KeepLast ejecuciones de cada línea);
- sin ninguno, lo que depura la retención del almacén (Get-SyncStore la muestra; Set-SyncStore la cambia): las ejecuciones más antiguas que HistoryDays o que superan las HistoryRuns más recientes.

La ejecución más reciente de cada línea, una ejecución todavía en curso y el estado de sincronización (lo último que se escribió de cada fila de origen) nunca se quitan: la siguiente ejecución de una línea es la misma después de Clear-SyncRun. No se cambia nada en las bases de datos de origen ni de destino.

-Line lo limita a algunas líneas (por nombre o con comodines, o líneas canalizadas desde Get-SyncLine); sin él se consideran las ejecuciones de todas las líneas, también las de líneas quitadas, y Clear-SyncRun pregunta una vez más antes de quitar nada (-Force, o -Confirm:$false, no pregunta). -WhatIf indica por cada línea cuántas ejecuciones (y filas de historial) se irían, desde cuándo hasta cuándo, y no quita nada.

Un archivo de almacén SQLite no se reduce al quitar filas: las siguientes ejecuciones reutilizan sus páginas libres.
'@

    Parameters  = @{
        Line     = @{
            Description  = 'Los nombres de las líneas cuyas ejecuciones se quitan. Se admiten caracteres comodín. Un nombre sin comodines que no coincide con ninguna línea escribe un error, y los demás nombres se tratan igualmente. Las líneas canalizadas desde Get-SyncLine se enlazan por su Name. Name es un alias.'
            DefaultValue = 'Todas las líneas con ejecuciones'
        }
        Before   = @{
            Description  = @'
Quita las ejecuciones iniciadas antes de este momento, como (Get-Date).AddDays(-30). Una fecha sin zona horaria es hora local. El texto se lee como lo lee [datetime]'...', sea cual sea la referencia cultural: el año primero, como '2024-06-01'.
'@
            DefaultValue = 'Ninguno'
        }
        KeepLast = @{
            Description  = 'Conserva las ejecuciones más recientes de cada línea, este número (1 o más), y quita las más antiguas (con -Before, solo las iniciadas antes de esa fecha).'
            DefaultValue = 'Ninguno'
        }
        Force    = 'Quita las ejecuciones de todas las líneas sin la pregunta adicional que se hace cuando no se indica -Line.'
        PassThru = 'Escribe un objeto por cada línea cuyas ejecuciones se quitaron, con la línea, el número de ejecuciones y de filas de historial quitadas, y el inicio de la más antigua y de la más reciente de ellas.'
    }

    Inputs      = 'Nombres de línea, u objetos con una propiedad Name, como la salida de Get-SyncLine.'

    Outputs     = 'Ninguna, o con -PassThru un OfiSync.Core.Store.RunRemoval por línea: Line, LineId, Runs, HistoryRows, OldestStarted y NewestStarted (UTC).'

    Examples    = @(
        @{
            Title   = 'Ver lo que se iría y después quitar las ejecuciones de más de 30 días'
            Remarks = 'El primer comando lista, por línea, cuántas ejecuciones y filas de historial se quitarían; el segundo las quita sin preguntar y lista lo que se fue.'
        }
        @{
            Title   = 'Conservar las 10 últimas ejecuciones de las líneas de clientes'
            Remarks = 'Cada línea de Get-SyncLine se enlaza por su Name; se quitan las ejecuciones de cada una que superan sus 10 más recientes.'
        }
        @{
            Title   = 'Aplicar ya la retención del almacén'
            Remarks = 'Quita, en todas las líneas, las ejecuciones que la retención del almacén depuraría después de su siguiente ejecución.'
        }
    )
}
