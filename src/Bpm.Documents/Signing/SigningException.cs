namespace Bpm.Documents.Signing;

/// <summary>A unit cannot sign: its certificate file is missing, unreadable, has no private key or has expired.</summary>
/// <param name="message">What is wrong, naming the unit and the file.</param>
/// <param name="inner">The underlying error, if any.</param>
public sealed class SigningException(string message, Exception? inner = null) : Exception(message, inner);
