@{
    Synopsis    = 'Escribe líneas de sincronización, con las conexiones que usan, como JSON que Import-SyncLine vuelve a leer.'

    Description = @'
Export-SyncLine escribe las definiciones de las líneas de sincronización, y de las conexiones de las que leen y en las que escriben, como un único documento JSON: una configuración que puede guardar en un control de versiones, revisar o copiar a otro almacén u otra máquina con Import-SyncLine. El documento nunca contiene un secreto: las conexiones no guardan contraseña, solo dónde encontrarla.

El estado de sincronización y el historial de ejecuciones no se exportan. Sin -Path, el JSON sale a la canalización como una sola cadena.
'@

    Parameters  = @{
        Name      = 'Los nombres de las líneas que se exportan. Se admiten caracteres comodín; el valor predeterminado, *, exporta todas las líneas. Un nombre sin comodines que no coincide con ninguna línea escribe un error.'
        Path      = 'El archivo que se escribe, en UTF-8. Un archivo existente se sobrescribe salvo que se indique -NoClobber. Sin -Path, el JSON se escribe en la canalización.'
        NoClobber = 'No sobrescribe un archivo existente: en su lugar se escribe un error.'
        PassThru  = 'Escribe en la canalización el FileInfo del archivo. De forma predeterminada no se escribe nada cuando se indica -Path.'
    }

    Inputs      = 'Nombres de línea, u objetos con una propiedad Name, como la salida de Get-SyncLine.'

    Outputs     = 'Sin -Path, un String con el documento JSON. Con -Path y -PassThru, el FileInfo del archivo escrito. En otro caso, nada.'

    Examples    = @(
        @{
            Title   = 'Guardar todas las líneas en un archivo bajo control de versiones'
            Remarks = 'Escribe todas las líneas, con las conexiones que usan, en ofisync-lines.json en la carpeta actual.'
        }
        @{
            Title   = 'Copiar dos líneas a otro almacén'
            Remarks = 'El JSON pasa por la canalización a un archivo, que Import-SyncLine lee en un almacén PostgreSQL.'
        }
        @{
            Title   = 'No sobrescribir una exportación anterior'
            Remarks = 'Escribe un archivo con fecha, falla si ya existe y muestra el archivo escrito.'
        }
    )
}
