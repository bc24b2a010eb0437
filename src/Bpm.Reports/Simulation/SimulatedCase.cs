using Bpm.Dossiers.Catalog;
using Bpm.Dossiers.Dossiers;
using Bpm.Persistence;

namespace Bpm.Reports.Simulation;

/// <summary>
/// One simulated dossier: what was drawn for it when its month began (where, what, how it
/// comes, what happens to it) and what the run learnt of it since (its code, instance, due date and
/// open task).
/// </summary>
internal sealed class SimulatedCase(LevelModel model, SimulatedUnit unit, Procedure procedure, string channel, DateTimeOffset arrivesAt)
{
    public LevelModel Model { get; } = model;

    /// <summary>The desk that receives it, whose random sequence draws everything that happens to it.</summary>
    public SimulatedUnit Unit { get; } = unit;

    public SimulatedDesk Desk => Unit.Desk;

    public Procedure Procedure { get; } = procedure;

    public string Channel { get; } = channel;

    public DateTimeOffset ArrivesAt { get; } = arrivesAt;

    public required SimulatedApplicant Applicant { get; init; }

    public required string Officer { get; init; }

    public bool Refused { get; init; }

    public bool Withdrawn { get; init; }

    public bool Supplement { get; init; }

    public string Code { get; set; } = "";

    public string InstanceId { get; set; } = "";

    public bool Closed { get; set; }

    public DateTimeOffset? DueAt { get; set; }

    public (string ElementId, string TaskId)? OpenTask { get; set; }

    /// <summary>The dossier row as the reception stored it and this run's steps changed it; dropped when the dossier closes.</summary>
    public DossierRecord? Dossier { get; set; }

    /// <summary>The number of the dossier's last event (the reception's is 1).</summary>
    public int EventSeq { get; set; }

    /// <summary>The instance's last journal number as the executor last reported it; null until a command here reported one.</summary>
    public long? JournalSeq { get; set; }
}

/// <summary>The applicant's draws, kept as numbers until the dossier arrives: a province plans about a million.</summary>
internal readonly record struct SimulatedApplicant(int Year, int Female, int Number, int Family, int Given)
{
    private static readonly string[] FamilyNames = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Phan", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"];
    private static readonly string[] GivenNames = ["Văn An", "Thị Bình", "Minh Châu", "Quốc Dũng", "Thị Hà", "Văn Hùng", "Thị Lan", "Đức Long", "Thị Mai", "Hữu Nam", "Thị Ngọc", "Văn Phúc", "Thanh Sơn", "Thị Thu", "Văn Tín", "Thị Yến"];

    /// <summary>Draws in the order the simulator always has (year, gender, number, family, given), so a seed gives the same applicants.</summary>
    public static SimulatedApplicant Draw(Random random)
    {
        var year = random.Next(1960, 2000);
        var female = random.Next(2);
        var number = random.Next(1_000_000);
        return new SimulatedApplicant(year, female, number, random.Next(FamilyNames.Length), random.Next(GivenNames.Length));
    }

    public ApplicantInput ToInput() =>
        new("person", $"{FamilyNames[Family]} {GivenNames[Given]}", $"052{Female}{Year % 100:D2}{Number:D6}", null, null, "Tỉnh Bình Định", null, null);
}
