@{
    Synopsis    = 'Muestra el almacén de OfiSync: dónde está, la versión de su esquema, cuánto historial de ejecuciones conserva y cuánto contiene.'

    Description = @'
Get-SyncStore describe el almacén que usan los demás cmdlets (el predeterminado, OFISYNC_STORE o -Store): su Location (una ruta de archivo, o la base de datos con cualquier contraseña sustituida por ***), su Provider (Sqlite, PostgreSql, MariaDb o SqlServer) y su SchemaVersion, y la retención de su historial: HistoryDays y HistoryRuns, los límites a los que se depura el historial de ejecuciones de cada línea (0 significa para siempre en esa dimensión; Set-SyncStore los cambia).

También cuenta lo que contiene el almacén: Lines, Connections, Runs, HistoryRows (los resultados de fila de todas las ejecuciones, se guarden uno a uno o agrupados por lote), StateRows (el estado de sincronización: uno por cada fila de origen de cada línea) y el inicio de la OldestRun; y SizeBytes, el espacio que ocupa el almacén donde la base de datos lo da sin coste: las páginas del archivo SQLite (usadas y libres: un archivo SQLite no se reduce al borrar filas, sus páginas libres se reutilizan), las tablas de PostgreSQL con sus índices, la estimación de InnoDB en MariaDB, o las páginas usadas en SQL Server (vacío cuando la cuenta no puede leerlas).

Get-SyncStore solo lee el almacén.
'@

    Parameters  = @{}

    Inputs      = 'Ninguna.'

    Outputs     = 'Un OfiSync.Core.Store.StoreSummary, con Location, Provider, SchemaVersion, HistoryDays, HistoryRuns, Lines, Connections, Runs, HistoryRows, StateRows, SizeBytes y OldestRun (UTC). La vista predeterminada es una lista, con los límites 0 mostrados como para siempre y el tamaño en KB o MB.'

    Examples    = @(
        @{
            Title   = 'Ver cuánto ocupa el almacén y qué historial conserva'
            Remarks = 'Muestra el almacén predeterminado: dónde está, la versión de su esquema, HistoryDays y HistoryRuns, y sus cifras y su tamaño.'
        }
        @{
            Title   = 'Comparar el tamaño de dos almacenes'
            Remarks = 'Describe cada almacén por turno y muestra sus ejecuciones, filas de historial y tamaños uno junto a otro.'
        }
    )
}
