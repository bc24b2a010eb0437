namespace Bpm.Integration;

/// <summary>A connector's configuration or mapping file is wrong; the message says where.</summary>
public sealed class IntegrationConfigurationException(string message) : Exception(message);
