namespace Bpm.Engine.Conditions;

/// <summary>A condition that cannot be parsed or evaluated; its message names what and where.</summary>
internal sealed class ConditionException(string message) : Exception(message);
