using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Iom.Consultations.Domain;
using Iom.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Iom.Consultations.Tests.Funding;

public sealed class FundingTests(ConsultationsFactory consultations) : IClassFixture<ConsultationsFactory>
{
    private async Task<(Guid Consultation, List<Guid> Requests)> RequestsAsync(decimal budget, decimal amount, int count)
    {
        var org = await consultations.AddPartnerAsync();
        var id = await consultations.ScheduleOpenAsync(ConsultationsApi.ConsultationBody(budget: budget, perOrganization: count));
        var requests = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var registration = (await consultations.RegisterOkAsync(id, org, ConsultationsApi.Email())).GetProperty("id").GetGuid();
            var response = await consultations.ClientFor(SuiteRoles.CsoFocalPoint, org).PostAsJsonAsync($"/api/consultations/{id}/funding-requests", new { registrationId = registration, amount });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            requests.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        }

        return (id, requests);
    }

    [Fact]
    public async Task Concurrent_approvals_never_exceed_the_travel_budget()
    {
        // Budget 5 000, ten requests of 1 200 approved at once: exactly four fit.
        var (id, requests) = await RequestsAsync(5_000m, 1_200m, 10);
        var organizer = consultations.ClientFor(SuiteRoles.ConsultationOrganizer);

        var responses = await Task.WhenAll(requests.Select(r => organizer.PostAsync($"/api/consultations/{id}/funding-requests/{r}/approve", null)));

        Assert.Equal(4, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(6, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var refused = await responses.First(r => r.StatusCode == HttpStatusCode.Conflict).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("budget", refused.GetProperty("title").GetString(), StringComparison.Ordinal);
        var approved = await consultations.QueryAsync(db => db.FundingRequests.Where(f => f.ConsultationId == id && f.Status == FundingStatus.Approved).SumAsync(f => f.Amount));
        Assert.Equal(4_800m, approved);
        var summary = await organizer.GetFromJsonAsync<JsonElement>($"/api/consultations/{id}/funding-requests");
        Assert.Equal(200m, summary.GetProperty("remaining").GetDecimal());
    }

    [Fact]
    public async Task A_decided_request_cannot_be_decided_again_and_a_declined_one_does_not_count()
    {
        var (id, requests) = await RequestsAsync(1_000m, 800m, 2);
        var organizer = consultations.ClientFor(SuiteRoles.ConsultationOrganizer);

        Assert.Equal(HttpStatusCode.OK, (await organizer.PostAsync($"/api/consultations/{id}/funding-requests/{requests[0]}/decline", null)).StatusCode);
        await (await organizer.PostAsync($"/api/consultations/{id}/funding-requests/{requests[0]}/approve", null)).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.OK, (await organizer.PostAsync($"/api/consultations/{id}/funding-requests/{requests[1]}/approve", null)).StatusCode);
    }

    [Fact]
    public async Task A_request_with_a_bad_amount_is_a_400()
    {
        var org = await consultations.AddPartnerAsync();
        var id = await consultations.ScheduleOpenAsync(ConsultationsApi.ConsultationBody(budget: 100m));
        var registration = (await consultations.RegisterOkAsync(id, org, ConsultationsApi.Email())).GetProperty("id").GetGuid();

        var response = await consultations.ClientFor(SuiteRoles.CsoFocalPoint, org).PostAsJsonAsync($"/api/consultations/{id}/funding-requests", new { registrationId = registration, amount = -5 });

        Assert.True((await response.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("amount", out _));
        Assert.Equal(0, await consultations.QueryAsync(db => db.FundingRequests.CountAsync(f => f.ConsultationId == id)));
    }
}
