using Ammeindsats.Core.Common;

namespace Ammeindsats.Core.Tests.Common;

public class DanishTextTests
{
    [Fact]
    public void Comparer_PutsÆØÅAfterZ_ReadsAaAsÅ_AndIgnoresCase()
    {
        string[] names = ["Århus", "aabenraa", "Ølstykke", "Zealand", "ærø", "Odder"];

        var sorted = names.Order(DanishText.Comparer).ToList();

        // The Danish alphabet ends z, æ, ø, å, and a double a is å: åbenraa before århus.
        Assert.Equal(["Odder", "Zealand", "ærø", "Ølstykke", "aabenraa", "Århus"], sorted);
        Assert.Equal(0, DanishText.Comparer.Compare("ODDER", "odder"));
    }
}
