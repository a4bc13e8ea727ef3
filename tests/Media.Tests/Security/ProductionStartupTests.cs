using Iom.TestSupport;
using Xunit;

namespace Iom.Media.Tests.Security;

/// <summary>Outside Development the service refuses development secrets at start-up, saying what to set.</summary>
public sealed class ProductionStartupTests
{
    [Fact]
    public Task In_production_a_symmetric_signing_key_stops_the_service_with_one_line_saying_what_to_set() =>
        ProductionServiceStartup.AssertRefusesSigningKeyAsync<Program>("mediadb");

    [Fact]
    public Task In_production_an_empty_authority_stops_the_service() =>
        ProductionServiceStartup.AssertRefusesMissingAuthorityAsync<Program>("mediadb");
}
