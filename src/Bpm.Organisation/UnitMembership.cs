namespace Bpm.Organisation;

/// <summary>
/// A user working in a unit in a BPMN role (<c>bpm:role</c>: reception, specialist, leader,
/// accountant, clerk…). Tasks are visible to a user only through a membership.
/// </summary>
public sealed class UnitMembership
{
    public required string UserId { get; set; }

    public required string UnitCode { get; set; }

    /// <summary>The <c>bpm:role</c> value this user takes in the unit, lower case.</summary>
    public required string Role { get; set; }
}
