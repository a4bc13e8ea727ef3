using Iom.Campaign.Domain;
using Iom.ServiceDefaults.Privacy;
using Xunit;

namespace Iom.Campaign.Tests.Moderation;

public sealed class ScreeningTests
{
    [Theory]
    [InlineData("Write to me at amal.h+news@example.org any time.", Screening.Email, "amal.h+news@example.org")]
    [InlineData("Call my cousin on +49 151 2345 6789, he helps.", Screening.Phone, "+49 151 2345 6789")]
    [InlineData("My number is (020) 7946-0958.", Screening.Phone, "(020) 7946-0958")]
    [InlineData("See my blog https://amal.example.com/story?id=4.", Screening.Url, "https://amal.example.com/story?id=4")]
    [InlineData("Look for www.mycafe.de on the map", Screening.Url, "www.mycafe.de")]
    [InlineData("Our group is at refugeeskitchen.org now", Screening.Url, "refugeeskitchen.org")]
    [InlineData("Follow me @amal_cooks for recipes", Screening.SocialHandle, "@amal_cooks")]
    [InlineData("My passport P1234567 was taken at the border", Screening.IdNumber, "P1234567")]
    [InlineData("We live at 42 Baker Street with two families", Screening.StreetAddress, "42 Baker Street")]
    [InlineData("Our flat is on rue de la Paix 12 in the old town", Screening.StreetAddress, "rue de la Paix 12")]
    public void Identifying_details_are_flagged_with_their_kind_and_position(string text, string kind, string found)
    {
        var flag = Assert.Single(Screening.Scan("Title", text), f => f.Field == "story");
        Assert.Equal(kind, flag.Kind);
        Assert.Equal(found, flag.Text);
        Assert.Equal(text.IndexOf(found, StringComparison.Ordinal), flag.Index);
        Assert.Equal(found.Length, flag.Length);
    }

    [Theory]
    [InlineData("I came to Germany in 2015 and worked from 2016-2019 in a bakery.")]
    [InlineData("We were 12 people in a boat for 3 days. The UN helped us.")]
    [InlineData("My mother said: keep your head up, and smile at your neighbours.")]
    [InlineData("It cost 1500 euros, more than a year of wages.")]
    public void Ordinary_story_text_is_not_flagged(string text) =>
        Assert.Empty(Screening.Scan("A title", text));

    [Fact]
    public void An_email_address_is_flagged_once_not_also_as_a_link_or_handle()
    {
        var flags = Screening.Scan(null, "Mail amal@cafe.com please");
        Assert.Equal(Screening.Email, Assert.Single(flags).Kind);
    }

    [Fact]
    public void Several_details_in_title_and_story_are_all_flagged_in_order()
    {
        var flags = Screening.Scan("Call 0151 23456789", "Mail x@y.org or see www.z.org");
        Assert.Equal([("title", Screening.Phone), ("story", Screening.Email), ("story", Screening.Url)], flags.Select(f => (f.Field, f.Kind)).ToArray());
    }
}
