using System.ComponentModel.DataAnnotations;
using Ammeindsats.Web.Features.Indicators;

namespace Ammeindsats.Web.Tests.Indicators;

public class DisclosureSettingsTests
{
    private static List<ValidationResult> Validate(DisclosureSettings settings)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(settings, new ValidationContext(settings), results, validateAllProperties: true);
        return results;
    }

    [Fact]
    public void Defaults_AreValid_AndReachThePolicy()
    {
        var settings = new DisclosureSettings();
        Assert.Empty(Validate(settings));
        var options = settings.ToOptions();
        Assert.Equal((5, 10, 4), (options.Threshold, options.GroupThreshold, options.ProtectionWidth));
        Assert.True(settings.DecideThresholdsTogether);
        Assert.NotEqual(settings.CacheKey, new DisclosureSettings { DecideThresholdsTogether = false }.CacheKey);
    }

    [Fact]
    public void GroupThreshold_BelowTheThreshold_IsRefused()
    {
        var results = Validate(new DisclosureSettings { Threshold = 8, GroupThreshold = 6 });
        Assert.Contains(results, r => r.MemberNames.Contains(nameof(DisclosureSettings.GroupThreshold)));
    }

    [Theory]
    [InlineData(1, 4)]
    [InlineData(10, -1)]
    [InlineData(10, 21)]
    public void OutOfRange_IsRefused(int groupThreshold, int width) =>
        Assert.NotEmpty(Validate(new DisclosureSettings { Threshold = 2, GroupThreshold = groupThreshold, ProtectionWidth = width }));
}
