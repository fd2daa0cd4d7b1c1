using System.Net;
using Ammeindsats.Core.Access;
using Ammeindsats.Data;
using Ammeindsats.Data.Access;
using Ammeindsats.Web.Tests.Infrastructure;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ammeindsats.Web.Tests.Administration;

/// <summary>Reads pages and fills in their forms the way a browser would, antiforgery token included.</summary>
internal static class Pages
{
    public const string Password = "Korrekt-Hest-2026";

    public static async Task<IDocument> ParseAsync(string html, string url)
    {
        var context = BrowsingContext.New(Configuration.Default);
        return await context.OpenAsync(r => r.Content(html).Address(new Uri(new Uri("http://localhost"), url)));
    }

    /// <summary>GETs a page that must answer 200 and returns it parsed.</summary>
    public static async Task<IDocument> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(
            response.StatusCode == HttpStatusCode.OK,
            $"GET {url}: {(int)response.StatusCode}" + (response.StatusCode == HttpStatusCode.InternalServerError ? "\n" + TestApp.RecentErrors() : string.Empty));
        return await ParseAsync(html, url);
    }

    /// <summary>
    /// Submits the form that holds <paramref name="submitter"/> (a CSS selector for its button), with the form's
    /// own values (hidden fields, selected options, checked boxes) and the given field values on top.
    /// </summary>
    public static Task<HttpResponseMessage> SubmitAsync(HttpClient client, IDocument page, string submitter, Dictionary<string, string>? values = null) =>
        SubmitAsync(client, page, submitter, values?.Select(kv => (kv.Key, kv.Value)).ToList() ?? []);

    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, IDocument page, string submitter, List<(string Name, string Value)> values)
    {
        var button = page.QuerySelector(submitter) ?? throw new InvalidOperationException($"No '{submitter}' on {page.Url}.");
        var form = button.Closest("form") as IHtmlFormElement ?? throw new InvalidOperationException($"'{submitter}' is not in a form.");
        var fields = new List<(string Name, string Value)>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name):
                    if (input.Type is "submit" or "button")
                    {
                        break;
                    }

                    if (input.Type is "checkbox" or "radio" && !input.IsChecked)
                    {
                        break;
                    }

                    fields.Add((input.Name!, input.Value));
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                    foreach (var option in select.Options.Where(o => o.IsSelected))
                    {
                        fields.Add((select.Name!, option.Value));
                    }

                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name):
                    fields.Add((area.Name!, area.Value));
                    break;
            }
        }

        foreach (var name in values.Select(v => v.Name).Distinct())
        {
            fields.RemoveAll(f => f.Name == name);
        }

        fields.AddRange(values);
        var action = button.GetAttribute("formaction") ?? form.GetAttribute("action");
        var target = string.IsNullOrEmpty(action) ? page.Url : new Uri(new Uri(page.Url), action).ToString();
        var uri = new Uri(target);
        return await client.PostAsync(uri.PathAndQuery, new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))));
    }

    /// <summary>Submits and reads the page that follows: the redirect target, or the page shown again.</summary>
    public static async Task<IDocument> SubmitAndFollowAsync(HttpClient client, IDocument page, string submitter, Dictionary<string, string>? values = null)
    {
        var response = await SubmitAsync(client, page, submitter, values);
        if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther)
        {
            return await GetAsync(client, response.Headers.Location!.ToString());
        }

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"POST from {page.Url}: {(int)response.StatusCode}");
        return await ParseAsync(await response.Content.ReadAsStringAsync(), new Uri(page.Url).PathAndQuery);
    }

    /// <summary>Follows the link whose text contains <paramref name="text"/>.</summary>
    public static async Task<IDocument> FollowAsync(HttpClient client, IDocument page, string text)
    {
        var link = page.QuerySelectorAll("a").FirstOrDefault(a => a.TextContent.Contains(text, StringComparison.Ordinal))
                   ?? throw new InvalidOperationException($"No link '{text}' on {page.Url}.");
        return await GetAsync(client, new Uri(new Uri(page.Url), link.GetAttribute("href")!).PathAndQuery);
    }

    /// <summary>The visible text, with runs of white space made single spaces.</summary>
    public static string Text(this IElement? element) =>
        string.Join(' ', (element?.TextContent ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    public static string Text(this IDocument page) => page.Body.Text();

    /// <summary>The text a sighted user sees: without the extra words meant for screen readers only.</summary>
    public static string Visible(this IElement element)
    {
        var copy = (IElement)element.Clone(deep: true);
        foreach (var hidden in copy.QuerySelectorAll(".visually-hidden").ToList())
        {
            hidden.Remove();
        }

        return copy.Text();
    }

    /// <summary>A new user with a password and one grant, made the way the command line does.</summary>
    public static async Task<(string Id, string Email)> CreateUserAsync(TestApp app, Role role, string? area, string prefix = "bruger")
    {
        var email = $"{prefix}-{Guid.NewGuid():N}@example.dk";
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Test " + prefix, CreatedAt = DateTimeOffset.UtcNow };
        var result = await users.CreateAsync(user, Password);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
        var db = scope.ServiceProvider.GetRequiredService<AmmeindsatsDbContext>();
        db.UserGrants.Add(new UserGrant { UserId = user.Id, Role = role, AreaCode = area });
        await db.SaveChangesAsync();
        return (user.Id, email);
    }

    /// <summary>Posts the login form and returns the response, whether the login succeeds or not.</summary>
    public static async Task<HttpResponseMessage> TryLoginAsync(HttpClient client, string email, string password, string? code = null)
    {
        var page = await GetAsync(client, "/konto/log-ind");
        var values = new Dictionary<string, string> { ["Email"] = email, ["Password"] = password };
        if (code is not null)
        {
            values["Code"] = code;
        }

        return await SubmitAsync(client, page, "main form button.button-primary", values);
    }

    public static async Task<T> InScopeAsync<T>(TestApp app, Func<AmmeindsatsDbContext, Task<T>> read)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AmmeindsatsDbContext>();
        return await read(db);
    }

    public static Task<string> UserIdAsync(TestApp app, string email) =>
        InScopeAsync(app, db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
}
