namespace Bpm.Papers;

/// <summary>
/// What a paper's content is, as told by its first bytes. Only <see cref="Pdf"/>, <see cref="Jpeg"/>,
/// <see cref="Png"/> and <see cref="Tiff"/> can be accepted; the others are recognised so that a
/// refusal can say what the file really is.
/// </summary>
public enum PaperKind
{
    Unknown,
    Pdf,
    Jpeg,
    Png,
    Tiff,
    Gif,
    Zip,
    LegacyOffice,
    Executable,
    Script,
    Html,
    Svg,
}
