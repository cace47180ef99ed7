using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Rathaus.Data;
using Rathaus.Platform.Audit;
using Rathaus.Platform.Auth;
using Rathaus.Platform.Layout;
using Rathaus.Platform.Operations;
using Rathaus.Platform.OrgChart;
using Rathaus.Platform.Scheduling;

namespace Rathaus.Platform;

/// <summary>Org chart, staff login, audit, localization, layout and operations: what every other module stands on.</summary>
public static class PlatformModule
{
    public static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    /// <summary>The language of the request's texts as stored with a concern or subscription for later mails: "de" or "en".</summary>
    public static string CurrentLanguage => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "en" : "de";

    public static WebApplicationBuilder AddPlatform(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddRathausDatabase(builder.Configuration, builder.Environment);
        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.AddScoped<AuditLog>();
        services.AddScoped<RefusalFilter>();
        services.AddScoped<OrgChartService>();
        services.AddJobScheduler(builder.Configuration);
        services.AddScoped<Rathaus.Platform.OrgChart.Exchange.OrgChartExport>();
        services.AddScoped<Rathaus.Platform.OrgChart.Exchange.OrgChartImport>();
        services.AddScoped<Data.DemoData.LueneburgDemo>();
        services.Configure<SiteTextOptions>(builder.Configuration.GetSection(SiteTextOptions.Section));
        services.Configure<AuthOptions>(builder.Configuration.GetSection(AuthOptions.Section));

        // No ResourcesPath: the resx sits beside SharedResource.cs, so its manifest name is Rathaus.SharedResource.
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            // Formats stay de-DE in both languages (German first); only the texts switch.
            o.DefaultRequestCulture = new RequestCulture(German, German);
            o.SupportedCultures = [German];
            o.SupportedUICultures = [German, English];
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
            o.FallBackToParentUICultures = true;
        });

        services.AddRazorPages(o =>
            {
                o.RootDirectory = "/";
                o.Conventions.ConfigureFilter(new Microsoft.AspNetCore.Mvc.AutoValidateAntiforgeryTokenAttribute());
                o.Conventions.ConfigureFilter(new Microsoft.AspNetCore.Mvc.ServiceFilterAttribute(typeof(RefusalFilter)));
            })
            .AddViewLocalization(LanguageViewLocationExpanderFormat.Suffix)
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
        services.AddSingleton<Microsoft.Extensions.Options.IConfigureOptions<Microsoft.AspNetCore.Mvc.MvcOptions>, LocalizedBindingMessages>();
        services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(o => o.ModelBinderProviders.Insert(0, new CleanTextModelBinderProvider()));

        services.AddIdentityCore<StaffMember>(o =>
            {
                o.Password.RequiredLength = 12;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireDigit = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
                o.SignIn.RequireConfirmedAccount = true; // "confirmed" means active, see ActiveStaffConfirmation
            })
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<GermanIdentityErrors>()
            .AddUserConfirmation<ActiveStaffConfirmation>()
            .AddEntityFrameworkStores<RathausDb>();
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies(cookies =>
        {
            cookies.ApplicationCookie?.Configure(o =>
            {
                o.LoginPath = "/anmelden";
                o.LogoutPath = "/abmelden";
                o.AccessDeniedPath = "/zugriff-verweigert";
                o.Cookie.Name = "rathaus.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Lax;
                o.ExpireTimeSpan = TimeSpan.FromHours(9);
                o.SlidingExpiration = true;
                o.Events.OnValidatePrincipal = PositionClaims.ValidateAsync;
            });
        });
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.AddAuthorization(o =>
        {
            // Secure by default: every endpoint needs a login unless it says [AllowAnonymous].
            o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        });

        // Keys live in the database so every node shares them; a certificate encrypts them at rest in production.
        var dataProtection = services.AddDataProtection().SetApplicationName("Rathaus").PersistKeysToDbContext<RathausDb>();
        if (builder.Configuration["DataProtection:CertificatePath"] is { Length: > 0 } certificatePath)
        {
            dataProtection.ProtectKeysWithCertificate(System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(
                certificatePath, builder.Configuration["DataProtection:CertificatePassword"]));
        }
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "rathaus.af";
            o.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest; // Secure behind HTTPS
        });
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            foreach (var proxy in builder.Configuration.GetSection("ReverseProxy:KnownProxies").Get<string[]>() ?? [])
            {
                o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }
        });

        var loginsPerMinute = builder.Configuration.GetValue("RateLimits:LoginsPerMinute", 20);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = 429;
            o.AddPostLimitPerClient("login", loginsPerMinute, TimeSpan.FromMinutes(1)); // only attempts count
        });

        builder.AddOperations();
        return builder;
    }

    public static WebApplication UsePlatform(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseSecurityHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/fehler");
        }

        app.UseStatusCodePagesWithReExecute("/fehler", "?code={0}");
        app.UseStaticFiles();
        app.UseRequestLocalization();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseTwoFactorEnrolment();
        app.MapRazorPages();
        app.MapLanguageSwitch();
        app.MapOperations();

        // Unknown addresses answer 404 (via the error page), not a login prompt from the fallback policy.
        app.MapFallback(() => Results.NotFound()).AllowAnonymous();
        return app;
    }
}
