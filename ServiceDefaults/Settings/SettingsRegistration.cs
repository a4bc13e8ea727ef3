using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Iom.ServiceDefaults.Settings;

/// <summary>
/// The one way a setting is read: a class bound to its configuration section, checked by its data annotations, and
/// refused at start-up with a message naming the setting (<c>Media:Feed:PageSize — The field PageSize must be between 1
/// and 200.</c>; a value that does not convert names its key too). No code reads <c>configuration["..."]</c> inline
/// (<c>SettingsTests</c> in Architecture.Tests keeps it so).
/// </summary>
public static class SettingsRegistration
{
    /// <summary>Registers <typeparamref name="TSettings"/> as options bound to <paramref name="section"/>, validated when the host starts.</summary>
    public static OptionsBuilder<TSettings> AddSettings<TSettings>(this IServiceCollection services, string section)
        where TSettings : class
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TSettings>>(new SectionValidator<TSettings>(section)));
        return services.AddOptions<TSettings>().BindConfiguration(section).ValidateOnStart();
    }

    /// <summary>
    /// For a setting the composition root needs while it registers (a queue prefix, a timeout in a connection string):
    /// registers it as <see cref="AddSettings{TSettings}(IServiceCollection, string)"/> does and returns it bound and
    /// validated now.
    /// </summary>
    public static TSettings AddSettings<TSettings>(this IHostApplicationBuilder builder, string section)
        where TSettings : class, new()
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSettings<TSettings>(section);
        return builder.Configuration.ReadSettings<TSettings>(section);
    }

    /// <summary>The section bound and validated now; throws <see cref="OptionsValidationException"/> naming each bad setting.</summary>
    public static TSettings ReadSettings<TSettings>(this IConfiguration configuration, string section)
        where TSettings : class, new()
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var settings = new TSettings();
        configuration.GetSection(section).Bind(settings);
        var errors = SectionValidator<TSettings>.Errors(section, settings);
        return errors.Count == 0 ? settings : throw new OptionsValidationException(section, typeof(TSettings), errors);
    }

    private sealed class SectionValidator<TSettings>(string section) : IValidateOptions<TSettings>
        where TSettings : class
    {
        public ValidateOptionsResult Validate(string? name, TSettings options)
        {
            if (name is not null && name != Options.DefaultName)
            {
                return ValidateOptionsResult.Skip;
            }

            var errors = Errors(section, options);
            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }

        public static List<string> Errors(string section, TSettings settings)
        {
            var results = new List<ValidationResult>();
            Validator.TryValidateObject(settings, new ValidationContext(settings), results, validateAllProperties: true);
            return results
                .Select(r => $"{Key(section, r.MemberNames.FirstOrDefault())} — {r.ErrorMessage}")
                .ToList();
        }

        private static string Key(string section, string? member) =>
            string.IsNullOrEmpty(member) ? section : string.IsNullOrEmpty(section) ? member : section + ":" + member;
    }
}
