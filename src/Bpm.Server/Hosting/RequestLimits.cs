using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Bpm.Server.Hosting;

/// <summary>Registers the request limits (<see cref="LimitsOptions"/>): body size, JSON depth, text fields and variables.</summary>
public static class RequestLimits
{
    /// <summary>
    /// Requests are read to this depth and responses written to it. It is deeper than any variable
    /// may be (<see cref="LimitsOptions.MaxVariableDepth"/>) so that a response can always carry a
    /// stored variable inside its envelope, including dossiers stored before the variable limit.
    /// </summary>
    public const int JsonDepth = 128;

    public static void AddBpmRequestLimits(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(LimitsOptions.Section);
        builder.Services.Configure<LimitsOptions>(section);
        var limits = section.Get<LimitsOptions>() ?? new LimitsOptions();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = limits.MaxRequestBodyBytes;
            k.Limits.MaxRequestLineSize = Math.Max(k.Limits.MaxRequestLineSize, limits.MaxUrlLength * 8);
        });
        builder.Services.Configure<JsonOptions>(o => o.SerializerOptions.MaxDepth = JsonDepth);
    }

    /// <summary>
    /// Refuses an address over <see cref="LimitsOptions.MaxUrlLength"/> with a 414 ProblemDetails.
    /// Requests Kestrel itself cannot parse (a malformed request line, an address beyond its own
    /// limit) are answered by Kestrel before any middleware runs, with an empty body.
    /// </summary>
    public static void UseBpmRequestLimits(this WebApplication app)
    {
        var maxUrl = app.Services.GetRequiredService<IOptions<LimitsOptions>>().Value.MaxUrlLength;
        app.Use(async (context, next) =>
        {
            var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
            var length = raw is { Length: > 0 } ? raw.Length : context.Request.PathBase.Add(context.Request.Path).ToUriComponent().Length + context.Request.QueryString.ToUriComponent().Length;
            if (length > maxUrl)
            {
                await Problems.WriteAsync(
                    context,
                    StatusCodes.Status414UriTooLong,
                    "Địa chỉ yêu cầu quá dài",
                    $"Địa chỉ (đường dẫn và tham số) dài {length} ký tự, vượt giới hạn {maxUrl} ký tự; hãy gửi dữ liệu trong nội dung yêu cầu.");
                return;
            }

            await next(context);
        });
    }

    /// <summary>Every endpoint under <paramref name="builder"/> checks its request bodies against the limits before its handler runs.</summary>
    public static TBuilder WithRequestLimits<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilterFactory(RequestLimitsFilter.Create);
}
