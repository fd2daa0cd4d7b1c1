using System.Text.Json.Nodes;
using Ammeindsats.Web.Features.Areas;
using Ammeindsats.Web.Features.Indicators;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Ammeindsats.Web.Infrastructure;

/// <summary>
/// The fixed word lists of the open API, written into the OpenAPI document as enums, so a client generator
/// knows every value a field can take. The API sends these fields as strings (not .NET enums) because the
/// words are part of the contract and must not change when a .NET name does.
/// </summary>
public static class OpenApiEnums
{
    private static readonly string[] AreaTypes = ["country", "region", "cluster", "municipality", "birthSite", "healthCouncil"];

    private static readonly Dictionary<Type, Dictionary<string, (string?[] Values, bool Nullable)>> Fields = new()
    {
        [typeof(IndicatorsApi.ValueDto)] = new()
        {
            ["comparison"] = (["better", "similar", "worse", "higher", "lower"], true),
            ["status"] = (["draft", "submitted", "approved"], false),
        },
        [typeof(IndicatorsApi.AreaRef)] = new() { ["type"] = (AreaTypes, false) },
        [typeof(AreasApi.AreaDto)] = new() { ["type"] = (AreaTypes, false) },
        [typeof(IndicatorsApi.IndicatorDto)] = new()
        {
            ["unit"] = (["percent", "days"], false),
            ["polarity"] = (["higherIsBetter", "lowerIsBetter", "noJudgement"], false),
            ["kind"] = (["threshold", "median", "proportion"], false),
        },
    };

    public static OpenApiOptions Add(OpenApiOptions options) =>
        options.AddSchemaTransformer((schema, context, _) =>
        {
            if (schema.Properties is null || !Fields.TryGetValue(context.JsonTypeInfo.Type, out var fields))
            {
                return Task.CompletedTask;
            }

            foreach (var (name, (values, nullable)) in fields)
            {
                if (schema.Properties.TryGetValue(name, out var property) && property is OpenApiSchema field)
                {
                    var list = values.Select(v => (JsonNode?)JsonValue.Create(v)).ToList();
                    if (nullable)
                    {
                        list.Add(null);
                    }

                    field.Enum = list!;
                }
            }

            return Task.CompletedTask;
        });
}
