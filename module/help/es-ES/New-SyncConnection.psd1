@{
    Synopsis    = 'Añade al almacén una conexión de base de datos con nombre, sin ninguna contraseña.'

    Description = @'
New-SyncConnection guarda una conexión, con un nombre, en el almacén de OfiSync. Las líneas de sincronización nombran por estos nombres sus conexiones de origen (el ERP) y de destino (el CRM).

Una conexión guardada nunca contiene una contraseña: una cadena de conexión que la contiene se rechaza. En su lugar, la conexión registra de dónde viene su contraseña cuando se usa:

- -PasswordVariable: una variable de entorno de la cuenta que ejecuta OfiSync;
- -PasswordSecret: un secreto del módulo SecretManagement, leído con Get-Secret;
- -PromptForCredential: el parámetro -Credential del cmdlet que usa la conexión;
- -IntegratedSecurity: la autenticación integrada de Windows de SQL Server, sin ninguna contraseña.

Indique como mucho una de ellas. Las conexiones SQLite no llevan ninguna. En PostgreSQL, una conexión sin ninguna de ellas puede iniciar sesión igualmente mediante la autenticación trust o peer del servidor o un archivo .pgpass.

La cadena de conexión se comprueba con el propio controlador del proveedor: una palabra clave que ese controlador no admite se rechaza, nombrándola y, cuando la hay, con la forma que usa el proveedor (PostgreSQL llama Host al servidor, no Data Source; SQL Server lo llama Server; MariaDB llama Database a la base de datos, no DbName). No se contacta con el servidor: ejecute después Test-SyncConnection. Una conexión cuyo nombre ya existe solo se sustituye con -Force.

New-SyncConnection crea el almacén cuando todavía no existe (véase -Store): es la forma de crear un almacén.
'@

    Parameters  = @{
        Name                   = 'El nombre de la conexión. Las líneas de sincronización se refieren a él en -Source y -Target, y los cmdlets *-SyncConnection la encuentran por él.'
        Provider               = 'El tipo de base de datos: Sqlite, PostgreSql, SqlServer o MariaDb (MariaDB 10.6 o posterior; MySql es otro nombre para él).'
        ConnectionString       = @'
La cadena de conexión, con la sintaxis del controlador del proveedor, sin ninguna contraseña: por ejemplo 'Data Source=/srv/erp/erp.db' para SQLite, 'Host=crm01;Database=crm;Username=ofisync' para PostgreSQL, 'Server=erp-sql01;Database=ERP' para SQL Server o 'Server=crm01;Port=3306;Database=crm;User ID=ofisync' para MariaDB.
'@
        PasswordVariable       = 'El nombre de una variable de entorno que contiene la contraseña. Solo se guarda el nombre; la variable se lee cada vez que se usa la conexión, así que debe estar definida para la cuenta que ejecuta OfiSync, por ejemplo en la tarea programada.'
        PasswordSecret         = 'El nombre de un secreto del módulo SecretManagement (Microsoft.PowerShell.SecretManagement) que contiene la contraseña, como cadena o SecureString, o un PSCredential cuyo nombre de usuario también se usa entonces. El secreto se lee con Get-Secret cada vez que se usa la conexión; debe haber un almacén de secretos registrado para la cuenta que ejecuta OfiSync.'
        PromptForCredential    = 'La contraseña se da cada vez que se usa la conexión, con el parámetro -Credential de Test-SyncConnection, New-SyncLine, Set-SyncLine o Test-SyncLine. Adecuado para el uso interactivo; un trabajo programado debe usar -PasswordVariable o -PasswordSecret.'
        UserName               = 'El nombre de usuario con el que se inicia sesión, usado con la contraseña de -PasswordVariable o -PasswordSecret. Se guarda: no es un secreto. También puede dejarlo en la cadena de conexión.'
        IntegratedSecurity     = 'Solo SQL Server: inicia sesión con la autenticación integrada de Windows, como la cuenta que ejecuta OfiSync. No se necesita ni se guarda ninguna contraseña.'
        Encrypt                = 'Solo SQL Server: el cifrado de la conexión. Mandatory (el valor predeterminado de Microsoft.Data.SqlClient) cifra y valida el certificado del servidor; Optional cifra solo cuando el servidor lo exige; Strict usa TDS 8 y siempre valida el certificado.'
        TrustServerCertificate = 'Solo SQL Server: acepta el certificado TLS del servidor sin validarlo. Úselo solo en una red de confianza; instalar en esta máquina la entidad emisora del certificado es la mejor solución para un certificado que no es de confianza.'
        Description            = 'Un texto libre sobre la conexión, guardado en el almacén.'
        Force                  = 'Sustituye una conexión con el mismo nombre. Las líneas que usan ese nombre usan entonces la nueva definición.'
    }

    Inputs      = 'Objetos con propiedades llamadas como los parámetros (Name, Provider, ConnectionString, PasswordVariable, PasswordSecret, UserName, Description), como las filas de un archivo CSV.'

    Outputs     = 'El SyncConnection que se guardó: Name, Provider, ConnectionString, CredentialSource (None, Environment, Secret o Prompt), CredentialName (el nombre de la variable o del secreto), UserName, Description, Created y Modified. No se escribe nada con -WhatIf ni cuando se rechaza la conexión.'

    Notes       = @'
Una cadena de conexión que contiene una contraseña (Password, Pwd o Passwd) se rechaza con un error que nunca la repite.

OfiSync nunca crea una base de datos SQLite al abrirla: una conexión a un archivo que no existe falla, nombrando el archivo. Una cadena de conexión que dice Mode=ReadWriteCreate crea su archivo al abrirse, para una base de datos hecha a propósito (como cuando Invoke-SyncQuery crea una nueva).
'@

    Examples    = @(
        @{
            Title   = 'Una base de datos SQLite del ERP'
            Remarks = 'SQLite no necesita credencial. El archivo no se abre hasta que se usa la conexión; entonces debe existir, o la línea falla nombrándolo.'
        }
        @{
            Title   = 'Un CRM PostgreSQL cuya contraseña está en una variable de entorno'
            Remarks = 'El almacén guarda el nombre CRM_PASSWORD, nunca la contraseña. La variable se lee cada vez que se usa la conexión; aquí se define solo para esta sesión, y después se prueba la conexión.'
        }
        @{
            Title   = 'Un CRM MariaDB, y un almacén en una base de datos MariaDB'
            Remarks = 'El almacén es una base de datos MariaDB compartida por las máquinas que ejecutan las líneas (su contraseña viene de OFISYNC_STORE_PASSWORD), y la conexión crm lee su contraseña del secreto CrmMariaDb de SecretManagement. OfiSync escribe en MariaDB con INSERT ... ON DUPLICATE KEY UPDATE de varias filas; añada AllowLoadLocalInfile=true a la cadena de conexión para que cargue los lotes con LOAD DATA LOCAL.'
        }
        @{
            Title   = 'Un ERP SQL Server con la autenticación integrada de Windows'
            Remarks = 'Inicia sesión como la cuenta de Windows que ejecuta OfiSync. -Force sustituye una conexión existente llamada erp.'
        }
        @{
            Title   = 'Un CRM SQL Server cuya credencial es un secreto de SecretManagement'
            Remarks = 'El PSCredential se guarda en el almacén de secretos de SecretManagement; la conexión guarda solo el nombre del secreto, CrmSql, y lo lee con Get-Secret cuando se usa. La conexión se cifra y el certificado se valida, como hace SqlClient de forma predeterminada.'
        }
    )
}
