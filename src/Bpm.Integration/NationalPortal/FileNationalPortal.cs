namespace Bpm.Integration.NationalPortal;

/// <summary>
/// Not the portal: each status update is appended to a JSON-lines file (by default
/// <c>DATA/integration/national-portal.jsonl</c>). The default, so that an installation without a
/// portal agreement sends nothing; an operator can hand the file over or replay it later.
/// </summary>
public sealed class FileNationalPortal(string path) : INationalPortal
{
    private readonly JsonLines _file = new(path);

    public string Name => "file";

    public async Task<PortalAnswer> SyncStatusAsync(PortalStatusUpdate update, CancellationToken cancellationToken)
    {
        await _file.AppendAsync(update, cancellationToken);
        return new PortalAnswer(true, false, $"ghi vào tệp {Path.GetFileName(path)} (không gửi lên Cổng)");
    }
}
