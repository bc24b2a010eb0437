namespace Bpm.Server.Tests.Features.Dossiers;

/// <summary>The reception body the dossier suites send: a birth registration at Phương Lâm's desk with both required papers.</summary>
internal static class DossierBodies
{
    public static Dictionary<string, object?> BirthRegistration(string procedureCode = "1.001193", string? unitCode = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["procedureCode"] = procedureCode,
            ["applicant"] = new { kind = "person", fullName = "Nguyễn Văn An", identityNumber = "052099012345", phone = "0912 345 678", address = "Thôn 1, xã Phương Lâm" },
            ["papers"] = new[] { new { id = "to-khai-khai-sinh", count = 1 }, new { id = "giay-chung-sinh", count = 1 } },
            ["channel"] = "desk",
        };
        if (unitCode is not null)
        {
            body["unitCode"] = unitCode;
        }

        return body;
    }
}
