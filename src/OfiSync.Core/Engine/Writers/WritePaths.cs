namespace OfiSync.Core.Engine.Writers;

/// <summary>
/// Which way a writer's rows went, counted in rows: the plain bulk insert of rows the state said were new, the upsert,
/// and the rows tried by the plain insert that fell back to the upsert because the target held their key already.
/// A diagnostic: the bench and the tests read it to see that the fast path was taken and the fallback works.
/// </summary>
public sealed class WritePaths
{
    public long BulkInserted { get; internal set; }
    public long Upserted { get; internal set; }
    /// <summary>Rows of a plain insert that met a duplicate key and went through the upsert (counted in Upserted too).</summary>
    public long FellBack { get; internal set; }

    public WritePaths Copy() => new() { BulkInserted = BulkInserted, Upserted = Upserted, FellBack = FellBack };

    /// <summary>Adds what <paramref name="after"/> counted since <paramref name="before"/>.</summary>
    internal void Add(WritePaths before, WritePaths after)
    {
        BulkInserted += after.BulkInserted - before.BulkInserted;
        Upserted += after.Upserted - before.Upserted;
        FellBack += after.FellBack - before.FellBack;
    }

    public override string ToString() => $"BulkInserted={BulkInserted}, Upserted={Upserted}, FellBack={FellBack}";
}
