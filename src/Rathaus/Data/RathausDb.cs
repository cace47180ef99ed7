using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging;
using Rathaus.Concerns.Categories;
using Rathaus.Concerns.Model;
using Rathaus.Concerns.Templates;
using Rathaus.Council.Model;
using Rathaus.Mail.Outbox;
using Rathaus.Platform.Audit;
using Rathaus.Platform.Auth;
using Rathaus.Platform.OrgChart;
using Rathaus.Platform.Scheduling;

namespace Rathaus.Data;

/// <summary>The one DbContext of the application; each module configures its own entities.</summary>
public sealed class RathausDb(DbContextOptions<RathausDb> options)
    : IdentityUserContext<StaffMember, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<Site> Sites => Set<Site>();
    public DbSet<OrgUnit> OrgUnits => Set<OrgUnit>();
    public DbSet<Position> Positions => Set<Position>();
    public DbSet<StaffMember> StaffMembers => Set<StaffMember>();
    public DbSet<Substitution> Substitutions => Set<Substitution>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Category> Categories => Set<Category>();
    public DbSet<ResponsibilityRule> ResponsibilityRules => Set<ResponsibilityRule>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Concern> Concerns => Set<Concern>();
    public DbSet<ConcernEntry> ConcernEntries => Set<ConcernEntry>();
    public DbSet<ConcernAttachment> ConcernAttachments => Set<ConcernAttachment>();
    public DbSet<ReferenceCounter> ReferenceCounters => Set<ReferenceCounter>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<ReplyTemplate> ReplyTemplates => Set<ReplyTemplate>();
    public DbSet<Post.PostItem> PostItems => Set<Post.PostItem>();
    public DbSet<Post.PostBookCounter> PostBookCounters => Set<Post.PostBookCounter>();
    public DbSet<ConcernAttributeValue> ConcernAttributeValues => Set<ConcernAttributeValue>();
    public DbSet<Open311.Attributes.ServiceAttribute> ServiceAttributes => Set<Open311.Attributes.ServiceAttribute>();
    public DbSet<Open311.Clients.ApiClient> ApiClients => Set<Open311.Clients.ApiClient>();
    public DbSet<Open311.Api.Open311Request> Open311Requests => Set<Open311.Api.Open311Request>();
    public DbSet<Mail.Inbound.InboundMessage> InboundMessages => Set<Mail.Inbound.InboundMessage>();
    public DbSet<Mail.Inbound.InboundFailure> InboundFailures => Set<Mail.Inbound.InboundFailure>();
    public DbSet<Mail.Inbound.MailboxLease> MailboxLeases => Set<Mail.Inbound.MailboxLease>();
    public DbSet<ScheduledJob> ScheduledJobs => Set<ScheduledJob>();
    public DbSet<ScheduledJobRun> ScheduledJobRuns => Set<ScheduledJobRun>();
    public DbSet<Body> CouncilBodies => Set<Body>();
    public DbSet<LegislativeTerm> LegislativeTerms => Set<LegislativeTerm>();
    public DbSet<Organization> CouncilOrganizations => Set<Organization>();
    public DbSet<Person> CouncilPersons => Set<Person>();
    public DbSet<Membership> CouncilMemberships => Set<Membership>();
    public DbSet<Location> CouncilLocations => Set<Location>();
    public DbSet<Meeting> CouncilMeetings => Set<Meeting>();
    public DbSet<AgendaItem> AgendaItems => Set<AgendaItem>();
    public DbSet<Paper> Papers => Set<Paper>();
    public DbSet<Consultation> Consultations => Set<Consultation>();
    public DbSet<CouncilFile> CouncilFiles => Set<CouncilFile>();
    public DbSet<Platform.Alerts.AlertSubscription> AlertSubscriptions => Set<Platform.Alerts.AlertSubscription>();
    public DbSet<Platform.Alerts.AlertDelivery> AlertDeliveries => Set<Platform.Alerts.AlertDelivery>();
    public DbSet<Council.Resolutions.ResolutionTracking> ResolutionTrackings => Set<Council.Resolutions.ResolutionTracking>();
    public DbSet<Council.Resolutions.ResolutionProgress> ResolutionProgress => Set<Council.Resolutions.ResolutionProgress>();
    public DbSet<Council.Petitions.CouncilPetition> CouncilPetitions => Set<Council.Petitions.CouncilPetition>();
    public DbSet<Concerns.Map.GazetteerAddress> GazetteerAddresses => Set<Concerns.Map.GazetteerAddress>();
    public DbSet<Concerns.Map.CityAreaImport> CityAreaImports => Set<Concerns.Map.CityAreaImport>();
    public DbSet<Concerns.Map.ConcernSupport> ConcernSupports => Set<Concerns.Map.ConcernSupport>();
    public DbSet<Council.Import.CouncilImportJob> CouncilImportJobs => Set<Council.Import.CouncilImportJob>();
    public DbSet<Council.Import.CouncilImportList> CouncilImportLists => Set<Council.Import.CouncilImportList>();
    public DbSet<Council.Import.CouncilImportProblem> CouncilImportProblems => Set<Council.Import.CouncilImportProblem>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(RathausDb).Assembly);
    }

    // One path for both: ASP.NET Core has no synchronization context, so blocking here cannot deadlock
    // (the data-protection key store is the only caller of the synchronous method).
    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        AuditLog.GuardAppendOnly(this);
        ChangeTracker.DetectChanges();

        // The version is compared in the UPDATE's WHERE clause: a concern changed meanwhile by someone else fails.
        foreach (var concern in ChangeTracker.Entries<Concern>().Where(e => e.State == EntityState.Modified))
        {
            concern.Entity.Version++;
        }

        Meeting.RaiseSequences(ChangeTracker);
        if (ChangeTracker.Entries<CouncilFile>().Any())
        {
            FileText.Extract(ChangeTracker, this.GetService<ILoggerFactory>().CreateLogger(typeof(FileText)));
        }

        return AdministratorGuard.TouchesAdministration(ChangeTracker)
            ? AdministratorGuard.SaveAsync(this, () => base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken), cancellationToken)
            : base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Instants are UTC DateTime everywhere (SQLite cannot compare DateTimeOffset in SQL).
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }
}
