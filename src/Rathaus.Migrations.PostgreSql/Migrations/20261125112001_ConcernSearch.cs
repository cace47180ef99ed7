using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Rathaus.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class ConcernSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Full-text search of the staff inbox: provider-specific table, triggers and backfill (raw SQL).
            global::Rathaus.Concerns.Inbox.ConcernSearch.CreateIndex(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            global::Rathaus.Concerns.Inbox.ConcernSearch.DropIndex(migrationBuilder);
        }
    }
}
