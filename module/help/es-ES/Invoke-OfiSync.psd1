@{
    Synopsis    = 'Ejecuta líneas de sincronización: escribe en el destino las filas de origen nuevas y modificadas, aplica las políticas de borrado y devuelve un resultado por cada fila.'

    Description = @'
Invoke-OfiSync ejecuta líneas de sincronización, primero las líneas de las que dependen. Sin -Line ni entrada por canalización, ejecuta todas las líneas habilitadas.

Se ejecutan a la vez hasta -ThrottleLimit líneas (4 de forma predeterminada): una línea empieza en cuanto todas las líneas de las que depende han terminado con éxito (o con filas fallidas), y dos líneas que escriben en la misma tabla de destino nunca se ejecutan a la vez. Una línea que falla detiene las líneas que dependen de ella, y nada más. -ThrottleLimit 1 ejecuta las líneas una tras otra, en orden de dependencias, como las versiones anteriores. Los resultados salen a medida que se confirman los lotes de cada línea, así que con varias líneas en ejecución sus filas se intercalan; cada resultado nombra su línea. El progreso muestra una barra para la sincronización y, debajo, una barra por cada línea en ejecución.

Para cada línea, lee el origen aplicando el prefiltro de la línea dentro de la base de datos de origen, asigna las columnas y resuelve las búsquedas. La ejecución es incremental: OfiSync guarda, por cada clave de origen, un hash de los valores asignados de la fila tal como se escribieron con éxito la última vez, y solo se escriben las filas cuya clave no tiene hash o cuyo hash es distinto. Las escrituras son inserciones o actualizaciones (upsert) por la clave de destino de la línea, en lotes del BatchSize de la línea: una nueva ejecución actualiza la misma fila de destino y nunca añade una segunda. Una fila que falla no guarda hash, así que la siguiente ejecución la vuelve a enviar; lo mismo ocurre con una fila escrita sin todas sus columnas (véase -ExcludeColumn). Los cambios hechos a mano en el destino no se detectan, porque solo se calcula el hash del lado del origen: -All vuelve a escribir todas las filas.

Después de las inserciones y actualizaciones, cuando la política de borrado de la línea es Flag o Delete y la ejecución leyó todo el ámbito de la línea (sin -Filter, y no filas canalizadas desde una vista previa), las claves que se escribieron antes y que el origen ya no devuelve se marcan o se borran en el destino. Una fila que ha dejado de cumplir el prefiltro de la línea también cuenta como desaparecida. Un límite de seguridad protege frente a un origen que ha vuelto vacío o leído a medias: cuando las filas que se borrarían o marcarían superan el -DeleteCapPercent de las filas de la tabla de destino, no se borra nada y la línea falla con un error; -Force levanta el límite.

Las filas canalizadas desde Get-SyncPreview se aplican exactamente como se previsualizaron: las filas que siguen en la canalización, con los valores que tienen sus propiedades, y solo las propiedades de columna que siguen en los objetos. Desmarque filas con Where-Object (o una vista en cuadrícula) y columnas con Select-Object -ExcludeProperty o Get-SyncPreview -ExcludeColumn. El origen no se vuelve a leer y no se escribe nada más de la línea; esa ejecución se registra con el modo Selected. Una fila de vista previa con una propiedad que no es una columna de su línea (añadida con Select-Object o Add-Member) se rechaza con un error que la nombra (PreviewRowPropertyUnknown), y las filas que pasaron por Export-Csv e Import-Csv, que no conservan ni los tipos ni NULL, se rechazan con un error por línea (PreviewRowsFromText): elija esas filas por clave (Get-SyncPreview Clientes | Where-Object Key -in $keys), o guarde una vista previa en un archivo con Export-Clixml e Import-Clixml, que la conservan exactamente.

Invoke-OfiSync pide confirmación una sola vez para toda la sincronización, antes de ejecutar ninguna línea (su ConfirmImpact es High, así que pregunta con el $ConfirmPreference predeterminado): la pregunta tiene una línea por cada línea de sincronización, que indica cuántas filas insertaría, actualizaría y borraría, o marcaría (con la columna y el valor que asigna) en una línea con la política de borrado Flag, contadas leyendo antes el origen. Todas las cifras se obtienen antes de ejecutar la primera línea, así que una línea que depende de otra se cuenta contra el destino tal como está antes de la sincronización. Una sesión iniciada con -NonInteractive no puede preguntar, y allí el comando falla; los trabajos programados usan -Force o -Confirm:$false. -WhatIf cuenta y dice, en un solo mensaje, lo que haría cada línea, y no escribe nada.

Cada fila sobre la que se actúa sale como un resultado, a medida que se confirma su lote: su línea, clave, acción (Insert, Update, Delete, o Flag en una línea con la política de borrado Flag), estado (Succeeded, Failed o Skipped) y, si falla, el error y la columna responsable. Las filas que no habían cambiado no dan resultado; se cuentan como Unchanged en el resumen de la ejecución. Cada fila fallida se escribe también como un error no terminal (ErrorId RowFailed, con el resultado de la fila como objeto de destino), así que $? es $false después de una ejecución con fallos, -ErrorVariable los recoge y -ErrorAction Stop se detiene en el primero. Una línea que no puede ejecutarse en absoluto (una tabla o columna que cambió, un filtro, el límite de borrado) escribe un error (ErrorId SyncLineFailed, o ConnectionFailed cuando no se puede llegar a una base de datos) y las líneas que dependen de ella no se ejecutan (DependencyFailed); las demás líneas siguen. Una conexión cuya contraseña no se encuentra (su variable de entorno no definida, su secreto ilegible, sin -Credential) escribe un error antes de que se ejecute nada (ErrorId CredentialUnavailable, con la conexión como objeto de destino), que nombra las líneas que la usan; esas líneas no se ejecutan. Una línea que otra ejecución tiene ocupada (en este u otro proceso, o en otra máquina que comparte un almacén en servidor) pasado -LockTimeout escribe un error (ErrorId LineLocked, categoría ResourceBusy, con la línea como objeto de destino) y se omite, y también las que dependen de ella; con -LockTimeout 0 se omite enseguida. Cada ejecución de cada línea se registra en el almacén, con el id de la sincronización a la que pertenece (SyncId: uno por llamada a Invoke-OfiSync, compartido por todas las líneas que ejecutó la llamada): Get-SyncRunResult -LastSync -Status Failed lista todas las filas que fallaron en la última llamada, sea cual sea su línea. Véanse Get-SyncRun y Get-SyncRunResult.

Los fallos pasajeros se reintentan, con una conexión nueva, esperando 0,5, 1, 2, 4 y 8 segundos, con una advertencia cada vez que ocurren: una conexión perdida, un servidor reiniciado o una base de datos SQLite que otro programa tiene bloqueada (una transacción de escritura que mantiene abierta). Cada intento espera a ese bloqueo un par de segundos (el Default Timeout de la conexión), así que una línea espera en total alrededor de medio minuto antes de fallar con un error que nombra la línea, la conexión y el archivo de base de datos. Los lotes confirmados antes de un fallo quedan escritos.

Con -Verbose, cada línea indica la consulta con la que lee el origen (el prefiltro como SQL, sus parámetros y lo que queda por filtrar en memoria) y, después, lote a lote, cuántas filas se leyeron, insertaron, actualizaron, quedaron sin cambios, se borraron, marcaron, fallaron y se omitieron, cuántas veces se reintentó el lote tras un fallo pasajero y cuánto tardó leerlo, escribirlo y registrarlo.
'@

    Parameters  = @{
        Line             = @{
            Description  = @'
Los nombres de las líneas que se ejecutan. Se admiten caracteres comodín. Las líneas se ejecutan en orden de dependencias, sea cual sea el orden dado. Un nombre o patrón que no coincide con ninguna línea escribe un error. Una línea deshabilitada que se nombra aquí se omite con una advertencia, salvo que se indique -IncludeDisabled. Name es un alias. Cuando se canalizan filas de vista previa, -Line no se tiene en cuenta.
'@
            DefaultValue = 'Todas las líneas habilitadas'
        }
        InputObject      = @'
Qué se ejecuta, desde la canalización: objetos SyncLine de Get-SyncLine, o nombres de línea, que se ejecutan como con -Line; o filas de vista previa de Get-SyncPreview, que se aplican exactamente como se previsualizaron. Las filas de vista previa se agrupan por línea; las filas de una línea que conservaron conjuntos de columnas distintos se escriben en pasadas separadas, cada una registrada como una ejecución. Otros objetos escriben un error (InputObjectNotUnderstood).
'@
        LockTimeout      = @'
Cuántos segundos espera una línea cuando hay en curso otra ejecución de la misma línea, en este u otro proceso, o en otra máquina que comparte un almacén en servidor (30 de forma predeterminada). Pasado ese tiempo, la línea se omite con un error no terminal (ErrorId LineLocked, categoría ResourceBusy, la línea como objeto de destino) que lo indica, y no escribe nada; las líneas que dependen de ella no se ejecutan. 0 omite enseguida una línea bloqueada: lo que quieren varias máquinas que ejecutan la misma programación sobre un almacén en servidor. Una línea que esperó y después se ejecutó solo encuentra lo que la otra ejecución dejó por hacer. El bloqueo vive en el almacén: un bloqueo consultivo de PostgreSQL, un bloqueo de aplicación de SQL Server o un archivo de bloqueo junto a un almacén SQLite; se libera cuando termina la ejecución o muere su proceso (la sesión o el identificador de archivo terminan con ella), así que una ejecución interrumpida nunca deja una línea bloqueada.
'@
        ThrottleLimit    = @{
            Description  = @'
Cuántas líneas se ejecutan a la vez, de 1 a 64. Una línea empieza cuando todas las líneas de las que depende han terminado con éxito; las líneas que escriben en la misma tabla de destino se esperan unas a otras. 1 ejecuta las líneas una tras otra en orden de dependencias. Más líneas a la vez ayudan cuando las líneas esperan a sus bases de datos (una vista lenta, un servidor remoto); en una máquina con pocos núcleos, las líneas que convierten muchas filas se reparten el procesador, y un destino o almacén SQLite incrustado admite un solo escritor a la vez.
'@
            DefaultValue = '4'
        }
        AsOf             = @{
            Description  = @'
Para las líneas de estadísticas de ventas: el día para el que se calculan las cifras (ventas del ejercicio actual hasta ese día inclusive, y del ejercicio anterior). Hoy si no se indica; indíquelo para repetir una ejecución exactamente. Las demás líneas no lo tienen en cuenta. El texto se lee como lo lee [datetime]'...', sea cual sea la referencia cultural: el año primero, como '2025-06-30'.
'@
            DefaultValue = 'Hoy (la fecha actual)'
        }
        All              = @'
"Sincronizar todo": vuelve a escribir todas las filas de origen (dentro del prefiltro y de -Filter), digan lo que digan los hash guardados. Es una inserción o actualización (upsert) por la clave de destino: las filas que faltan en el destino se insertan y las demás se actualizan; la tabla de destino nunca se vacía, y las filas que faltan en el origen quedan a cargo de la política de borrado de la línea, como en una ejecución normal. La ejecución se registra con el modo All. No se tiene en cuenta cuando se canalizan filas de vista previa.
'@
        Filter           = @'
Un filtro solo para esta ejecución, con la sintaxis de Where-Object, dado como bloque de script o como cadena, por ejemplo { fecha_modif -ge '2024-06-01' }. Se combina con el prefiltro propio de la línea mediante -and, puede nombrar las columnas de destino de la línea o las columnas del origen, y lee las $variables del ámbito de quien llama. Una ejecución con -Filter lee solo una parte del ámbito de la línea, así que nunca borra ni marca filas. Véase FILTROS en about_OfiSync.
'@
        ExcludeColumn    = @'
Columnas de destino de las líneas que esta ejecución no escribe: el destino conserva lo que contienen esas columnas. Una columna de la clave no se puede excluir, y un nombre que no es una columna de destino de una línea hace fallar esa línea. Las filas escritas sin todas sus columnas no guardan hash, así que la siguiente ejecución incremental las vuelve a enviar completas.
'@
        Force            = @'
Ejecuta sin pedir confirmación (salvo que también se indique -Confirm) y levanta el límite de seguridad de borrado (-DeleteCapPercent), de modo que una línea borra o marca todas las filas desaparecidas del origen, sean cuantas sean. Para ejecutar sin supervisión y conservar el límite, use -Confirm:$false.
'@
        MaxErrors        = @{
            Description  = @'
Detiene una línea cuando han fallado este número de sus filas. La cuenta se comprueba después de cada lote, así que primero se tratan todas las filas de ese lote. La ejecución se registra como Stopped, sus borrados no se hacen y las líneas que dependen de ella no se ejecutan. 0 significa sin límite.
'@
            DefaultValue = '0 (sin límite)'
        }
        DeleteCapPercent = @'
El límite de seguridad de borrado: la mayor proporción, de 0 a 100, de las filas de la tabla de destino de una línea que una ejecución puede borrar o marcar (redondeada hacia abajo: con el valor predeterminado 10, una tabla de 25 filas permite 2). Cuando han desaparecido del origen más filas, la línea no borra nada, falla con un error que da las cifras y su ejecución se registra como Failed; sus inserciones y actualizaciones ya están escritas. Con menos de 10 filas de destino, el valor predeterminado no permite ningún borrado. -Force levanta el límite.
'@
        Summary          = @'
Escribe un registro de ejecución (OfiSync.Core.Engine.SyncRun, los mismos objetos que Get-SyncRun lee del historial, mostrados con una vista de resumen) por línea en lugar de un resultado por fila: RunId, SyncId, Line, Mode, Status, las cifras Read, Inserted, Updated, Deleted, Flagged, Unchanged, Failed y Skipped, Started, Ended, Duration, RowsPerSecond y Message, y WritePaths (las filas escritas con la inserción masiva simple, con el upsert, y las que pasaron de una a otra porque el destino ya las tenía: un diagnóstico de esta ejecución, que no se guarda en el historial). Las filas fallidas no escriben entonces un error cada una: una línea con filas fallidas escribe un error (ErrorId RowsFailed, con el resumen como objeto de destino) que da la cifra y el comando que las lista. Cuando se ejecutaron dos o más líneas, al final sale un OfiSync.Core.Engine.SyncTotal: SyncId, Lines (las pedidas), Succeeded, CompletedWithErrors, Failed, NotRun (bloqueadas, detenidas por una dependencia fallida o sin contraseña), las cifras de filas sumadas (Read, Inserted, Updated, Deleted, Flagged, Unchanged, FailedRows), Started, Ended, Duration y RowsPerSecond. Los scripts que solo quieren las líneas conservan los objetos que tienen RunId: Where-Object RunId.
'@
        IncludeDisabled  = @'
Ejecuta también las líneas deshabilitadas. Sin él, las líneas deshabilitadas quedan fuera: en silencio (con un mensaje detallado) cuando se ejecutan todas las líneas, y con una advertencia cuando se nombró la línea.
'@
        Credential       = @'
El nombre de usuario y la contraseña de las conexiones creadas con New-SyncConnection -PromptForCredential, con los que se conecta al origen y al destino de las líneas. Las conexiones que toman su contraseña de una variable de entorno o de un secreto de SecretManagement la leen ellas mismas y no tienen en cuenta -Credential.
'@
        WhatIf           = @'
Muestra en un solo mensaje, con una línea por cada línea de sincronización, cuántas filas insertaría, actualizaría y borraría la ejecución (o marcaría, con la columna y el valor), y en qué tabla, sin escribir nada ni registrar una ejecución. Las cifras se obtienen leyendo el origen y el estado de sincronización, como haría una ejecución.
'@
        Confirm          = @'
Pregunta una sola vez antes de la sincronización, indicando para cada línea cuántas filas insertaría, actualizaría y borraría. Invoke-OfiSync pregunta de todos modos salvo que se indique -Force o que $ConfirmPreference sea None; -Confirm:$false ejecuta sin preguntar y conserva el límite de seguridad de borrado.
'@
    }

    Inputs      = 'Objetos SyncLine de Get-SyncLine, nombres de línea, o filas de vista previa (objetos OfiSync.PreviewRow, o copias hechas con Select-Object) de Get-SyncPreview.'

    Outputs     = @'
Un OfiSync.Core.Engine.RowResult por cada fila sobre la que se actúa, con RunId, Line, Key, Action (Insert, Update, Delete o Flag), Status (Succeeded, Failed o Skipped), Error, Column (la columna de destino a la que se refiere el error, cuando hay una responsable) y TargetId (el valor de la columna TargetId de la línea, como el id del CRM). La vista predeterminada marca el estado: ✔ Succeeded, ✘ Failed, – Skipped.

Con -Summary, en su lugar, un OfiSync.Core.Engine.SyncRun por línea ejecutada (y, cuando se ejecutaron dos o más líneas, un OfiSync.Core.Engine.SyncTotal al final, la sincronización sumada), mostrado con la vista de resumen (Read, Unchanged y Rows/s junto a las cifras); Get-SyncRun da los mismos registros más tarde. Su Mode es Incremental, All o Selected (filas de una vista previa); su Status es Succeeded, CompletedWithErrors (fallaron algunas filas), Failed (la línea no pudo completarse, por ejemplo cuando la detuvo el límite de borrado; Message dice por qué) o Stopped (-MaxErrors, o se detuvo el comando).
'@

    Notes       = @'
Una canalización que deja de leer antes de tiempo también detiene la ejecución: Invoke-OfiSync | Select-Object -First 3 termina la línea después del lote que dio esas filas, y la ejecución se registra como Stopped; lo confirmado se queda, y la siguiente ejecución envía el resto. Una canalización que no entrega nada (un Where-Object que no conservó ninguna fila de vista previa) no ejecuta nada.

Una ejecución con -ErrorAction Stop se detiene en la primera fila fallida, después del lote que la contiene: las filas de ese lote ya están escritas; el resto de la línea, sus borrados y las líneas siguientes no se ejecutan; esa línea se detiene sola después de ese lote (las líneas se ejecutan por delante de la canalización, así que se indica al motor que se detenga en la primera fila fallida de una línea; $ErrorActionPreference = 'Stop' también cuenta) y se registra como Stopped; las demás líneas en ejecución en ese momento se detienen después de su lote actual y se registran como Stopped con las cifras de lo que hicieron (una línea que ya había llegado a su final, como Succeeded o CompletedWithErrors).

Una fila queda como Skipped cuando espera a otra línea: una fila de estadísticas de ventas cuyo cliente la línea de clientes aún no ha enviado al CRM. Su error dice qué línea hay que ejecutar; la envía una ejecución posterior. Las filas que se dejan fuera de una vista previa no se envían, y las filas que no habían cambiado solo se cuentan como Unchanged.

Las filas de vista previa con la acción Delete o Flag se aplican como las demás: la fila se borra, o se marca su columna de marca, por su clave. Si la política de borrado de la línea cambió entre la vista previa y la ejecución, esa fila falla con un mensaje que lo dice y no se hace nada con ella.
'@

    Examples    = @(
        @{
            Title   = 'Ejecutar todas las líneas habilitadas'
            Remarks = 'Pregunta antes de cada línea, indicando cuántas filas insertaría, actualizaría y borraría, y después escribe un resultado por cada fila sobre la que actuó. Las filas que no han cambiado desde la última ejecución no se escriben y no dan resultado.'
        }
        @{
            Title   = 'Ver lo que haría una ejecución'
            Remarks = @'
Escribe un solo mensaje con una línea por cada línea de sincronización, con cuántas filas insertaría, actualizaría y borraría y en qué tabla del destino, por ejemplo 3 inserciones, 12 actualizaciones y 0 borrados de la línea 'Clientes' en crm.cuenta. No se escribe nada ni se registra ninguna ejecución. Get-SyncPreview muestra las mismas filas una a una.
'@
        }
        @{
            Title   = 'Aplicar solo algunas filas de una vista previa'
            Remarks = 'Escribe solo los clientes de Madrid, exactamente como los mostró la vista previa, después de preguntar una vez por la línea. Los demás clientes modificados quedan para la siguiente ejecución.'
        }
        @{
            Title   = 'Aplicar una vista previa sin una columna'
            Remarks = 'Escribe todas las inserciones y actualizaciones previsualizadas salvo la columna telefono, sin preguntar. Esas filas no guardan hash, así que la siguiente ejecución incremental las envía completas, telefono incluido. Las filas Delete y Flag quedan fuera, para que las aplique una ejecución normal bajo su límite de seguridad.'
        }
        @{
            Title   = 'Volver a enviar todos los clientes'
            Remarks = 'Vuelve a escribir todas las filas de origen de la línea, como inserción o actualización (no se vacía nada), y muestra un resumen con las cifras en lugar de un resultado por fila. Útil después de restaurar el CRM o de cambiarlo a mano.'
        }
        @{
            Title   = 'Un trabajo programado que avisa al programador de tareas cuando falla una fila'
            Code    = @'
# sync.ps1, ejecutado por cron, un temporizador de systemd o el Programador de tareas como: pwsh -NoProfile -NonInteractive -File sync.ps1
Import-Module OfiSync
Invoke-OfiSync -Force -ErrorVariable failed
if ($failed) {
    Get-SyncRunResult -LastSync -Status Failed | Export-Csv /var/log/ofisync/failures.csv
    exit 1
}
'@
            Remarks = @'
Una sesión no interactiva no puede responder a la confirmación, así que el trabajo se ejecuta con -Force. Cada fila fallida, y cada línea que no pudo ejecutarse, añade un error a $failed; las filas que fallaron en cualquier línea de esta sincronización van a un archivo CSV, y el script termina con el código de salida 1 para que el programador de tareas informe del fallo; los resultados van a la salida del trabajo. Añada -Summary para obtener una línea por cada línea de sincronización en el registro.

-Force también levanta el límite de seguridad de borrado. Para conservar el límite en un trabajo desatendido, escriba en su lugar Invoke-OfiSync -Confirm:$false -ErrorVariable failed.
'@
        }
        @{
            Title   = 'Varias máquinas sobre un almacén en servidor'
            Remarks = 'Todas las máquinas ejecutan el mismo trabajo sobre el mismo almacén PostgreSQL: cada línea se ejecuta en una sola máquina a la vez, y una máquina que encuentra una línea en ejecución en otra la omite enseguida (ErrorId LineLocked) en lugar de esperar. La última línea lista las filas que fallaron en esta sincronización, sea cual sea su línea. Con -LockTimeout 60 la segunda máquina esperaría y después no encontraría nada pendiente de enviar.'
        }
        @{
            Title   = 'Permitir un borrado mayor que el límite de seguridad'
            Remarks = 'Una ejecución que borraría o marcaría más del 10 % de las filas de la tabla de destino falla sin borrar nada. Después de comprobar que esos clientes han desaparecido realmente del ERP, esta ejecución permite hasta el 30 %. -Force permitiría cualquier número.'
        }
        @{
            Title   = 'Ver las filas fallidas de una ejecución'
            Remarks = 'Ejecuta la línea sin mostrar un error por cada fila fallida y después lista las filas fallidas con la columna responsable y el motivo. La siguiente ejecución las vuelve a intentar. Get-SyncRunResult da las mismas filas más tarde, desde el almacén.'
        }
    )
}
