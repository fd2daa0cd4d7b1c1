namespace Ammeindsats.Web.Infrastructure;

/// <summary>
/// A path that no page or endpoint serves answers 404 before authorization runs, so nobody is sent to the login
/// page for an address that does not exist, and an API caller with a valid key is told "not found" rather than
/// "not authenticated". API paths get problem+json; pages get the error page through the status-code pages.
/// </summary>
public sealed class UnknownPathMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint() is not null)
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            await Results.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "Ikke fundet",
                detail: $"Adressen {context.Request.Path} findes ikke i API'et. Se /openapi/v1.json.").ExecuteAsync(context);
        }
    }
}
