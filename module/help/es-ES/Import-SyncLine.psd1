@{
    Synopsis    = 'Lee en el almacén un archivo escrito por Export-SyncLine: primero sus conexiones, después sus líneas.'

    Description = @'
Import-SyncLine lee un documento JSON escrito por Export-SyncLine y guarda en el almacén sus conexiones y después sus líneas. Como New-SyncConnection, crea el almacén cuando todavía no existe.

Cada conexión se comprueba como la comprueba New-SyncConnection: una cadena de conexión que contiene una contraseña, o una palabra clave que el controlador de su proveedor no admite, se rechaza, y las líneas que la usan no se importan.

Una conexión que ya existe con la misma definición se deja como está. Una que existe con una definición distinta solo se sustituye con -Force; si no, se escribe un error y las líneas que la usan no se importan.

Una línea cuyo nombre ya existe solo se sustituye con -Force; una línea sustituida conserva su identidad en este almacén, así que su estado de sincronización y su historial de ejecuciones siguen con ella. La definición de cada línea se comprueba (conexiones, clave, mapa, dependencias) sin conectarse a las bases de datos; una línea con errores no se importa. Ejecute después Test-SyncLine para comprobar las tablas y columnas.

Las contraseñas nunca están en el archivo: defina las variables de entorno, los secretos de SecretManagement o las credenciales que nombran las conexiones importadas, en la máquina que las ejecuta.
'@

    Parameters  = @{
        Path     = 'El archivo JSON que se lee. Los caracteres comodín no se expanden. Se pueden canalizar archivos de Get-ChildItem (su FullName se enlaza con -Path).'
        Force    = 'Sustituye las líneas y conexiones que ya existen con el mismo nombre.'
        PassThru = 'Escribe en la canalización cada línea importada. De forma predeterminada no se escribe nada.'
    }

    Inputs      = 'Rutas de archivo, u objetos con una propiedad Path, FullName o LiteralPath, como la salida de Get-ChildItem.'

    Outputs     = 'Con -PassThru, cada SyncLine importada. En otro caso, nada.'

    Examples    = @(
        @{
            Title   = 'Importar líneas en el almacén predeterminado'
            Remarks = 'Añade las conexiones y líneas del archivo; las que ya existen con ese nombre se indican como errores y no se tocan.'
        }
        @{
            Title   = 'Sustituir las líneas por la versión del control de versiones'
            Remarks = 'Sustituye las líneas y conexiones existentes con los mismos nombres, conservando el estado de sincronización de las líneas, muestra lo que se importó y después comprueba cada línea contra sus bases de datos.'
        }
        @{
            Title   = 'Ver lo que haría una importación'
            Remarks = 'Muestra qué conexiones y líneas añadiría o sustituiría cada archivo, y no cambia nada.'
        }
    )
}
