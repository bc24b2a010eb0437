namespace Bpm.Dossiers.Dossiers;

/// <summary>The statuses an applicant and staff read (issue 11), as stored and sent: kebab-case.</summary>
public static class DossierStatus
{
    public const string Received = "received";
    public const string Processing = "processing";
    public const string WaitingForSupplement = "waiting-for-supplement";
    public const string Paused = "paused";
    public const string Refused = "refused";
    public const string Withdrawn = "withdrawn";
    public const string ResultReady = "result-ready";
    public const string Returned = "returned";

    public static IReadOnlyList<string> All { get; } =
        [Received, Processing, WaitingForSupplement, Paused, Refused, Withdrawn, ResultReady, Returned];

    /// <summary>Refused, withdrawn and returned dossiers take no further step.</summary>
    public static bool IsClosed(string status) => status is Refused or Withdrawn or Returned;

    /// <summary>The status in Vietnamese, as a user reads it.</summary>
    public static string Label(string status) => status switch
    {
        Received => "Đã tiếp nhận",
        Processing => "Đang xử lý",
        WaitingForSupplement => "Chờ bổ sung hồ sơ",
        Paused => "Tạm dừng",
        Refused => "Từ chối giải quyết",
        Withdrawn => "Đã rút hồ sơ",
        ResultReady => "Đã có kết quả",
        Returned => "Đã trả kết quả",
        _ => status,
    };
}
