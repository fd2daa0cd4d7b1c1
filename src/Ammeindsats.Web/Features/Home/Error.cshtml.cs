using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ammeindsats.Web.Features.Home;

[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public string Title { get; private set; } = "Der opstod en fejl";

    public string Message { get; private set; } = "Noget gik galt hos os. Prøv igen om lidt.";

    public void OnGet(int? code) => Describe(code);

    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        (Title, Message) = code switch
        {
            404 => ("Siden findes ikke", "Siden eller posten findes ikke, eller du har ikke adgang til at se den."),
            403 => ("Ingen adgang", "Du har ikke adgang til dette område. Kontakt en administrator, hvis du mener, at du burde have adgang."),
            429 => ("For mange forsøg", "Du har prøvet for mange gange på kort tid. Vent et minut, og prøv igen."),
            413 => ("Filen er for stor", "Filen er større, end systemet tager imod. Del den op, eller kontakt en administrator."),
            400 => ("Ugyldig forespørgsel", "Forespørgslen kunne ikke behandles. Indlæs siden igen, og prøv en gang til."),
            _ => (Title, Message),
        };
        if (code is not null)
        {
            Response.StatusCode = code.Value;
        }
    }
}
