using Microsoft.AspNetCore.Http.Json;

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
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = limits.MaxRequestBodyBytes);
        builder.Services.Configure<JsonOptions>(o => o.SerializerOptions.MaxDepth = JsonDepth);
    }

    /// <summary>Every endpoint under <paramref name="builder"/> checks its request bodies against the limits before its handler runs.</summary>
    public static TBuilder WithRequestLimits<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilterFactory(RequestLimitsFilter.Create);
}
