using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Bpm.Server.Hosting;

/// <summary>
/// Checks the JSON body of every endpoint it is put on, before the handler runs and before anything
/// is stored: each text property against its <c>[MaxLength]</c> or <see cref="LimitsOptions.MaxTextLength"/>,
/// each variables map against <see cref="VariableLimits"/>, any other map's size and entries. A body
/// over a limit is a 400 naming the field; the handler never sees it.
/// </summary>
internal static class RequestLimitsFilter
{
    /// <summary>BPMN XML is limited by the engine's reader limits (a 413 naming <c>xml</c>, see XmlInput), not by the text limit.</summary>
    private const string XmlProperty = "Xml";

    public static EndpointFilterDelegate Create(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        // The body is the parameter minimal APIs bind from JSON: one of the server's own request types that is not a service.
        var services = context.ApplicationServices.GetRequiredService<IServiceProviderIsService>();
        var parameters = context.MethodInfo.GetParameters();
        var index = Array.FindIndex(parameters, p => p.ParameterType.IsClass && p.ParameterType.Assembly == typeof(RequestLimitsFilter).Assembly && !services.IsService(p.ParameterType));
        if (index < 0)
        {
            return next;
        }

        var limits = context.ApplicationServices.GetRequiredService<IOptions<LimitsOptions>>().Value;
        var checks = ChecksOf(parameters[index].ParameterType, limits);
        if (checks.Count == 0)
        {
            return next;
        }

        return invocation =>
        {
            if (invocation.Arguments[index] is not { } body)
            {
                return next(invocation);
            }

            var errors = new Dictionary<string, string[]>();
            foreach (var check in checks)
            {
                check(body, errors);
            }

            return errors.Count == 0 ? next(invocation) : ValueTask.FromResult<object?>(Problems.Invalid(errors, "Yêu cầu vượt giới hạn của máy chủ; không có gì được lưu."));
        };
    }

    private static List<Action<object, Dictionary<string, string[]>>> ChecksOf(Type type, LimitsOptions limits)
    {
        var checks = new List<Action<object, Dictionary<string, string[]>>>();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead))
        {
            var field = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            if (property.PropertyType == typeof(string) && property.Name != XmlProperty)
            {
                var max = property.GetCustomAttribute<MaxLengthAttribute>()?.Length ?? limits.MaxTextLength;
                checks.Add((body, errors) => CheckText(field, property.GetValue(body) as string, max, errors));
            }
            else if (typeof(IReadOnlyDictionary<string, JsonElement>).IsAssignableFrom(property.PropertyType))
            {
                checks.Add((body, errors) => VariableLimits.Check(field, property.GetValue(body) as IReadOnlyDictionary<string, JsonElement>, limits, errors));
            }
            else if (typeof(IReadOnlyDictionary<string, string>).IsAssignableFrom(property.PropertyType))
            {
                checks.Add((body, errors) => CheckMap(field, property.GetValue(body) as IReadOnlyDictionary<string, string>, limits, errors));
            }
        }

        return checks;
    }

    private static void CheckText(string field, string? value, int max, Dictionary<string, string[]> errors)
    {
        if (value is { } text && text.Length > max)
        {
            errors[field] = [$"Tối đa {max} ký tự; đã gửi {text.Length} ký tự."];
        }
    }

    private static void CheckMap(string field, IReadOnlyDictionary<string, string>? map, LimitsOptions limits, Dictionary<string, string[]> errors)
    {
        if (map is null)
        {
            return;
        }

        if (map.Count > limits.MaxVariables)
        {
            errors[field] = [$"Tối đa {limits.MaxVariables} mục; đã gửi {map.Count} mục."];
            return;
        }

        foreach (var (key, value) in map)
        {
            var where = $"{field}.{VariableLimits.Shorten(key)}";
            CheckText(where, key, VariableLimits.MaxNameLength, errors);
            CheckText(where, value, limits.MaxTextLength, errors);
        }
    }
}
