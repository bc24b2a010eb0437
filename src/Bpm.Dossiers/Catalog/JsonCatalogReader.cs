using System.Text;
using System.Text.Json;

namespace Bpm.Dossiers.Catalog;

/// <summary>
/// Reads the JSON format of <c>workflows/catalog/procedures.schema.json</c>. Every procedure is
/// checked; a procedure's row is its 1-based place in the <c>procedures</c> array and its line the
/// line of its opening brace.
/// </summary>
public static class JsonCatalogReader
{
    private static readonly string[] ProcedureFields =
        ["code", "name", "sector", "levels", "timeLimit", "fees", "papers", "resultPapers", "onlineLevel", "legalBasis", "sources", "notes"];

    public static CatalogLoadResult Read(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        List<int> lines;
        JsonDocument document;
        try
        {
            lines = ProcedureLines(bytes);
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException e)
        {
            return CatalogLoadResult.Failed([new CatalogError(0, (int)(e.LineNumber ?? 0) + 1, "(file)", $"not valid JSON: {e.Message}")]);
        }

        using (document)
        {
            var errors = new List<CatalogError>();
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("procedures", out var array) || array.ValueKind != JsonValueKind.Array)
            {
                return CatalogLoadResult.Failed([new CatalogError(0, 1, "procedures", "the file must be an object with a \"procedures\" array")]);
            }

            if (root.TryGetProperty("version", out var version) && !(version.ValueKind == JsonValueKind.Number && version.TryGetInt32(out var number) && number == 1))
            {
                return CatalogLoadResult.Failed([new CatalogError(0, 1, "version", $"version {version} is not supported (1 is)")]);
            }

            var procedures = new List<(Procedure, CatalogRow)>();
            var index = 0;
            foreach (var element in array.EnumerateArray())
            {
                var row = new CatalogRow(index + 1, index < lines.Count ? lines[index] : 1, errors);
                if (element.ValueKind == JsonValueKind.Object)
                {
                    procedures.Add((ReadProcedure(new Fields(element, "", row)), row));
                }
                else
                {
                    row.Error("(procedure)", $"must be an object, not {element.ValueKind.ToString().ToLowerInvariant()}");
                }

                index++;
            }

            return CatalogRules.Finish(procedures, errors);
        }
    }

    private static Procedure ReadProcedure(Fields f)
    {
        f.OnlyKnown(ProcedureFields);
        var row = f.Row;
        var procedure = new Procedure
        {
            Code = row.Code("code", f.String("code")),
            Name = row.Text("name", f.String("name")),
            Sector = row.Text("sector", f.String("sector")),
            Levels = f.Objects("levels", required: true).Select(ReadLevel).ToList(),
            TimeLimit = f.Has("timeLimit") && f.Object("timeLimit") is { } limit ? ReadTimeLimit(limit) : null,
            Fees = f.Objects("fees", required: true).Select(ReadFee).ToList(),
            Papers = f.Objects("papers", required: true).Select(ReadPaper).ToList(),
            ResultPapers = f.Strings("resultPapers", required: true),
            OnlineLevel = f.Has("onlineLevel") && f.String("onlineLevel") is { } online ? row.Enum<OnlineLevel>("onlineLevel", online) : null,
            LegalBasis = f.Strings("legalBasis", required: true),
            Sources = f.Objects("sources", required: true).Select(ReadSource).ToList(),
            Notes = CatalogRow.OptionalText(f.String("notes")),
        };
        row.CheckRules(procedure);
        return procedure;
    }

    private static ProcedureLevel ReadLevel(Fields f)
    {
        f.OnlyKnown(["level", "agency", "validFrom", "validTo", "receivingUnits", "note"]);
        return new ProcedureLevel
        {
            Level = f.Row.Enum<AdministrativeLevel>(f.Path("level"), f.String("level")),
            Agency = f.Row.Text(f.Path("agency"), f.String("agency")),
            ValidFrom = f.Row.Date(f.Path("validFrom"), f.String("validFrom")),
            ValidTo = f.Row.Date(f.Path("validTo"), f.String("validTo")),
            ReceivingUnits = f.Strings("receivingUnits", required: false).Select((u, i) => f.Row.UnitCode($"{f.Path("receivingUnits")}[{i}]", u)).ToList(),
            Note = CatalogRow.OptionalText(f.String("note")),
        };
    }

    private static TimeLimit ReadTimeLimit(Fields f)
    {
        f.OnlyKnown(["value", "unit", "sameDay", "note"]);
        return new TimeLimit(
            f.Decimal("value") ?? 1,
            f.Row.Enum<TimeLimitUnit>(f.Path("unit"), f.String("unit")),
            f.Bool("sameDay", required: false),
            CatalogRow.OptionalText(f.String("note")));
    }

    private static Fee ReadFee(Fields f)
    {
        f.OnlyKnown(["kind", "name", "amountVnd", "note", "exemptions"]);
        return new Fee(
            f.Row.Enum<FeeKind>(f.Path("kind"), f.String("kind")),
            f.Row.Text(f.Path("name"), f.String("name")),
            f.Long("amountVnd"),
            CatalogRow.OptionalText(f.String("note")),
            CatalogRow.OptionalText(f.String("exemptions")));
    }

    private static Paper ReadPaper(Fields f)
    {
        f.OnlyKnown(["id", "name", "form", "count", "digitisedResultReplaces", "required", "presentOnly", "note"]);
        return new Paper
        {
            Id = f.Row.PaperId(f.Path("id"), f.String("id")),
            Name = f.Row.Text(f.Path("name"), f.String("name")),
            Form = f.Row.Enum<PaperForm>(f.Path("form"), f.String("form")),
            Count = f.Row.Count(f.Path("count"), f.Long("count", required: true)),
            DigitisedResultReplaces = f.Bool("digitisedResultReplaces", required: true),
            Required = f.Bool("required", required: true),
            PresentOnly = f.Bool("presentOnly", required: false),
            Note = CatalogRow.OptionalText(f.String("note")),
        };
    }

    private static Source ReadSource(Fields f)
    {
        f.OnlyKnown(["title", "url", "reference", "date"]);
        return new Source(
            f.Row.Text(f.Path("title"), f.String("title")),
            CatalogRow.OptionalText(f.String("url")),
            CatalogRow.OptionalText(f.String("reference")),
            f.Row.Date(f.Path("date"), f.String("date")));
    }

    /// <summary>The line of each element of the top-level <c>procedures</c> array, which <see cref="JsonDocument"/> does not keep.</summary>
    private static List<int> ProcedureLines(byte[] bytes)
    {
        var lines = new List<int>();
        var reader = new Utf8JsonReader(bytes);
        var inProcedures = false;
        while (reader.Read())
        {
            if (reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.PropertyName)
            {
                inProcedures = reader.ValueTextEquals("procedures"u8);
            }
            else if (inProcedures && reader.CurrentDepth == 2 && reader.TokenType is not (JsonTokenType.EndObject or JsonTokenType.EndArray))
            {
                lines.Add(1 + bytes.AsSpan(0, (int)reader.TokenStartIndex).Count((byte)'\n'));
                reader.Skip();
            }
        }

        return lines;
    }

    /// <summary>The members of one JSON object, read with the row's checks; <c>prefix</c> is the object's path (<c>papers[2]</c>).</summary>
    private sealed class Fields(JsonElement element, string prefix, CatalogRow row)
    {
        public CatalogRow Row { get; } = row;

        public string Path(string name) => prefix.Length == 0 ? name : $"{prefix}.{name}";

        public void OnlyKnown(string[] names)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                return;
            }

            foreach (var property in element.EnumerateObject().Where(p => !names.Contains(p.Name)))
            {
                Row.Error(Path(property.Name), "is not a field of the catalogue format");
            }
        }

        public string? String(string name)
        {
            var value = Get(name);
            if (value is null or { ValueKind: JsonValueKind.Null })
            {
                return null;
            }

            if (value.Value.ValueKind != JsonValueKind.String)
            {
                Row.Error(Path(name), $"must be a string, not {Kind(value.Value)}");
                return null;
            }

            return value.Value.GetString();
        }

        public bool Bool(string name, bool required)
        {
            var value = Get(name);
            if (value is { ValueKind: JsonValueKind.True or JsonValueKind.False })
            {
                return value.Value.GetBoolean();
            }

            if (value is not null || required)
            {
                Row.Error(Path(name), value is null ? "is required (true or false)" : $"must be true or false, not {Kind(value.Value)}");
            }

            return false;
        }

        public long? Long(string name, bool required = false)
        {
            var value = Get(name);
            if (value is null or { ValueKind: JsonValueKind.Null })
            {
                if (required)
                {
                    Row.Error(Path(name), "is required");
                }

                return null;
            }

            if (value.Value.ValueKind == JsonValueKind.Number && value.Value.TryGetInt64(out var number))
            {
                return number;
            }

            Row.Error(Path(name), $"must be a whole number, not {value.Value.GetRawText()}");
            return null;
        }

        public decimal? Decimal(string name)
        {
            var value = Get(name);
            if (value is { ValueKind: JsonValueKind.Number } && value.Value.TryGetDecimal(out var number))
            {
                return number;
            }

            Row.Error(Path(name), value is null ? "is required" : $"must be a number, not {value.Value.GetRawText()}");
            return null;
        }

        public Fields? Object(string name)
        {
            var value = Get(name);
            if (value is null or { ValueKind: JsonValueKind.Null })
            {
                return null;
            }

            if (value.Value.ValueKind != JsonValueKind.Object)
            {
                Row.Error(Path(name), $"must be an object, not {Kind(value.Value)}");
                return null;
            }

            return new Fields(value.Value, Path(name), Row);
        }

        /// <summary>Whether a key that may be null is there at all; the format wants "not known" said with null.</summary>
        public bool Has(string name)
        {
            if (Get(name) is null)
            {
                Row.Error(Path(name), "is required (null when not known)");
                return false;
            }

            return true;
        }

        public IEnumerable<Fields> Objects(string name, bool required)
        {
            var items = Array(name, required);
            for (var i = 0; i < items.Count; i++)
            {
                if (items[i].ValueKind != JsonValueKind.Object)
                {
                    Row.Error($"{Path(name)}[{i}]", $"must be an object, not {Kind(items[i])}");
                    continue;
                }

                yield return new Fields(items[i], $"{Path(name)}[{i}]", Row);
            }
        }

        public List<string> Strings(string name, bool required)
        {
            var items = Array(name, required);
            var strings = new List<string>();
            for (var i = 0; i < items.Count; i++)
            {
                if (items[i].ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(items[i].GetString()))
                {
                    strings.Add(items[i].GetString()!.Trim());
                }
                else
                {
                    Row.Error($"{Path(name)}[{i}]", "must be a non-empty string");
                }
            }

            return strings;
        }

        private List<JsonElement> Array(string name, bool required)
        {
            var value = Get(name);
            if (value is null)
            {
                if (required)
                {
                    Row.Error(Path(name), "is required (an array, [] when empty)");
                }

                return [];
            }

            if (value.Value.ValueKind != JsonValueKind.Array)
            {
                Row.Error(Path(name), $"must be an array, not {Kind(value.Value)}");
                return [];
            }

            return [.. value.Value.EnumerateArray()];
        }

        private JsonElement? Get(string name) =>
            element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : null;

        private static string Kind(JsonElement value) => value.ValueKind.ToString().ToLowerInvariant();
    }
}
