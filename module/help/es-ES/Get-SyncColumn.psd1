@{
    Synopsis    = 'Obtiene las columnas de origen de las líneas de sincronización tal como las ve su prefiltro y, con -Profile, qué valores contienen: la ayuda para escribir filtros.'

    Description = @'
Un prefiltro nombra las columnas de la línea y las compara con valores, así que escribir uno empieza por conocer ambas cosas. Get-SyncColumn lista, para cada línea, sus columnas de origen tal como las ve el filtro: el nombre en el origen, la columna de destino en la que la escribe el mapa (un filtro puede usar cualquiera de los dos nombres), el tipo que declara la base de datos, cómo la compara el filtro (FilterType: Text, Integer, Decimal, Double, Boolean, DateTime) y si puede ser NULL.

Con -Profile cuenta además, dentro de la base de datos de origen y bajo el prefiltro de la línea (y -Filter, cuando se indica), lo que contiene cada columna: las filas, los NULL, los valores distintos, el valor menor y mayor de números y fechas, y los valores más frecuentes con cuántas filas tiene cada uno, como "52 distinct, Madrid (412), Barcelona (380)...". A partir de ahí, -Filter { provincia -in 'Madrid', 'Barcelona' } está a una copia de distancia. Las cifras salen de dos consultas para todo el conjunto de columnas, nunca una por valor, y solo vuelven las cifras: la tabla no se lee en memoria. El texto se distingue exactamente, mayúsculas y espacios finales incluidos, sea cual sea la intercalación de la columna.

En una tabla grande, el perfil cuenta como mucho -RowLimit filas (100.000 de forma predeterminada), las primeras que conserva el filtro, y lo indica con una advertencia; -RowLimit 0 cuenta todas las filas. Una parte del filtro que la base de datos de origen no puede evaluar (el valor de una búsqueda) queda fuera de las cifras, con una advertencia que la nombra. El CommandTimeout de la línea limita cada consulta.
'@

    Parameters  = @{
        Line     = 'Los nombres de las líneas cuyas columnas se obtienen; se admiten caracteres comodín. Los objetos con una propiedad Line o Name, como las líneas de Get-SyncLine, se enlazan aquí desde la canalización.'
        Column   = @{
            Description  = 'Obtiene solo estas columnas, por su nombre en el origen o por la columna de destino a la que se asignan; se admiten caracteres comodín. Un nombre sin comodines que ninguna columna tiene escribe un error.'
            DefaultValue = 'Todas las columnas'
        }
        Profile  = 'Cuenta lo que contiene cada columna bajo el prefiltro, dentro de la base de datos de origen: Rows, Nulls, Distinct, Min y Max (números y fechas), y Top, los valores más frecuentes con sus cifras. Sin él, solo se listan las columnas y no se cuenta nada.'
        Top      = @{
            Description  = 'Cuántos de los valores más frecuentes da -Profile por columna, de 0 a 1000.'
            DefaultValue = '5'
        }
        RowLimit = @{
            Description  = 'El máximo de filas que cuenta -Profile: las primeras filas que conserva el filtro, para que una tabla grande responda rápido. Cuando la cuenta llega al límite, la salida indica Limited (el origen puede tener más) y una advertencia explica cómo contarlas todas. 0 cuenta todas las filas.'
            DefaultValue = '100000'
        }
        Filter   = @'
Una condición con la sintaxis de Where-Object que se añade al prefiltro de la línea con -and solo para este perfil, como { activo -eq 1 }, para ver lo que conservaría un filtro antes de guardarlo con Set-SyncLine -Filter. La misma sintaxis y los mismos operadores que el prefiltro; véase FILTROS en about_OfiSync.
'@
    }

    Inputs      = 'Nombres de línea, u objetos con una propiedad Line o Name, como las líneas de Get-SyncLine.'

    Outputs     = @'
Un OfiSync.Core.Profiling.SyncColumn por columna, con Line, Name, TargetColumn, DataType, FilterType y Nullable; con -Profile también Profiled, Rows, Nulls, Distinct, Min, Max, Top (valores con su Count), Limited (el límite de filas detuvo la cuenta) y FilterLeftOut. La vista predeterminada agrupa por línea y muestra el tipo, las cifras, el intervalo y un resumen como "52 distinct, Madrid (412), Barcelona (380)...".
'@

    Examples    = @(
        @{
            Title   = 'Las columnas que puede usar un filtro'
            Remarks = 'Lista las columnas de origen de la línea Clientes, con la columna de destino a la que se asigna cada una, su tipo y si puede ser NULL. No se cuenta nada.'
        }
        @{
            Title   = 'Lo que contienen los clientes, y un filtro a partir de ello'
            Remarks = @'
Cuenta, dentro del ERP y bajo el prefiltro de la línea, las poblaciones y los sectores de los clientes que enviaría, con los valores más frecuentes primero, como "4 distinct, Madrid (13), Ávila (13)...". El segundo comando muestra la vista previa solo de los clientes de las dos poblaciones elegidas de esa lista.
'@
        }
        @{
            Title   = 'Perfilar por completo una tabla grande'
            Remarks = 'Cuenta todas las filas que conserva el prefiltro (no solo las primeras 100.000) y da los diez valores más frecuentes de cada columna.'
        }
        @{
            Title   = 'Los valores más frecuentes de una columna como texto de filtro'
            Remarks = 'Escribe entre comillas las poblaciones más frecuentes, listas para pegar en -Filter { poblacion -in ... }.'
        }
    )
}
