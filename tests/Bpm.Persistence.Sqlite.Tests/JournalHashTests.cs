namespace Bpm.Persistence.Sqlite.Tests;

/// <summary>The hash format is a contract with auditors' tools (docs/persistence.md): pin it with a known vector.</summary>
public sealed class JournalHashTests
{
    [Fact]
    public void Canonical_KnownRow_IsTheDocumentedJsonArray()
    {
        var at = new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.FromHours(7)).AddTicks(1234567);

        var canonical = JournalHash.Canonical("i1", 1, "instance-started", at, "Nguyễn Văn A", """{"seq":1}""");

        Assert.Equal("""["i1",1,"instance-started","2026-03-02T01:00:00.123456Z","Nguyễn Văn A","{\"seq\":1}"]""", canonical);
    }

    [Fact]
    public void Compute_KnownRow_IsSha256OfCanonicalThenPreviousHash()
    {
        var canonical = """["i1",1,"instance-started","2026-03-02T01:00:00.000000Z",null,"{}"]""";

        var hash = JournalHash.Compute(canonical, JournalHash.Genesis);

        // sha256 of the canonical text followed by 64 '0' characters (printf '%s%s' … | sha256sum).
        Assert.Equal(Expected, hash);
    }

    [Fact]
    public void ComputeRow_RowsOneAfterAnother_AreTheHashOfTheirCanonicalForm()
    {
        // Rows hashed in turn on one thread share its buffer: a long row, then a shorter one, must each hash alone.
        var at = new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.FromHours(7)).AddTicks(1234567);
        var rows = new[]
        {
            Row("hồ-sơ-1", 7, at, "Trần Thị \"Bình\"", """{"note":"Đã tiếp nhận \"đủ\" giấy tờ","values":[1,2,3]}""", Expected),
            Row("i1", 1, at, null, "{}", JournalHash.Genesis),
        };

        foreach (var row in rows)
        {
            var expected = JournalHash.Compute(JournalHash.Canonical(row.InstanceId, row.Seq, row.Type, row.At, row.Actor, row.Payload), row.PreviousHash);
            Assert.Equal(expected, JournalHash.Compute(row));
        }
    }

    [Fact]
    public void ComputeRow_KnownRow_IsTheKnownVector()
    {
        var row = Row("i1", 1, new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero), null, "{}", JournalHash.Genesis);

        Assert.Equal(Expected, JournalHash.Compute(row));
    }

    private static JournalRecord Row(string instanceId, long seq, DateTimeOffset at, string? actor, string payload, string previousHash) => new()
    {
        InstanceId = instanceId,
        Seq = seq,
        Type = "instance-started",
        At = at,
        Actor = actor,
        Payload = payload,
        PreviousHash = previousHash,
        Hash = "",
    };

    private const string Expected = "7fc9360d6116e2facf480b55fc68715f062637bdfb16da614627f8454613dfa1";
}
