using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Rathaus.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class CouncilSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Full-text search of the council information: provider-specific columns/tables, triggers and backfill (raw SQL).
            global::Rathaus.Council.Search.CouncilSearch.CreateIndex(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            global::Rathaus.Council.Search.CouncilSearch.DropIndex(migrationBuilder);
        }
    }
}
