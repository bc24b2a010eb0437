using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Bpm.Server.Hosting;

/// <summary>
/// Checks the JSON body of every endpoint it is put on, before the handler runs and before anything
/// is stored, at every level of the body: each text against its <c>[MaxLength]</c> or
/// <see cref="LimitsOptions.MaxTextLength"/>, each list against its <c>[MaxLength]</c> or
/// <see cref="LimitsOptions.MaxVariables"/> entries, each variables map against <see cref="VariableLimits"/>,
/// any other map's size and entries; a body read as raw JSON (<see cref="JsonElement"/>) has every
/// string and every array or object checked the same way. A body over a limit is a 400 naming the
/// field (<c>papers[2].reason</c>); the handler never sees it.
/// </summary>
internal static class RequestLimitsFilter
{
    /// <summary>BPMN XML is limited by the engine's reader limits (a 413 naming <c>xml</c>, see XmlInput), not by the text limit.</summary>
    private const string XmlProperty = "Xml";

    /// <summary>Request types nest a level or two; a deeper walk would be a type that refers to itself.</summary>
    private const int MaxTypeDepth = 8;

    public static EndpointFilterDelegate Create(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        // The body is the parameter minimal APIs bind from JSON: one of the server's own request types
        // that is not a service, or raw JSON.
        var services = context.ApplicationServices.GetRequiredService<IServiceProviderIsService>();
        var parameters = context.MethodInfo.GetParameters();
        var index = Array.FindIndex(parameters, p => p.ParameterType == typeof(JsonElement) || (IsRequestType(p.ParameterType) && !services.IsService(p.ParameterType)));
        if (index < 0)
        {
            return next;
        }

        var limits = context.ApplicationServices.GetRequiredService<IOptions<LimitsOptions>>().Value;
        return invocation =>
        {
            var errors = new Dictionary<string, string[]>();
            CheckValue("", invocation.Arguments[index], null, limits, errors, 0);
            return errors.Count == 0 ? next(invocation) : ValueTask.FromResult<object?>(Problems.Invalid(errors, "Yêu cầu vượt giới hạn của máy chủ; không có gì được lưu."));
        };
    }

    private static bool IsRequestType(Type type) =>
        type.IsClass && type != typeof(string) && type.Assembly == typeof(RequestLimitsFilter).Assembly;

    private static void CheckValue(string field, object? value, int? maxLength, LimitsOptions limits, Dictionary<string, string[]> errors, int depth)
    {
        switch (value)
        {
            case null:
                return;
            case string text:
                CheckText(field, text, maxLength ?? limits.MaxTextLength, errors);
                return;
            case JsonElement json:
                CheckJson(field, json, limits, errors);
                return;
            case IReadOnlyDictionary<string, JsonElement> variables:
                VariableLimits.Check(field, variables, limits, errors);
                return;
            case IReadOnlyDictionary<string, string> map:
                CheckMap(field, map, limits, errors);
                return;
            case IEnumerable items:
                CheckItems(field, items.Cast<object?>().ToList(), maxLength ?? limits.MaxVariables, limits, errors, depth);
                return;
        }

        if (!IsRequestType(value.GetType()) || depth >= MaxTypeDepth)
        {
            return;
        }

        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.GetIndexParameters().Length == 0))
        {
            if (property.Name == XmlProperty && property.PropertyType == typeof(string))
            {
                continue;
            }

            var name = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            CheckValue(field.Length == 0 ? name : $"{field}.{name}", property.GetValue(value), property.GetCustomAttribute<MaxLengthAttribute>()?.Length, limits, errors, depth + 1);
        }
    }

    private static void CheckItems(string field, List<object?> items, int max, LimitsOptions limits, Dictionary<string, string[]> errors, int depth)
    {
        if (items.Count > max)
        {
            errors[field] = [$"Tối đa {max} mục; đã gửi {items.Count} mục."];
            return;
        }

        for (var i = 0; i < items.Count; i++)
        {
            CheckValue($"{field}[{i}]", items[i], null, limits, errors, depth + 1);
        }
    }

    /// <summary>Raw JSON read by the handler field by field (a reception): the same text and entry limits, at every level.</summary>
    private static void CheckJson(string field, JsonElement json, LimitsOptions limits, Dictionary<string, string[]> errors)
    {
        switch (json.ValueKind)
        {
            case JsonValueKind.String:
                CheckText(field, json.GetString(), limits.MaxTextLength, errors);
                break;
            case JsonValueKind.Array:
                var length = json.GetArrayLength();
                if (length > limits.MaxVariables)
                {
                    errors[field] = [$"Tối đa {limits.MaxVariables} mục; đã gửi {length} mục."];
                    break;
                }

                var i = 0;
                foreach (var item in json.EnumerateArray())
                {
                    CheckJson($"{field}[{i++}]", item, limits, errors);
                }

                break;
            case JsonValueKind.Object:
                var properties = json.EnumerateObject().ToList();
                if (properties.Count > limits.MaxVariables)
                {
                    errors[field.Length == 0 ? "$" : field] = [$"Tối đa {limits.MaxVariables} mục; đã gửi {properties.Count} mục."];
                    break;
                }

                foreach (var property in properties)
                {
                    var name = VariableLimits.Shorten(property.Name);
                    CheckJson(field.Length == 0 ? name : $"{field}.{name}", property.Value, limits, errors);
                }

                break;
        }
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
