@{
    Synopsis    = 'Obtiene los resultados de fila registrados de las ejecuciones: qué filas insertó, actualizó o borró cada ejecución, y cuáles fallaron y por qué.'

    Description = @'
Invoke-OfiSync registra en el almacén, en cada ejecución, el resultado de cada fila sobre la que actuó: la clave de la fila, la acción (Insert, Update, Delete, o Flag en una línea con la política de borrado Flag), el estado (Succeeded, Failed o Skipped), el error de una fila fallida o el motivo por el que se omitió una fila, y el id de la fila en el destino cuando la línea tiene un TargetId. Get-SyncRunResult vuelve a leer esos resultados, en el orden en que ocurrieron, de las ejecuciones cuyos id recibe, o de todas las ejecuciones de la última sincronización (-LastSync).

Los id de ejecución vienen de Get-SyncRun, de Invoke-OfiSync -Summary o de los propios resultados: cada uno tiene una propiedad RunId, que se enlaza con -RunId por la canalización. -Status conserva solo las filas de un estado, como las filas fallidas que hay que enviar a quien corrige los datos en el ERP: Get-SyncRunResult -LastSync -Status Failed da todas las filas que fallaron en la última llamada a Invoke-OfiSync, sea cual sea su línea.

Las filas que no habían cambiado no se registran: solo aparecen en la cifra Unchanged de la ejecución (Get-SyncRun).
'@

    Parameters  = @{
        LastSync = 'Obtiene las filas de todas las ejecuciones de la sincronización más reciente: todas las líneas que ejecutó la última llamada a Invoke-OfiSync, en el orden en que se ejecutaron. Con -Status Failed, los fallos de la última sincronización.'
        RunId    = 'Los id de las ejecuciones cuyos resultados de fila se obtienen. Los objetos con una propiedad RunId o Id, como las ejecuciones de Get-SyncRun y los resúmenes de Invoke-OfiSync -Summary, se enlazan aquí desde la canalización. Un id que no está en el almacén escribe un error.'
        Status   = @{
            Description  = 'Obtiene solo las filas de este estado: Succeeded, Failed o Skipped. Sin él, salen todas las filas de la ejecución. Las filas Skipped vienen de las líneas de estadísticas de ventas: un cliente que la línea de clientes no ha enviado al CRM, con el motivo en Error.'
            DefaultValue = 'Todos los estados'
        }
    }

    Inputs      = 'Objetos con una propiedad RunId o Id: las ejecuciones de Get-SyncRun, los resúmenes de Invoke-OfiSync -Summary o los resultados de fila.'

    Outputs     = 'Un OfiSync.Core.Engine.RowResult por cada fila registrada, con RunId, Line (el nombre que tenía la línea cuando se ejecutó), Key, Action (Insert, Update, Delete o Flag), Status (Succeeded, Failed o Skipped), Error, Column (la columna de destino a la que se refiere un fallo, cuando la base de datos la indica) y TargetId (el id de la fila en el CRM). La vista predeterminada marca el estado: ✔ Succeeded, ✘ Failed, – Skipped.'

    Examples    = @(
        @{
            Title   = 'Exportar las filas fallidas de la última sincronización'
            Remarks = 'Escribe una línea CSV por cada fila que falló en cualquier línea de la última llamada a Invoke-OfiSync, con su línea, clave, acción y error. La siguiente ejecución vuelve a enviar esas filas, una vez corregidos los datos.'
        }
        @{
            Title   = 'Todas las filas de una ejecución'
            Remarks = 'Lista todas las filas sobre las que actuó la ejecución 42, con la marca de estado, la acción, la clave, el id de destino y el error. -RunId es la primera posición.'
        }
        @{
            Title   = 'Ejecutar y después listar los fallos'
            Remarks = 'Ejecuta todas las líneas habilitadas con un resumen por línea, y pasa cada resumen a Get-SyncRunResult, que lista las filas fallidas de esa ejecución.'
        }
        @{
            Title   = 'Contar los cambios de hoy por acción y estado'
            Remarks = 'Cuenta las filas de todas las ejecuciones de la línea Clientes desde la medianoche, como 12 "Update, Succeeded" y 1 "Insert, Failed".'
        }
        @{
            Title   = 'El historial de un cliente'
            Remarks = 'Muestra cada ejecución que escribió, hizo fallar o borró el cliente 430000004, primero la más reciente.'
        }
    )
}
