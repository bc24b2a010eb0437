using Microsoft.AspNetCore.Identity;

namespace Bpm.Organisation;

/// <summary>A person (or a machine client) who signs in to Bpm.</summary>
public sealed class BpmUser : IdentityUser
{
    /// <summary>The name shown in the interface, with Vietnamese diacritics.</summary>
    public string DisplayName { get; set; } = "";
}
