using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace Iom.ServiceDefaults.Security;

/// <summary>
/// JWT bearer for staff and CSO focal points, the same in the gateway and in every service.
/// Configuration "Auth": Authority (a real identity provider, OIDC discovery) or SigningKey (local development),
/// Issuer, Audience. Lifetime, issuer, audience and signature are always validated.
/// </summary>
public static class SuiteAuthentication
{
    public const string DefaultIssuer = "iom-dev";
    public const string DefaultAudience = "iom-api";

    public static TBuilder AddSuiteAuthentication<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var auth = builder.Configuration.GetSection("Auth");
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                options.MapInboundClaims = false;
                var authority = auth["Authority"];
                if (!string.IsNullOrWhiteSpace(authority))
                {
                    options.Authority = authority;
                    options.RequireHttpsMetadata = !builder.Environment.IsDevelopment();
                }

                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidateIssuer = true,
                    ValidIssuer = auth["Issuer"] ?? DefaultIssuer,
                    ValidateAudience = true,
                    ValidAudience = auth["Audience"] ?? DefaultAudience,
                    ValidateLifetime = true,
                    ClockSkew = TimeSpan.FromSeconds(30),
                    RequireSignedTokens = true,
                    ValidateIssuerSigningKey = true,
                    NameClaimType = SuiteClaims.Subject,
                    RoleClaimType = SuiteClaims.Role,
                };
                var key = auth["SigningKey"];
                if (string.IsNullOrWhiteSpace(authority))
                {
                    if (string.IsNullOrWhiteSpace(key))
                    {
                        throw new InvalidOperationException("Auth:Authority or Auth:SigningKey must be configured.");
                    }

                    options.TokenValidationParameters.IssuerSigningKey = SigningKey(key);
                }
            });
        builder.Services.AddAuthorization(SuitePolicies.Add);
        return builder;
    }

    /// <summary>The symmetric development key (HS256), from its configured text.</summary>
    public static SymmetricSecurityKey SigningKey(string key) => new(Encoding.UTF8.GetBytes(key));
}
