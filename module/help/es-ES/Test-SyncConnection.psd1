@{
    Synopsis    = 'Abre una conexión a una base de datos de origen o de destino e indica si funciona.'

    Description = @'
Test-SyncConnection abre una conexión, pide al servidor su versión y vuelve a cerrar la conexión. Prueba conexiones guardadas, por nombre (véase New-SyncConnection), o un proveedor y una cadena de conexión dados directamente, antes de guardar nada.

Escribe un resultado por conexión: su nombre (para una cadena de conexión dada directamente, el nombre del proveedor), el proveedor, la cadena de conexión con cualquier contraseña sustituida por *****, si la conexión tuvo éxito, la versión del servidor, el tiempo que tardó y, si falla, el mensaje de error y el nombre completo del tipo de la excepción.

Un fallo se devuelve como resultado, nunca como error: una contraseña incorrecta, un servidor al que no se llega, un archivo SQLite que no existe, una cadena de conexión con palabras clave que el proveedor no admite (incluso una guardada por un módulo anterior, antes de que New-SyncConnection las comprobara) o una contraseña que no se encuentra (una variable de entorno no definida, un secreto que no se puede leer, falta -Credential) da un resultado cuya propiedad Succeeded es $false. Compruebe la propiedad Succeeded en los scripts, y use ErrorType para distinguir un error de red de un error de inicio de sesión. Ni el resultado ni su mensaje de error contienen nunca la contraseña.
'@

    Parameters  = @{
        Name             = 'Los nombres de las conexiones guardadas que se prueban. Se admiten caracteres comodín. Un nombre sin comodines que no coincide con ninguna conexión escribe un error; los demás nombres se prueban igualmente. Se puede canalizar la salida de Get-SyncConnection.'
        Provider         = 'El tipo de base de datos de una cadena de conexión dada directamente: Sqlite, PostgreSql o SqlServer. Elige el controlador que lee la cadena de conexión (Microsoft.Data.Sqlite, Npgsql o Microsoft.Data.SqlClient).'
        ConnectionString = @'
Una cadena de conexión que se prueba directamente, sin guardarla, con la sintaxis del controlador del proveedor: por ejemplo 'Data Source=erp.db' para SQLite, 'Host=db1;Database=crm;Username=ofisync' para PostgreSQL o 'Server=sql1;Database=ERP;Integrated Security=true' para SQL Server.

Evite escribir una contraseña en un script o en un archivo de historial: léala al ejecutarse, por ejemplo de una variable de entorno. La contraseña nunca aparece en la salida.
'@
        Credential       = 'El nombre de usuario y la contraseña de las conexiones guardadas creadas con New-SyncConnection -PromptForCredential. Las conexiones que toman su contraseña de una variable de entorno o de un secreto de SecretManagement la leen ellas mismas y no tienen en cuenta -Credential.'
    }

    Inputs      = 'Nombres de conexión, u objetos con una propiedad Name, como la salida de Get-SyncConnection.'

    Outputs     = 'Un ConnectionTestResult por cada conexión probada, con las propiedades Name, Provider, Connection (la cadena de conexión con cualquier contraseña sustituida por *****), Succeeded, ServerVersion, Elapsed, Error y ErrorType. La vista predeterminada muestra Name, Provider, Succeeded, el tiempo en milisegundos y la versión del servidor o el error.'

    Notes       = @'
Probar una conexión SQLite nunca crea su archivo: un archivo que no existe da un resultado fallido que lo nombra.

Las conexiones de SQL Server se cifran de forma predeterminada (Microsoft.Data.SqlClient). Cuando esta máquina no confía en el certificado del servidor, la prueba falla y su error lo dice: instale en esta máquina la entidad emisora del certificado o, solo en una red de confianza, cree la conexión con New-SyncConnection -TrustServerCertificate.

Cuando una conexión guardada toma su contraseña de un secreto de SecretManagement y Get-Secret no está disponible, su resultado falla y lo dice.

El cmdlet se puede detener con Ctrl+C mientras espera a un servidor.
'@

    Examples    = @(
        @{
            Title   = 'Probar todas las conexiones guardadas'
            Remarks = 'Abre cada conexión del almacén con su origen de credencial y muestra una línea por conexión: si tuvo éxito, cuánto tardó y la versión del servidor o el error.'
        }
        @{
            Title   = 'Probar un archivo SQLite antes de guardar una conexión a él'
            Remarks = 'Abre el archivo SQLite en solo lectura y muestra la versión de SQLite, o el error; una ruta mal escrita falla, nombrando el archivo, y no crea nada.'
        }
        @{
            Title   = 'Probar una conexión que pide su contraseña al ejecutarse'
            Remarks = 'La conexión crm se creó con New-SyncConnection -PromptForCredential: Get-Credential pide la contraseña, que se usa solo para esta prueba y nunca se guarda.'
        }
        @{
            Title   = 'Detener un script cuando no se llega al ERP'
            Remarks = 'Una conexión fallida es un resultado, no un error, así que el script comprueba Succeeded y se detiene con el motivo, que nunca contiene la contraseña.'
        }
        @{
            Title   = 'Probar una base de datos SQL Server con la autenticación integrada de Windows'
            Remarks = 'La conexión inicia sesión como el usuario actual de Windows, así que no interviene ninguna contraseña. Format-List muestra todas las propiedades del resultado, incluido ErrorType cuando falla.'
        }
    )
}
