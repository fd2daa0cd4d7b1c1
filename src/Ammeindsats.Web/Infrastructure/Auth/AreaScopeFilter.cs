using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Ammeindsats.Web.Infrastructure.Auth;

/// <summary>
/// Enforces <see cref="AreaScopedAttribute"/> on page handlers before they run: when the request names an area that
/// exists and the caller may not act on it with the attribute's roles, the answer is 403 and the handler never runs.
/// An area that does not exist, or no area at all, is left to the handler, which says so at the field.
/// </summary>
public sealed class AreaScopeFilter(CurrentAccess access) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var scoped = context.HandlerMethod?.MethodInfo.GetCustomAttribute<AreaScopedAttribute>()
            ?? context.ActionDescriptor.HandlerTypeInfo.GetCustomAttribute<AreaScopedAttribute>();
        if (scoped is not null && await AreaOf(context.HttpContext.Request, context.RouteData, scoped.Field) is { Length: > 0 } code)
        {
            var hierarchy = await access.HierarchyAsync();
            var scope = await access.GetAsync();
            if (hierarchy.Find(code) is { } area && !scope.CanActOn(area.Code, [.. scoped.Roles]))
            {
                context.Result = new ForbidResult();
                return;
            }
        }

        await next();
    }

    private static async Task<string?> AreaOf(HttpRequest request, Microsoft.AspNetCore.Routing.RouteData route, string field)
    {
        if (route.Values.TryGetValue(field, out var value) && value?.ToString() is { Length: > 0 } fromRoute)
        {
            return fromRoute.Trim();
        }

        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync();
            if (form.TryGetValue(field, out var fromForm) && !string.IsNullOrWhiteSpace(fromForm))
            {
                return fromForm.ToString().Trim();
            }
        }

        return request.Query.TryGetValue(field, out var fromQuery) && !string.IsNullOrWhiteSpace(fromQuery) ? fromQuery.ToString().Trim() : null;
    }
}
