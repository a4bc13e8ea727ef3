using System.Security.Claims;
using System.Text;
using Iom.ServiceDefaults.Settings;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Iom.ServiceDefaults.Security;

/// <summary>
/// JWT bearer for staff and CSO focal points, the same in the gateway and in every service, configured by
/// <see cref="SuiteAuthOptions"/> ("Auth") and validated at start-up by <see cref="ProductionAuthRules"/>:
/// Authority (a real identity provider, OIDC discovery, RS256 keys from its JWKS) or, in Development only,
/// SigningKey. Lifetime, issuer, audience and signature are always validated; unsigned tokens are refused.
/// </summary>
public static class SuiteAuthentication
{
    public const string DefaultIssuer = "iom-dev";
    public const string DefaultAudience = "iom-api";

    public static TBuilder AddSuiteAuthentication<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddSettings<SuiteAuthOptions>(SuiteAuthOptions.Section);
        builder.Services.AddSingleton<IValidateOptions<SuiteAuthOptions>, ProductionAuthRules>();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<SuiteAuthOptions>, IHostEnvironment>((options, auth, environment) => Configure(options, auth.Value, environment));
        builder.Services.AddAuthorization(SuitePolicies.Add);
        return builder;
    }

    /// <summary>The symmetric development key (HS256), from its configured text.</summary>
    public static SymmetricSecurityKey SigningKey(string key) => new(Encoding.UTF8.GetBytes(key));

    private static void Configure(JwtBearerOptions options, SuiteAuthOptions auth, IHostEnvironment environment)
    {
        options.MapInboundClaims = false;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidAudience = auth.Audience,
            ValidateLifetime = true,
            ClockSkew = TimeSpan.FromSeconds(30),
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateIssuerSigningKey = true,
            NameClaimType = SuiteClaims.Subject,
            RoleClaimType = SuiteClaims.Role,
        };
        if (auth.HasAuthority)
        {
            // Issuer and keys come from the provider's discovery document (keys refreshed as it rotates them).
            options.Authority = auth.Authority;
            options.RequireHttpsMetadata = ProductionAuthRules.RequiresHttpsMetadata(auth, environment);
            options.TokenValidationParameters.ValidIssuer = string.IsNullOrWhiteSpace(auth.Issuer) ? null : auth.Issuer;
            options.TokenValidationParameters.ValidAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384,
                SecurityAlgorithms.RsaSha512, SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
                SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512];
        }
        else if (auth.HasSigningKey)
        {
            options.TokenValidationParameters.ValidIssuer = auth.Issuer ?? DefaultIssuer;
            options.TokenValidationParameters.IssuerSigningKey = SigningKey(auth.SigningKey!);
            options.TokenValidationParameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
        }

        options.Events = new JwtBearerEvents
        {
            OnTokenValidated = context =>
            {
                if (context.Principal?.Identity is ClaimsIdentity identity)
                {
                    ProviderRoles.MapOnto(identity, auth);
                }

                return Task.CompletedTask;
            },
        };
    }
}
