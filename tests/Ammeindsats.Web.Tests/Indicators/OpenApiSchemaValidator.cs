using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Ammeindsats.Web.Tests.Indicators;

/// <summary>
/// Checks a JSON value against a schema of an OpenAPI 3.0/3.1 document: type (also a list of types),
/// nullable, properties, required, undeclared properties, items, $ref, enum, oneOf/anyOf/allOf, pattern
/// and the date-time format. Enough for the API's own responses; not a general JSON Schema validator.
/// Strict (the default) also refuses properties the schema does not declare, so the document lists every
/// field the API sends; problem answers are checked leniently, as RFC 9457 allows extension members.
/// </summary>
public sealed class OpenApiSchemaValidator(JsonElement document, bool strict = true)
{
    public List<string> Validate(JsonElement value, JsonElement schema, string path)
    {
        var errors = new List<string>();
        Check(value, schema, path, errors, depth: 0);
        return errors;
    }

    public JsonElement Resolve(string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Only local references are supported: {reference}");
        }

        var node = document;
        foreach (var part in reference[2..].Split('/'))
        {
            var name = part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (!node.TryGetProperty(name, out node))
            {
                throw new InvalidOperationException($"The document has no {reference}.");
            }
        }

        return node;
    }

    private void Check(JsonElement value, JsonElement schema, string path, List<string> errors, int depth)
    {
        if (depth > 64)
        {
            errors.Add($"{path}: schema nests too deep");
            return;
        }

        if (schema.ValueKind == JsonValueKind.True)
        {
            return;
        }

        if (schema.ValueKind == JsonValueKind.False)
        {
            errors.Add($"{path}: no value is allowed here");
            return;
        }

        if (schema.TryGetProperty("$ref", out var reference))
        {
            Check(value, Resolve(reference.GetString()!), path, errors, depth + 1);
        }

        if (schema.TryGetProperty("allOf", out var allOf))
        {
            foreach (var part in allOf.EnumerateArray())
            {
                Check(value, part, path, errors, depth + 1);
            }
        }

        if (schema.TryGetProperty("oneOf", out var oneOf))
        {
            var matching = oneOf.EnumerateArray().Count(part => Validate(value, part, path).Count == 0);
            if (matching != 1)
            {
                errors.Add($"{path}: matches {matching} of the oneOf schemas, not exactly one ({Describe(value)})");
            }
        }

        if (schema.TryGetProperty("anyOf", out var anyOf) && !anyOf.EnumerateArray().Any(part => Validate(value, part, path).Count == 0))
        {
            errors.Add($"{path}: matches none of the anyOf schemas ({Describe(value)})");
        }

        if (value.ValueKind == JsonValueKind.Null && schema.TryGetProperty("nullable", out var nullable) && nullable.ValueKind == JsonValueKind.True)
        {
            return;
        }

        if (schema.TryGetProperty("type", out var type))
        {
            var allowed = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToList() : [type.GetString()!];
            if (!allowed.Any(t => IsOfType(value, t)))
            {
                errors.Add($"{path}: is {Describe(value)}, the document says {string.Join(" or ", allowed)}");
                return;
            }
        }

        if (schema.TryGetProperty("enum", out var allowedValues) && !allowedValues.EnumerateArray().Any(a => JsonElement.DeepEquals(a, value)))
        {
            errors.Add($"{path}: {value.GetRawText()} is not one of {allowedValues.GetRawText()}");
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            var text = value.GetString()!;
            if (schema.TryGetProperty("pattern", out var pattern) && !Regex.IsMatch(text, pattern.GetString()!, RegexOptions.None, TimeSpan.FromSeconds(1)))
            {
                errors.Add($"{path}: \"{text}\" does not match {pattern.GetString()}");
            }

            if (schema.TryGetProperty("format", out var format) && format.GetString() == "date-time"
                && !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                errors.Add($"{path}: \"{text}\" is not a date-time");
            }
        }

        if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var i = 0;
            foreach (var item in value.EnumerateArray())
            {
                Check(item, items, $"{path}[{i++}]", errors, depth + 1);
            }
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            CheckObject(value, schema, path, errors, depth);
        }
    }

    private void CheckObject(JsonElement value, JsonElement schema, string path, List<string> errors, int depth)
    {
        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
            {
                if (!value.TryGetProperty(name, out _))
                {
                    errors.Add($"{path}: the required property '{name}' is missing");
                }
            }
        }

        var hasProperties = schema.TryGetProperty("properties", out var properties);
        var additional = schema.TryGetProperty("additionalProperties", out var extra) ? extra : (JsonElement?)null;
        foreach (var property in value.EnumerateObject())
        {
            if (hasProperties && properties.TryGetProperty(property.Name, out var propertySchema))
            {
                Check(property.Value, propertySchema, $"{path}.{property.Name}", errors, depth + 1);
            }
            else if (additional is { ValueKind: JsonValueKind.Object } additionalSchema)
            {
                Check(property.Value, additionalSchema, $"{path}.{property.Name}", errors, depth + 1);
            }
            else if (strict && hasProperties && additional is not { ValueKind: JsonValueKind.True })
            {
                // The document is the contract: a field the API sends must be in it.
                errors.Add($"{path}: the property '{property.Name}' is not in the document");
            }
        }
    }

    private static bool IsOfType(JsonElement value, string type) => type switch
    {
        "null" => value.ValueKind == JsonValueKind.Null,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "string" => value.ValueKind == JsonValueKind.String,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var d) && d == decimal.Truncate(d),
        "array" => value.ValueKind == JsonValueKind.Array,
        "object" => value.ValueKind == JsonValueKind.Object,
        _ => throw new InvalidOperationException($"Unknown type '{type}' in the document."),
    };

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{value.GetString()}\"",
        JsonValueKind.Object or JsonValueKind.Array => value.ValueKind.ToString().ToLowerInvariant(),
        _ => value.GetRawText(),
    };
}
