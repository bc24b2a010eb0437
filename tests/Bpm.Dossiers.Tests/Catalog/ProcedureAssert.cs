using Bpm.Dossiers.Catalog;

namespace Bpm.Dossiers.Tests.Catalog;

/// <summary>Field-by-field equality of procedures (their lists are not compared by the records' own equality).</summary>
internal static class ProcedureAssert
{
    public static void Equal(Procedure expected, Procedure actual)
    {
        Assert.Equal(expected.Code, actual.Code);
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.Sector, actual.Sector);
        Assert.Equal(expected.Levels.Select(Level), actual.Levels.Select(Level));
        Assert.Equal(expected.TimeLimit, actual.TimeLimit);
        Assert.Equal(expected.Fees, actual.Fees);
        Assert.Equal(expected.Papers, actual.Papers);
        Assert.Equal(expected.ResultPapers, actual.ResultPapers);
        Assert.Equal(expected.OnlineLevel, actual.OnlineLevel);
        Assert.Equal(expected.LegalBasis, actual.LegalBasis);
        Assert.Equal(expected.Sources, actual.Sources);
        Assert.Equal(expected.Notes, actual.Notes);
    }

    private static (AdministrativeLevel, string, DateOnly?, DateOnly?, string, string?) Level(ProcedureLevel l) =>
        (l.Level, l.Agency, l.ValidFrom, l.ValidTo, string.Join(' ', l.ReceivingUnits), l.Note);
}
