using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Ammeindsats.Web.Features.Shared;

/// <summary>Field-level error markup for Det Fælles Designsystem: the group's class and the input's aria-describedby.</summary>
public static class FormErrors
{
    public static bool HasError(this ModelStateDictionary state, string key) =>
        state.TryGetValue(key, out var entry) && entry.Errors.Count > 0;

    public static string GroupClass(this ModelStateDictionary state, string key) =>
        state.HasError(key) ? "form-group form-error" : "form-group";

    /// <summary>The ids that describe an input: its hint (when there is one) and its error (when there is one); null leaves the attribute out.</summary>
    public static string? DescribedBy(this ModelStateDictionary state, string key, bool hint = false)
    {
        var ids = new List<string>(2);
        if (hint)
        {
            ids.Add(key + "-hint");
        }

        if (state.HasError(key))
        {
            ids.Add(key + "-error");
        }

        return ids.Count == 0 ? null : string.Join(' ', ids);
    }
}
