using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Iom.Campaign.Data;
using Iom.ServiceDefaults.Input;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Iom.Campaign.Idempotency;

/// <summary>
/// Honours the <c>Idempotency-Key</c> header of the app's POSTs (phones on bad networks retry). The record lives in
/// Campaign's own PostgreSQL database (idempotency_records), so it works while Redis is away and survives restarts:
/// the first request claims the key in progress under a short lease, runs, and completes the record with its answer
/// in the same transaction as its change — so one key never creates two things. A retry gets the stored answer
/// back; a concurrent retry waits for the first to finish; a retry after a crash mid-request takes the key over once
/// the lease has run out. The same key with a different body is a 422. Refused requests release the key.
/// Call it after validating the request: a request that cannot succeed never claims a key.
/// </summary>
internal sealed partial class IdempotencyStore(
    CampaignDbContext db, TimeProvider clock, IOptions<IdempotencyOptions> options, IOptions<JsonOptions> json, ILogger<IdempotencyStore> logger)
{
    public const string HeaderName = "Idempotency-Key";
    public const string ReplayedHeaderName = "Idempotent-Replayed";

    public async Task<IResult> ExecuteAsync(
        HttpContext http, string scope, object request, Func<Task<IResult>> run, Func<object?, Guid?>? resourceOf = null)
    {
        var key = http.Request.Headers[HeaderName].ToString();
        if (string.IsNullOrEmpty(key))
        {
            return await run();
        }

        if (key.Length > 200 || key.Any(c => c < '!' || c > '~'))
        {
            return new ValidationErrors().Add(HeaderName, "The Idempotency-Key header must be 1 to 200 visible ASCII characters.").ToProblem();
        }

        var keyHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"id\n{scope}\n{key}")));
        var bodyKey = SHA256.HashData(Encoding.UTF8.GetBytes($"body\n{scope}\n{key}"));
        var requestHash = Convert.ToHexStringLower(HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(key), JsonSerializer.SerializeToUtf8Bytes(request, request.GetType(), json.Value.SerializerOptions)));
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var owner = Guid.NewGuid();
            if (await ClaimAsync(keyHash, scope, requestHash, owner, http.RequestAborted))
            {
                if (await RunAndCompleteAsync(keyHash, owner, bodyKey, scope, run, resourceOf, http.RequestAborted) is { } result)
                {
                    return result;
                }

                continue; // the lease ran out and another retry took the key over: wait for its answer
            }

            var record = await db.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(r => r.KeyHash == keyHash, http.RequestAborted);
            if (record is null)
            {
                continue; // released meanwhile: claim it
            }

            if (!string.Equals(record.RequestHash, requestHash, StringComparison.Ordinal))
            {
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status422UnprocessableEntity,
                    title: "The Idempotency-Key was already used for a different request.",
                    detail: "Send a new key with a new request; reuse a key only to retry the very same request.");
            }

            if (record is { State: IdempotencyState.Completed, StatusCode: { } status })
            {
                LogReplayed(logger, scope);
                return new IdempotentResponse.Replayed(status, record.Location, record.Body is null ? "null" : IdempotentResponse.Decrypt(bodyKey, record.Body));
            }

            if (waited.Elapsed > options.Value.WaitForInProgress)
            {
                var leaseLeft = record.LeaseUntil - clock.GetUtcNow();
                http.Response.Headers.RetryAfter = Math.Clamp((int)Math.Ceiling(leaseLeft.TotalSeconds), 1, 600).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status409Conflict,
                    title: "A request with this Idempotency-Key is still being processed.",
                    detail: "Retry the same request with the same key in a moment.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), http.RequestAborted);
        }
    }

    /// <summary>Claims a new key, or takes over one whose in-progress lease ran out (its request crashed or hangs).</summary>
    private async Task<bool> ClaimAsync(string keyHash, string scope, string requestHash, Guid owner, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var leaseUntil = now + options.Value.Lease;
        var inProgress = nameof(IdempotencyState.InProgress);
        var claimed = await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO idempotency_records ("KeyHash", "Scope", "RequestHash", "State", "Owner", "LeaseUntil", "CreatedAt")
            VALUES ({keyHash}, {scope}, {requestHash}, {inProgress}, {owner}, {leaseUntil}, {now})
            ON CONFLICT ("KeyHash") DO UPDATE SET "Owner" = excluded."Owner", "LeaseUntil" = excluded."LeaseUntil", "RequestHash" = excluded."RequestHash"
            WHERE idempotency_records."State" = {inProgress} AND idempotency_records."LeaseUntil" < {now}
            """,
            cancellationToken);
        return claimed == 1;
    }

    /// <summary>Runs the request in a transaction that also completes the record; null when the lease was lost meanwhile.</summary>
    private async Task<IResult?> RunAndCompleteAsync(
        string keyHash, Guid owner, byte[] bodyKey, string scope, Func<Task<IResult>> run, Func<object?, Guid?>? resourceOf, CancellationToken cancellationToken)
    {
        IResult result;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            try
            {
                result = await run();
            }
            catch
            {
                await transaction.RollbackAsync(CancellationToken.None);
                await ReleaseAsync(keyHash, owner);
                throw;
            }

            var inner = result is INestedHttpResult nested ? nested.Result : result;
            if (inner is IStatusCodeHttpResult { StatusCode: >= 200 and < 300 } success and IValueHttpResult value)
            {
                var location = inner.GetType().GetProperty("Location")?.GetValue(inner) as string;
                var body = JsonSerializer.Serialize(value.Value, value.Value?.GetType() ?? typeof(object), json.Value.SerializerOptions);
                var sealedBody = IdempotentResponse.Encrypt(bodyKey, body);
                var status = success.StatusCode;
                var resource = resourceOf?.Invoke(value.Value);
                var now = clock.GetUtcNow();
                var completed = nameof(IdempotencyState.Completed);
                var updated = await db.Database.ExecuteSqlAsync(
                    $"""
                    UPDATE idempotency_records SET "State" = {completed}, "StatusCode" = {status}, "Location" = {location}, "Body" = {sealedBody},
                        "ResourceId" = {resource}, "CompletedAt" = {now}
                    WHERE "KeyHash" = {keyHash} AND "Owner" = {owner}
                    """,
                    cancellationToken);
                if (updated == 1)
                {
                    await transaction.CommitAsync(cancellationToken);
                    LogStored(logger, scope);
                    return result;
                }

                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                return null;
            }

            // Refused requests changed nothing: release the key so a corrected retry can use it.
            await transaction.RollbackAsync(cancellationToken);
        }

        db.ChangeTracker.Clear();
        await ReleaseAsync(keyHash, owner);
        return result;
    }

    private Task ReleaseAsync(string keyHash, Guid owner) =>
        db.Database.ExecuteSqlAsync($"""DELETE FROM idempotency_records WHERE "KeyHash" = {keyHash} AND "Owner" = {owner}""", CancellationToken.None);

    [LoggerMessage(Level = LogLevel.Information, Message = "Replayed the stored response of an idempotent {Scope} request")]
    private static partial void LogReplayed(ILogger logger, string scope);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Stored the response of an idempotent {Scope} request")]
    private static partial void LogStored(ILogger logger, string scope);
}
