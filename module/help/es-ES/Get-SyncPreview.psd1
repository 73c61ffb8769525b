@{
    Synopsis    = 'Muestra, fila a fila, lo que una ejecución de las líneas de sincronización escribiría en el destino, sin escribir nada: la vista previa.'

    Description = @'
Get-SyncPreview prepara cada línea nombrada exactamente como lo haría Invoke-OfiSync: lee el origen aplicando el prefiltro de la línea dentro de la base de datos de origen, asigna las columnas, resuelve las búsquedas y compara el hash de los valores asignados de cada fila con el hash guardado, por clave de origen, de la última vez que la fila se escribió con éxito. En lugar de escribir, envía un objeto por cada fila sobre la que actuaría una ejecución. No se escribe nada en el destino ni en el almacén, y no se registra ninguna ejecución. Las líneas deshabilitadas también se previsualizan cuando se nombran o coinciden con un patrón.

Cada objeto de la vista previa tiene estas propiedades, en este orden:

- Line: el nombre de la línea.
- Key: la clave de origen de la fila; los valores de una clave compuesta se unen con '|'.
- Action: Insert (la clave no tiene estado de sincronización: nunca se envió), Update (la clave se trató antes y sus valores asignados han cambiado desde entonces, su última escritura falló, se escribió por última vez sin todas sus columnas, o se indica -All) o Delete (la clave se envió antes y el origen ya no la devuelve, o ya no cumple el prefiltro de la línea, y la política de borrado de la línea es Delete) o Flag (lo mismo, en una línea cuya política de borrado es Flag: se asignará la columna de marca). Con -IncludeUnchanged, también salen las filas sin nada que hacer, como Unchanged.
- una propiedad por cada columna de destino que escribiría la ejecución, en el orden de las columnas de la tabla de destino, con el nombre de la columna y el valor que se escribiría (ya convertido al tipo de la columna). Una columna excluida con -ExcludeColumn no aparece. Una columna de destino llamada Line, Key, Action, Changes o Error sale con un guion bajo al final, como Key_. Las filas Delete no llevan propiedades de columna; una fila Flag lleva la columna de marca, con el valor que asignaría.
- Changes: en las actualizaciones, las columnas cuyo valor difiere del que tiene ahora la fila de destino, cada una con Column, Old y New; en una fila Flag, la columna de marca con el valor que sustituye.
- Error: por qué no se puede escribir la fila, como una búsqueda que no encuentra coincidencia, un valor que no cabe en su columna o una columna de la clave que es NULL en el origen (esa fila se muestra con sus demás valores, para poder encontrarla). Esa fila falla cuando se aplica.

Las filas Delete y Flag solo se listan cuando la vista previa lee todo el ámbito de la línea: un -Filter reduce lo que se lee, así que las filas que no se leyeron no se distinguen de las que han desaparecido, y no se lista ninguna fila Delete ni Flag.

La vista previa está hecha de objetos normales de PowerShell, así que se puede editar antes de aplicarla: conserve o descarte filas con Where-Object (o elíjalas en una vista en cuadrícula); descarte columnas con Select-Object -ExcludeProperty, o aquí con -ExcludeColumn. Después canalice lo que quede a Invoke-OfiSync, que escribe exactamente esas filas, con los valores que tienen los objetos y solo las propiedades de columna que siguen en ellos, sin volver a leer el origen. Una fila escrita sin todas sus columnas no guarda hash, así que la siguiente ejecución incremental la vuelve a enviar completa.

Export-Csv e Import-Csv no conservan ni los tipos de los valores ni NULL, así que Invoke-OfiSync rechaza las filas de vista previa que pasaron por un archivo CSV. Para elegir filas en una hoja de cálculo, guarde sus claves y elija por clave: $keys = (Import-Csv picked.csv).Key; Get-SyncPreview Clientes | Where-Object Key -in $keys | Invoke-OfiSync. Export-Clixml e Import-Clixml conservan una vista previa exactamente, con los NULL y los tipos.
'@

    Parameters  = @{
        Line             = @'
Los nombres de las líneas que se previsualizan. Se admiten caracteres comodín; use * para todas las líneas. Las líneas se previsualizan en el orden en que se ejecutan (primero las líneas de las que dependen). Un nombre sin comodines que no coincide con ninguna línea, o un patrón que no coincide con ninguna, escribe un error. Name es un alias, así que se puede canalizar la salida de Get-SyncLine.
'@
        AsOf             = @{
            Description  = @'
Para las líneas de estadísticas de ventas: el día para el que se calculan las cifras (ventas del ejercicio actual hasta ese día inclusive, y del ejercicio anterior). Hoy si no se indica; indíquelo para repetir una ejecución exactamente. Las demás líneas no lo tienen en cuenta. El texto se lee como lo lee [datetime]'...', sea cual sea la referencia cultural: el año primero, como '2025-06-30'.
'@
            DefaultValue = 'Hoy (la fecha actual)'
        }
        All              = 'Previsualiza "sincronizar todo" (Invoke-OfiSync -All): no se tienen en cuenta los hash guardados, así que sale cada fila de origen dentro de los filtros, como Insert cuando su clave nunca se envió y como Update en otro caso.'
        Filter           = @'
Un filtro solo para esta vista previa, con la sintaxis de Where-Object, dado como bloque de script o como cadena, por ejemplo { poblacion -eq 'Madrid' }. Se combina con el prefiltro propio de la línea mediante -and. Puede nombrar las columnas de destino de la línea o las columnas del origen; las $variables toman su valor del ámbito de quien llama. Como el prefiltro, se traduce a la cláusula WHERE de la consulta de origen siempre que se puede. Con un -Filter no se lista ninguna fila Delete. Véase FILTROS en about_OfiSync.
'@
        ExcludeColumn    = @'
Columnas de destino de la línea que la ejecución no escribiría: quedan fuera de los objetos de la vista previa y de Changes, de modo que Invoke-OfiSync no las escribe cuando se le canalizan las filas. Una columna de la clave no se puede excluir, y un nombre que no es una columna de destino de la línea termina esa línea con un error que lista sus columnas.
'@
        IncludeUnchanged = 'Muestra también las filas que no han cambiado desde que se escribieron por última vez, con la acción Unchanged. Las filas sin cambios canalizadas a Invoke-OfiSync se vuelven a escribir, como actualizaciones.'
        Credential       = @'
El nombre de usuario y la contraseña de las conexiones creadas con New-SyncConnection -PromptForCredential, con los que se conecta al origen y al destino de las líneas. Las conexiones que toman su contraseña de una variable de entorno o de un secreto de SecretManagement la leen ellas mismas y no tienen en cuenta -Credential.
'@
    }

    Inputs      = 'Objetos con una propiedad Line o Name, como los objetos SyncLine de Get-SyncLine.'

    Outputs     = 'Un PSObject (nombre de tipo OfiSync.PreviewRow) por cada fila sobre la que actuaría una ejecución, con las propiedades Line, Key, Action, una propiedad por cada columna de destino escrita, Changes y Error. La vista predeterminada muestra Line, Action, Key y los cambios o el error; Format-List * muestra todas las columnas.'

    Notes       = @'
Las filas Delete canalizadas a Invoke-OfiSync se aplican como dice la política de borrado de la línea (marcar o borrar), exactamente para esas claves: se previsualizaron y se confirmaron, así que no se les aplica el límite de seguridad de las ejecuciones normales. Las filas sin cambios (-IncludeUnchanged) que se canalizan no se escriben.

Los valores de una vista previa son los del momento en que se hizo: Invoke-OfiSync los escribe tal como están en los objetos, aunque el origen haya cambiado desde entonces o usted haya cambiado una propiedad. La siguiente ejecución incremental compara el origen con lo que se escribió, y vuelve a enviar la fila cuando difieren.
'@

    Examples    = @(
        @{
            Title   = 'Ver lo que haría la siguiente ejecución de una línea'
            Remarks = 'Lista los clientes que la siguiente ejecución incremental insertaría, actualizaría o marcaría, con las columnas modificadas de cada actualización, el valor anterior y el nuevo. No se escribe nada.'
        }
        @{
            Title   = 'Mirar primero los valores y después elegir'
            Remarks = 'La ayuda para filtros cuenta las poblaciones de los clientes que enviaría la línea, las más frecuentes primero ("4 distinct, Madrid (13), Ávila (13)..."); el segundo comando los previsualiza y aplica solo las filas de las dos poblaciones elegidas de esa lista.'
        }
        @{
            Title   = 'Aplicar solo las filas de una población'
            Remarks = 'Los valores de las columnas son propiedades de las filas de la vista previa, así que Where-Object elige filas por ellos. Invoke-OfiSync pide confirmación y después escribe solo las filas de Madrid; los demás cambios quedan pendientes para la siguiente ejecución.'
        }
        @{
            Title   = 'Aplicar las filas sin una columna'
            Remarks = @'
Select-Object quita la propiedad telefono, así que Invoke-OfiSync escribe todas las demás columnas y deja telefono en el CRM como está. Where-Object deja fuera las filas Delete, para aplicarlas más tarde en una ejecución normal bajo su límite de seguridad. Como esas filas se escribieron sin todas sus columnas, la siguiente ejecución incremental las vuelve a enviar completas, telefono incluido. Get-SyncPreview Clientes -ExcludeColumn telefono hace lo mismo.
'@
        }
        @{
            Title   = 'Elegir las filas en una cuadrícula'
            Code    = @'
# Windows
Get-SyncPreview Clientes | Out-GridView -PassThru -Title 'Rows to send' | Invoke-OfiSync
# Linux y macOS: Install-Module Microsoft.PowerShell.ConsoleGuiTools
Get-SyncPreview Clientes | Out-ConsoleGridView -Title 'Rows to send' | Invoke-OfiSync
'@
            Remarks = 'Muestra las filas de la vista previa en una cuadrícula en la que usted selecciona las filas que se envían; solo se escriben las filas seleccionadas. Out-GridView solo existe en Windows; Out-ConsoleGridView, del módulo Microsoft.PowerShell.ConsoleGuiTools, funciona en cualquier terminal.'
        }
        @{
            Title   = 'Listar las columnas modificadas de cada actualización'
            Remarks = 'Una línea por cada columna modificada: la clave de la fila, la columna, el valor que tiene ahora el CRM y el valor que escribiría la ejecución.'
        }
        @{
            Title   = 'Contar lo que haría sincronizar todo, línea a línea'
            Remarks = 'Previsualiza Invoke-OfiSync -All para todas las líneas y cuenta sus inserciones, actualizaciones y borrados. Sincronizar todo es una inserción o actualización de cada fila de origen: la tabla de destino nunca se vacía, y los borrados siguen la política de borrado de la línea como en una ejecución normal.'
        }
        @{
            Title   = 'Previsualizar un subconjunto con un filtro propio'
            Remarks = 'Previsualiza solo los clientes de dos poblaciones, sin la columna telefono. El filtro se añade al prefiltro de la línea y se ejecuta en la base de datos de origen; $towns se lee de la sesión. No se lista ninguna fila Delete, porque no se lee todo el ámbito de la línea.'
        }
    )
}
