using Rathaus;
using Rathaus.Data;
using Rathaus.Platform.Auth;

var builder = WebApplication.CreateBuilder(args);
builder.AddRathaus();

var app = builder.Build();
app.UseRathaus();

// `dotnet run --project src/Rathaus.Web -- migrate` migrates (and loads demo data if configured), then exits.
// Otherwise the schema is migrated while the host starts (Database:MigrateOnStart, on by default).
if (args.Contains("migrate"))
{
    await DatabaseSetup.MigrateAsync(app.Services);
    return 0;
}

// `-- create-admin --user NAME --name "…" --mailbox …` creates the first administrator (password from RATHAUS_ADMIN_PASSWORD).
if (args.Contains("create-admin"))
{
    return await CreateAdministrator.RunAsync(app.Services, args, Console.Out);
}

// `-- import-mail <file.eml | file.mbox | maildir>` takes old mail in through the email intake, once.
if (args.Contains("import-mail"))
{
    return await Rathaus.Mail.Inbound.MailImport.RunAsync(app.Services, args, Console.Out);
}

await app.RunAsync();
return 0;

/// <summary>Entry point; public so that tests can start it with WebApplicationFactory.</summary>
public partial class Program;
