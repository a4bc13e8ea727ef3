using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Iom.Consultations.Domain;
using Iom.ServiceDefaults.Security;
using Xunit;

namespace Iom.Consultations.Tests;

/// <summary>Test helpers that drive the service through its HTTP API (and put partners in the read model directly where eligibility is not the point).</summary>
public static class ConsultationsApi
{
    public static async Task<Guid> AddPartnerAsync(this ConsultationsFactory factory, string country = "KE", PartnerStatus status = PartnerStatus.Active, bool observer = false)
    {
        var id = Guid.NewGuid();
        await factory.QueryAsync(async db =>
        {
            db.Partners.Add(new Partner { Id = id, Name = $"Partner {id:N}", Type = "ngo", Country = country, Status = status, IsObserver = observer, UpdatedAt = DateTimeOffset.UtcNow });
            return await db.SaveChangesAsync();
        });
        return id;
    }

    public static object ConsultationBody(
        string kind = "thematic-consultation",
        int capacity = 50,
        int? perOrganization = null,
        decimal budget = 0m,
        DateTimeOffset? startsAt = null,
        DateTimeOffset? deadline = null,
        Guid[]? conveners = null,
        bool csoLed = false,
        string title = "Consultation on migration health",
        string? region = null,
        bool online = false)
    {
        var start = startsAt ?? DateTimeOffset.UtcNow.AddDays(60);
        return new
        {
            kind,
            title,
            themes = new[] { "migration-health" },
            region,
            city = online ? null : "Geneva",
            country = online ? null : "CH",
            online,
            startsAt = start,
            endsAt = start.AddDays(2),
            convenedByIom = conveners is null || !csoLed,
            convenerOrganizationIds = conveners ?? [],
            csoLed,
            capacity,
            delegatesPerOrganization = perOrganization,
            registrationDeadline = deadline ?? start.AddDays(-7),
            travelBudget = budget,
        };
    }

    public static async Task<Guid> ScheduleAsync(this ConsultationsFactory factory, object body)
    {
        var response = await factory.ClientFor(SuiteRoles.ConsultationOrganizer).PostAsJsonAsync("/api/consultations", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public static async Task<Guid> ScheduleOpenAsync(this ConsultationsFactory factory, object body)
    {
        var id = await factory.ScheduleAsync(body);
        await factory.TransitionAsync(id, "open-registration", HttpStatusCode.OK);
        return id;
    }

    public static async Task<HttpResponseMessage> TransitionAsync(this ConsultationsFactory factory, Guid id, string action, HttpStatusCode expected, object? body = null)
    {
        var response = await factory.ClientFor(SuiteRoles.ConsultationOrganizer).PostAsJsonAsync($"/api/consultations/{id}/{action}", body ?? new { });
        Assert.True(expected == response.StatusCode, $"{action}: expected {expected}, got {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return response;
    }

    public static Task<HttpResponseMessage> RegisterAsync(this HttpClient client, Guid consultationId, Guid organizationId, string email, string name = "A Delegate") =>
        client.PostAsJsonAsync($"/api/consultations/{consultationId}/registrations", new { organizationId, delegateName = name, delegateEmail = email });

    /// <summary>Registers as the organisation's own focal point and returns the registration's JSON (201 expected).</summary>
    public static async Task<JsonElement> RegisterOkAsync(this ConsultationsFactory factory, Guid consultationId, Guid organizationId, string email)
    {
        var response = await factory.ClientFor(SuiteRoles.CsoFocalPoint, organizationId).RegisterAsync(consultationId, organizationId, email);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"register: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"expected {expected}, got {response.StatusCode}: {text}");
        Assert.StartsWith("application/problem+json", response.Content.Headers.ContentType?.MediaType ?? string.Empty, StringComparison.Ordinal);
        return JsonDocument.Parse(text).RootElement;
    }

    public static string Email() => $"d{Guid.NewGuid():N}@example.org";
}
