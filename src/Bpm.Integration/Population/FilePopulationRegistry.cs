using System.Text.Json;
using Bpm.Dossiers.Dossiers;

namespace Bpm.Integration.Population;

/// <summary>
/// Not the national database: look-ups answered from a JSON file of people
/// (<c>workflows/integration/population-sample.json</c> ships fictitious ones), for demonstrations,
/// training and tests. A number is checked as a citizen identity number before it is looked up.
/// </summary>
public sealed class FilePopulationRegistry : IPopulationRegistry
{
    private readonly IReadOnlyDictionary<string, Citizen> _people;
    private readonly TimeProvider _time;

    /// <exception cref="IntegrationConfigurationException">The file is missing or not a list of citizens; the message names the file and the entry.</exception>
    public FilePopulationRegistry(string path, TimeProvider time)
    {
        _time = time;
        if (!File.Exists(path))
        {
            throw new IntegrationConfigurationException($"{path}: the population file is missing");
        }

        List<Citizen?>? people;
        try
        {
            people = JsonSerializer.Deserialize<List<Citizen?>>(File.ReadAllText(path), JsonLines.Json);
        }
        catch (JsonException e)
        {
            throw new IntegrationConfigurationException($"{path}: not a list of citizens (line {e.LineNumber + 1}): {e.Message}");
        }

        var byNumber = new Dictionary<string, Citizen>(StringComparer.Ordinal);
        foreach (var (person, index) in (people ?? []).Select((p, i) => (p, i)))
        {
            if (person is null || string.IsNullOrWhiteSpace(person.IdentityNumber) || string.IsNullOrWhiteSpace(person.FullName))
            {
                throw new IntegrationConfigurationException($"{path}: [{index}]: needs identityNumber and fullName");
            }

            if (!byNumber.TryAdd(person.IdentityNumber, person))
            {
                throw new IntegrationConfigurationException($"{path}: [{index}]: identityNumber {person.IdentityNumber} is there twice");
            }
        }

        _people = byNumber;
    }

    public string Name => "file";

    public Task<CitizenLookup> FindAsync(string identityNumber, CancellationToken cancellationToken)
    {
        if (CitizenIdentityNumber.Check(identityNumber, DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime)) is { } reason)
        {
            return Task.FromResult<CitizenLookup>(new CitizenLookup.Invalid(reason));
        }

        return Task.FromResult<CitizenLookup>(_people.TryGetValue(identityNumber, out var citizen)
            ? new CitizenLookup.Found(citizen)
            : new CitizenLookup.NotFound(identityNumber));
    }
}
