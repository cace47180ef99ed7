using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Rathaus.Mail.Inbound;
using Rathaus.Mail.Outbox;

namespace Rathaus.Mail;

/// <summary>Mail: the durable outbox and its dispatcher, and the intake of the configured mailboxes.</summary>
public static class MailModule
{
    public static WebApplicationBuilder AddMail(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<MailOptions>(builder.Configuration.GetSection(MailOptions.Section));
        builder.Services.AddScoped<Outbox.Outbox>();
        builder.Services.AddHostedService<OutboxDispatcher>();
        builder.Services.AddScoped<MailIntake>();
        builder.Services.AddScoped<Concerns.Email.EmailChannel>();
        builder.Services.AddHostedService<MailboxReader>();
        return builder;
    }
}
