using Rathaus;
using Rathaus.Data;

var builder = WebApplication.CreateBuilder(args);
builder.AddRathaus();

var app = builder.Build();
app.UseRathaus();

// `dotnet run --project src/Rathaus.Web -- migrate` migrates (and loads demo data if configured), then exits.
// Otherwise the schema is migrated while the host starts (Database:MigrateOnStart, on by default).
if (args.Contains("migrate"))
{
    await DatabaseSetup.MigrateAsync(app.Services);
    return;
}

await app.RunAsync();

/// <summary>Entry point; public so that tests can start it with WebApplicationFactory.</summary>
public partial class Program;
