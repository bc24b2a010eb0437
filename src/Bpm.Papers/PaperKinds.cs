namespace Bpm.Papers;

/// <summary>The names, media types and file extensions of each <see cref="PaperKind"/>.</summary>
public static class PaperKinds
{
    private sealed record Facts(string Setting, string Display, string MediaType, string[] Extensions, string[] MediaTypeAliases);

    private static readonly Dictionary<PaperKind, Facts> All = new()
    {
        [PaperKind.Pdf] = new("pdf", "PDF", "application/pdf", [".pdf"], ["application/x-pdf"]),
        [PaperKind.Jpeg] = new("jpeg", "ảnh JPEG", "image/jpeg", [".jpg", ".jpeg", ".jpe", ".jfif"], ["image/jpg", "image/pjpeg"]),
        [PaperKind.Png] = new("png", "ảnh PNG", "image/png", [".png"], ["image/x-png"]),
        [PaperKind.Tiff] = new("tiff", "ảnh TIFF", "image/tiff", [".tif", ".tiff"], ["image/tif", "image/x-tiff"]),
        [PaperKind.Gif] = new("gif", "ảnh GIF", "image/gif", [".gif"], []),
        [PaperKind.Zip] = new("zip", "tệp nén ZIP hoặc tài liệu Office (DOCX, XLSX…)", "application/zip",
            [".zip", ".docx", ".docm", ".xlsx", ".xlsm", ".pptx", ".odt", ".ods", ".jar", ".apk"],
            ["application/x-zip-compressed", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
             "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"]),
        [PaperKind.LegacyOffice] = new("office", "tài liệu Office đời cũ (DOC, XLS)", "application/x-ole-storage",
            [".doc", ".xls", ".ppt", ".msg"], ["application/msword", "application/vnd.ms-excel"]),
        [PaperKind.Executable] = new("executable", "tệp chương trình chạy được", "application/x-msdownload",
            [".exe", ".dll", ".com", ".scr", ".msi", ".sys", ".cpl", ".elf", ".so"],
            ["application/x-dosexec", "application/x-executable", "application/vnd.microsoft.portable-executable"]),
        [PaperKind.Script] = new("script", "tệp lệnh (script)", "text/x-shellscript",
            [".sh", ".bat", ".cmd", ".ps1", ".js", ".vbs", ".py"], ["application/javascript", "text/javascript", "application/x-sh"]),
        [PaperKind.Html] = new("html", "trang HTML", "text/html", [".html", ".htm", ".xhtml", ".hta"], ["application/xhtml+xml"]),
        [PaperKind.Svg] = new("svg", "ảnh SVG (có thể chứa mã lệnh)", "image/svg+xml", [".svg", ".svgz"], []),
        [PaperKind.Unknown] = new("unknown", "loại không nhận ra được", "application/octet-stream", [], []),
    };

    /// <summary>The kinds Bpm can ever accept; <see cref="PaperOptions.AllowedTypes"/> picks among them.</summary>
    public static IReadOnlyList<PaperKind> Acceptable { get; } = [PaperKind.Pdf, PaperKind.Jpeg, PaperKind.Png, PaperKind.Tiff];

    /// <summary>The media type a stored paper of this kind is served with.</summary>
    public static string MediaType(this PaperKind kind) => All[kind].MediaType;

    /// <summary>The Vietnamese name used in refusals.</summary>
    public static string Display(this PaperKind kind) => All[kind].Display;

    /// <summary>The token used in <c>Bpm:Papers:AllowedTypes</c>.</summary>
    public static string Setting(this PaperKind kind) => All[kind].Setting;

    /// <summary>The kind a setting token names, or null.</summary>
    public static PaperKind? FromSetting(string token) =>
        All.FirstOrDefault(p => string.Equals(p.Value.Setting, token, StringComparison.OrdinalIgnoreCase)) is { Value: not null } hit ? hit.Key : null;

    /// <summary>The kind a file extension (with its dot, any case) claims, or null when the extension says nothing Bpm knows.</summary>
    public static PaperKind? FromExtension(string extension) =>
        All.FirstOrDefault(p => p.Value.Extensions.Contains(extension, StringComparer.OrdinalIgnoreCase)) is { Value: not null } hit ? hit.Key : null;

    /// <summary>
    /// The kind a declared media type claims, or null when it says nothing (absent, generic
    /// <c>application/octet-stream</c>, or unknown to Bpm). Parameters such as <c>; charset=</c> are ignored.
    /// </summary>
    public static PaperKind? FromMediaType(string? mediaType)
    {
        var bare = mediaType?.Split(';', 2)[0].Trim();
        if (string.IsNullOrEmpty(bare) || bare.Equals("application/octet-stream", StringComparison.OrdinalIgnoreCase) || bare.Equals("binary/octet-stream", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return All.FirstOrDefault(p => p.Key != PaperKind.Unknown
            && (p.Value.MediaType.Equals(bare, StringComparison.OrdinalIgnoreCase) || p.Value.MediaTypeAliases.Contains(bare, StringComparer.OrdinalIgnoreCase))) is { Value: not null } hit
            ? hit.Key
            : null;
    }
}
