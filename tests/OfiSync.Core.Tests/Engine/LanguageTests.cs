using Microsoft.Data.Sqlite;
using OfiSync.Core.Connections;
using OfiSync.Core.Engine;
using OfiSync.Core.Filtering;
using OfiSync.Core.Lines;
using OfiSync.Core.Store;
using OfiSync.Core.Tests.Infrastructure;
using Xunit;

namespace OfiSync.Core.Tests.Engine;

/// <summary>
/// The language of messages follows the UI culture: Spanish under es-ES (and es-MX...), English under en-US and under
/// a culture without a translation (fr-FR). What is stored stays English whatever the UI culture.
/// </summary>
[Collection(ProcessCultureCollection.Name)]
public sealed class LanguageTests
{
    [Fact]
    public async Task A_refused_filter_speaks_the_user_language_and_keeps_its_caret_under_the_same_character()
    {
        const string filter = "poblacion -eq 'Málaga'; nombre -like 'A*'";
        string Refusal() => Assert.Throws<FilterException>(() => FilterExpression.Parse(filter)).Message;

        var spanish = await ProcessCultureCollection.InCulture("es-ES", () => Task.FromResult(Refusal()));
        var english = await ProcessCultureCollection.InCulture("en-US", () => Task.FromResult(Refusal()));
        var french = await ProcessCultureCollection.InCulture("fr-FR", () => Task.FromResult(Refusal()));

        Assert.StartsWith("No se admite ';': un filtro es una condición, no una lista de instrucciones.", spanish);
        Assert.StartsWith("';' is not allowed: a filter is one condition, not a list of statements.", english);
        Assert.Equal(english, french);
        // The quoted filter and its caret come from the position, not from the translated reason.
        var caret = english.Split('\n')[1..];
        Assert.Equal(caret, spanish.Split('\n')[1..]);
        Assert.Equal(filter.IndexOf(';', StringComparison.Ordinal), caret[1].IndexOf('^', StringComparison.Ordinal) - 2);
    }

    [Fact]
    public async Task An_engine_error_is_shown_in_Spanish_under_es_ES_in_English_under_fr_FR_and_stored_in_English()
    {
        var spanish = await ProcessCultureCollection.InCulture("es-ES", LineWithoutItsTargetTable);
        var french = await ProcessCultureCollection.InCulture("fr-FR", LineWithoutItsTargetTable);

        Assert.Equal("La tabla 'cuenta' no existe en la conexión 'CRM'.", spanish.Shown);
        Assert.Equal("The table 'cuenta' does not exist in the connection 'CRM'.", french.Shown);
        Assert.Equal("The table 'cuenta' does not exist in the connection 'CRM'.", spanish.Stored);
        Assert.Equal(spanish.Stored, french.Stored);
        Assert.Equal("Failed", spanish.Status);
    }

    [Fact]
    public async Task A_connection_that_fails_in_a_run_is_shown_in_Spanish_and_stored_in_English()
    {
        var spanish = await ProcessCultureCollection.InCulture("es-ES", () => LineWithoutItsTargetTable(deleteSource: true));

        Assert.StartsWith("La base de datos SQLite de la conexión 'ERP' no existe:", spanish.Shown);
        Assert.StartsWith("The SQLite database of the connection 'ERP' does not exist:", spanish.Stored);
        Assert.Equal("Failed", spanish.Status);
    }

    [Fact]
    public async Task A_refused_run_filter_is_shown_in_Spanish_and_stored_in_English()
    {
        var spanish = await ProcessCultureCollection.InCulture("es-ES", () => LineWithoutItsTargetTable(filter: "ciudad -eq 'Madrid'"));

        Assert.StartsWith("Nombre desconocido 'ciudad'.", spanish.Shown);
        Assert.StartsWith("Unknown name 'ciudad'.", spanish.Stored);
        Assert.Contains("\n  ciudad -eq 'Madrid'\n  ^", spanish.Stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_has_the_same_values_in_every_language_and_an_unknown_language_falls_back_to_English()
    {
        string Texts() => Messages.LineLocked("Clientes", TimeSpan.FromSeconds(2.5)) + "\n" + Messages.ProgressRowsOf(1234567, null, 1500);

        var spanish = await ProcessCultureCollection.InCulture("es-ES", () => Task.FromResult(Texts()));
        var mexican = await ProcessCultureCollection.InCulture("es-MX", () => Task.FromResult(Texts()));
        var french = await ProcessCultureCollection.InCulture("fr-FR", () => Task.FromResult(Texts()));
        var english = await ProcessCultureCollection.InCulture("en-US", () => Task.FromResult(Texts()));

        // Data-like values (seconds, keys) invariant in every language; progress counts grouped as the user's culture writes them.
        Assert.Contains("se ha esperado 2.5 s", spanish);
        Assert.Contains("1.234.567 filas, 1.500 filas/s", spanish);
        Assert.Contains("se ha esperado 2.5 s", mexican);
        Assert.Contains("waited 2.5 s", english);
        Assert.Contains("1,234,567 rows, 1,500 rows/s", english);
        Assert.Contains("waited 2.5 s", french);
        Assert.DoesNotContain("esperado", french);
    }

    [Fact]
    public async Task Stored_texts_are_English_under_any_UI_culture()
    {
        var stored = await ProcessCultureCollection.InCulture("es-ES", () => Task.FromResult(new[]
        {
            Messages.Stored.RunInterrupted, Messages.Stored.KeyIsNull("codigo"), Messages.Stored.DeleteCapExceeded("Clientes", 30, 200, 12.5),
            Messages.InEnglish(() => Messages.LineNotFound("Clientes")),
        }));
        Assert.StartsWith("The run ended without finishing", stored[0]);
        Assert.Equal("The key column codigo is NULL in the source: the row cannot be identified.", stored[1]);
        Assert.Contains("more than the 12.5% safety cap", stored[2]);
        Assert.StartsWith("No sync line named 'Clientes' exists", stored[3]);
        // ...and InEnglish leaves the thread's UI culture as it was.
        Assert.StartsWith("No existe ninguna línea", await ProcessCultureCollection.InCulture("es-ES", () =>
        {
            Messages.InEnglish(() => Messages.LineNotFound("x"));
            return Task.FromResult(Messages.LineNotFound("Clientes"));
        }));
    }

    private static async Task<(string Shown, string? Stored, string Status)> LineWithoutItsTargetTable() => await LineWithoutItsTargetTable(false);

    /// <summary>A line run once: without its target table, or (with a filter) with it and refused by the run's filter.</summary>
    private static async Task<(string Shown, string? Stored, string Status)> LineWithoutItsTargetTable(bool deleteSource = false, string? filter = null)
    {
        using var dir = new TempDirectory();
        foreach (var db in new[] { "erp.db", "crm.db" })
        {
            using var c = new SqliteConnection("Data Source=" + dir.File(db) + ";Pooling=false");
            c.Open();
            using var command = c.CreateCommand();
            command.CommandText = "CREATE TABLE cliente (codigo TEXT PRIMARY KEY, nombre TEXT)" + (filter is null ? "" : "; CREATE TABLE cuenta (codigo TEXT PRIMARY KEY)");
            command.ExecuteNonQuery();
        }
        var store = SyncStore.Open(StoreLocation.Parse(dir.File("store.db")));
        store.SaveConnection(new SyncConnection { Name = "ERP", Provider = "Sqlite", ConnectionString = "Data Source=" + dir.File("erp.db") }, replace: true);
        store.SaveConnection(new SyncConnection { Name = "CRM", Provider = "Sqlite", ConnectionString = "Data Source=" + dir.File("crm.db") }, replace: true);
        var line = new SyncLine
        {
            Name = "Clientes", Source = "ERP", SourceTable = "cliente", Target = "CRM", TargetTable = "cuenta",
            Key = { "codigo" }, TargetKey = { "codigo" }, Columns = { new() { TargetColumn = "codigo", SourceColumn = "codigo" } },
        };
        store.AddLine(line);
        var engine = new SyncEngine(store, ConnectionOpener.WithoutCredentials);
        SqliteConnection.ClearAllPools();
        if (deleteSource) File.Delete(dir.File("erp.db"));
        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await foreach (var _ in engine.RunAsync(line, new SyncOptions { Filter = filter }, null, null, default)) { }
        });
        Assert.True(error is SyncLineException or SyncConnectionException, error.ToString());
        var run = Assert.Single(store.GetRuns());
        SqliteConnection.ClearAllPools();
        return (error.Message, run.Message, run.Status.ToString());
    }
}
