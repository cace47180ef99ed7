using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Rathaus.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CouncilPaperListIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CouncilPapers_BodyId",
                table: "CouncilPapers");

            migrationBuilder.CreateIndex(
                name: "IX_CouncilPapers_BodyId_Deleted_Id",
                table: "CouncilPapers",
                columns: new[] { "BodyId", "Deleted", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CouncilPapers_BodyId_Deleted_Id",
                table: "CouncilPapers");

            migrationBuilder.CreateIndex(
                name: "IX_CouncilPapers_BodyId",
                table: "CouncilPapers",
                column: "BodyId");
        }
    }
}
