using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;

namespace Ammeindsats.Web.Features.Home;

/// <summary>POST /sprog: switches between Danish and English with a necessary cookie, then goes back.</summary>
public static class LanguageEndpoint
{
    public static void Map(WebApplication app) =>
        app.MapPost("/sprog", SetLanguage).AllowAnonymous().ExcludeFromDescription();

    private static IResult SetLanguage(HttpContext http, [FromForm] string culture, [FromForm] string? returnUrl)
    {
        var chosen = culture is "en-GB" ? "en-GB" : "da-DK";
        http.Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true, Secure = http.Request.IsHttps });
        var target = !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) ? returnUrl : "/";
        return Results.LocalRedirect(target);
    }
}
