using Bpm.Engine;
using Bpm.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bpm.Server.Features.Definitions;

/// <summary>The checks every endpoint that receives BPMN XML makes before anything else.</summary>
internal static class XmlInput
{
    public static ProblemHttpResult? Check(string? xml, bool requireWellFormed = false)
    {
        if (string.IsNullOrWhiteSpace(xml))
        {
            return Problems.BadRequest("xml", "Hãy gửi nội dung BPMN XML.");
        }

        var limit = ReaderLimits.Default.MaxBytes;
        if (xml.Length > limit)
        {
            return Problems.TooLarge("xml", $"Tài liệu BPMN dài {xml.Length:N0} ký tự, vượt giới hạn {limit:N0} ký tự.");
        }

        if (requireWellFormed && BpmnDocument.WellFormedError(xml) is { } error)
        {
            return Problems.BadRequest("xml", error, "Nội dung không phải tài liệu BPMN 2.0 đọc được; không có gì được lưu.");
        }

        return null;
    }
}
