@{
    Synopsis    = 'Obtiene las conexiones guardadas en el almacén de OfiSync.'

    Description = 'Get-SyncConnection lista las conexiones con nombre de las que leen y en las que escriben las líneas de sincronización, con su proveedor, su cadena de conexión (que nunca contiene una contraseña) y de dónde viene su contraseña. Sin -Name, lista todas las conexiones.'

    Parameters  = @{
        Name = 'Los nombres de las conexiones que se obtienen. Se admiten caracteres comodín; el valor predeterminado, *, obtiene todas las conexiones. Un nombre sin comodines que no coincide con ninguna conexión escribe un error.'
    }

    Inputs      = 'Nombres de conexión, u objetos con una propiedad Name.'

    Outputs     = 'Un SyncConnection por cada conexión encontrada: Name, Provider, ConnectionString, CredentialSource (None, Environment, Secret o Prompt), CredentialName, UserName, Description, Created y Modified. La vista predeterminada muestra Name, Provider, el origen de la credencial y la cadena de conexión.'

    Examples    = @(
        @{
            Title   = 'Listar todas las conexiones'
            Remarks = 'Muestra las conexiones del almacén predeterminado.'
        }
        @{
            Title   = 'Mostrar una conexión completa'
            Remarks = 'Muestra todas las propiedades de la conexión crm, incluido cuándo se creó y cuándo se modificó por última vez.'
        }
        @{
            Title   = 'Listar las conexiones de otro almacén'
            Remarks = 'Lista las conexiones cuyo nombre empieza por erp en el almacén SQLite /srv/ofisync/store.db.'
        }
    )
}
