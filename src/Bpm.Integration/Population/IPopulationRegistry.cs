namespace Bpm.Integration.Population;

/// <summary>A citizen as the national population database gives them: enough to fill a reception form.</summary>
public sealed record Citizen(string IdentityNumber, string FullName, DateOnly DateOfBirth, string Gender, string PermanentAddress);

/// <summary>The answer to one look-up.</summary>
public abstract record CitizenLookup
{
    private CitizenLookup()
    {
    }

    public sealed record Found(Citizen Citizen) : CitizenLookup;

    /// <summary>A well-formed number the registry does not know.</summary>
    public sealed record NotFound(string IdentityNumber) : CitizenLookup;

    /// <summary>Not a citizen identity number; asked of nobody. <see cref="Reason"/> is the Vietnamese message.</summary>
    public sealed record Invalid(string Reason) : CitizenLookup;

    /// <summary>The registry did not answer; the officer types the applicant's details by hand.</summary>
    public sealed record Unavailable(string Reason) : CitizenLookup;
}

/// <summary>
/// Identity look-up in the national population database (Cơ sở dữ liệu quốc gia về dân cư).
/// Shipped: <see cref="FilePopulationRegistry"/> over a file of fictitious people and
/// <see cref="HttpPopulationRegistry"/> (tested against a stub). Neither reaches the real database.
/// </summary>
public interface IPopulationRegistry
{
    string Name { get; }

    Task<CitizenLookup> FindAsync(string identityNumber, CancellationToken cancellationToken);
}
