@{
    Synopsis    = 'Establece cuánto historial de ejecuciones conserva por línea el almacén de OfiSync.'

    Description = @'
Cada ejecución de una línea se registra en el almacén, con el resultado de cada fila que escribió. Sin límite ese historial crece sin fin, así que cada almacén conserva, por línea, las ejecuciones iniciadas en los últimos HistoryDays días y como mucho las HistoryRuns más recientes: una ejecución más antigua que esos días, o que supera ese número de ejecuciones más recientes de su línea, se depura con sus resultados de fila. Un almacén nuevo conserva 90 días y 100 ejecuciones. 0 conserva el historial para siempre en esa dimensión: -HistoryDays 0 -HistoryRuns 0 desactiva la depuración.

La depuración se hace después de cada ejecución de una línea, para esa línea, y cuesta una consulta cuando no hay nada pendiente. Nunca quita la ejecución más reciente de una línea, una ejecución todavía en curso ni el estado de sincronización (lo último que se escribió de cada fila de origen): la siguiente ejecución de una línea es la misma sea cual sea el historial que se conserve. Una depuración que falla es una advertencia; no afecta a la sincronización a la que sigue. Clear-SyncRun quita ya las ejecuciones más antiguas, según estos límites u otros.

Lo que se pierde con una ejecución depurada es su historial: Get-SyncRun ya no la lista, Get-SyncRunResult ya no tiene sus filas, y el motivo que se da para un cliente cuyo registro del CRM se borró o se marcó (cuando una línea de estadísticas de ventas no encuentra su id del CRM) deja de conocerse una vez depurada la ejecución que lo borró; el mensaje dice entonces que la fila todavía no está en el destino. Una línea horaria conserva unos cuatro días de historial con 100 ejecuciones; suba -HistoryRuns para esas líneas, o póngalo a 0 y deje que decida solo -HistoryDays.

Los valores se guardan en el almacén (en su tabla ofisync_meta, como history_days e history_runs), de modo que todas las máquinas que usan el almacén depuran igual.
'@

    Parameters  = @{
        HistoryDays = @{
            Description  = 'Conserva las ejecuciones iniciadas en los últimos este número de días (de 0 a 36500); las más antiguas se depuran. 0 conserva las ejecuciones sea cual sea su antigüedad.'
            DefaultValue = 'Sin cambios (un almacén nuevo conserva 90)'
        }
        HistoryRuns = @{
            Description  = 'Conserva como mucho este número de ejecuciones de cada línea, las más recientes; las más antiguas se depuran. 0 conserva todas las ejecuciones.'
            DefaultValue = 'Sin cambios (un almacén nuevo conserva 100)'
        }
        PassThru    = 'Escribe el resumen del almacén, como hace Get-SyncStore, después del cambio.'
    }

    Inputs      = 'Ninguna.'

    Outputs     = 'Ninguna, o con -PassThru un OfiSync.Core.Store.StoreSummary.'

    Examples    = @(
        @{
            Title   = 'Conservar un año de historial, sean cuantas sean las ejecuciones'
            Remarks = 'Cada línea conserva todas las ejecuciones de los últimos 365 días. La siguiente ejecución de cada línea depura lo más antiguo.'
        }
        @{
            Title   = 'Ver lo que cambiaría y después conservar como mucho 500 ejecuciones por línea'
            Remarks = 'El primer comando dice lo que establecería y no cambia nada; el segundo lo establece y muestra el almacén.'
        }
        @{
            Title   = 'Conservar todo el historial'
            Remarks = 'Desactiva la depuración: el almacén conserva todas las ejecuciones y sus filas, y crece con cada ejecución.'
        }
    )
}
