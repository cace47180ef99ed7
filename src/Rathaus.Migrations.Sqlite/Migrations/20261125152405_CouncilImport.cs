using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Rathaus.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CouncilImport : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ExternalId",
                table: "CouncilPersons",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ExternalId",
                table: "CouncilPapers",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ExternalId",
                table: "CouncilOrganizations",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ExternalId",
                table: "CouncilMemberships",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ExternalId",
                table: "CouncilMeetings",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ExternalId",
                table: "CouncilLocations",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ExternalId",
                table: "CouncilLegislativeTerms",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ExternalId",
                table: "CouncilFiles",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ExternalId",
                table: "CouncilConsultations",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ExternalId",
                table: "CouncilBodies",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ExternalId",
                table: "CouncilAgendaItems",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CouncilImportJobs",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BaseUrl = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    FinishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    OParlVersion = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    BodiesRead = table.Column<bool>(type: "INTEGER", nullable: false),
                    LeaseOwner = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    LeaseUntil = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Pages = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CouncilImportJobs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CouncilPaperRelations",
                columns: table => new
                {
                    PaperId = table.Column<int>(type: "INTEGER", nullable: false),
                    RelatedPaperId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CouncilPaperRelations", x => new { x.PaperId, x.RelatedPaperId });
                    table.ForeignKey(
                        name: "FK_CouncilPaperRelations_CouncilPapers_PaperId",
                        column: x => x.PaperId,
                        principalTable: "CouncilPapers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CouncilPaperRelations_CouncilPapers_RelatedPaperId",
                        column: x => x.RelatedPaperId,
                        principalTable: "CouncilPapers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CouncilImportLists",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    JobId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    BodyUrl = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    NextUrl = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    TotalElements = table.Column<int>(type: "INTEGER", nullable: true),
                    Imported = table.Column<int>(type: "INTEGER", nullable: false),
                    Failed = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CouncilImportLists", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CouncilImportLists_CouncilImportJobs_JobId",
                        column: x => x.JobId,
                        principalTable: "CouncilImportJobs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CouncilImportProblems",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    JobId = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ObjectId = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Message = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CouncilImportProblems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CouncilImportProblems_CouncilImportJobs_JobId",
                        column: x => x.JobId,
                        principalTable: "CouncilImportJobs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CouncilPersons_ExternalId",
                table: "CouncilPersons",
                column: "ExternalId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CouncilPapers_ExternalId",
                table: "CouncilPapers",
                column: "ExternalId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CouncilOrganizations_ExternalId",
                table: "CouncilOrganizations",
                column: "ExternalId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CouncilMemberships_ExternalId",
                table: "CouncilMemberships",
                column: "ExternalId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CouncilMeetings_ExternalId",
                table: "CouncilMeetings",
                column: "ExternalId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CouncilLocations_ExternalId",
                table: "CouncilLocations",
                column: "ExternalId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CouncilLegislativeTerms_ExternalId",
                table: "CouncilLegislativeTerms",
                column: "ExternalId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CouncilFiles_ExternalId",
                table: "CouncilFiles",
                column: "ExternalId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CouncilConsultations_ExternalId",
                table: "CouncilConsultations",
                column: "ExternalId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CouncilBodies_ExternalId",
                table: "CouncilBodies",
                column: "ExternalId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CouncilAgendaItems_ExternalId",
                table: "CouncilAgendaItems",
                column: "ExternalId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CouncilImportJobs_State",
                table: "CouncilImportJobs",
                column: "State");

            migrationBuilder.CreateIndex(
                name: "IX_CouncilImportLists_JobId_Order",
                table: "CouncilImportLists",
                columns: new[] { "JobId", "Order" });

            migrationBuilder.CreateIndex(
                name: "IX_CouncilImportProblems_JobId_Id",
                table: "CouncilImportProblems",
                columns: new[] { "JobId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_CouncilPaperRelations_RelatedPaperId",
                table: "CouncilPaperRelations",
                column: "RelatedPaperId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CouncilImportLists");

            migrationBuilder.DropTable(
                name: "CouncilImportProblems");

            migrationBuilder.DropTable(
                name: "CouncilPaperRelations");

            migrationBuilder.DropTable(
                name: "CouncilImportJobs");

            migrationBuilder.DropIndex(
                name: "IX_CouncilPersons_ExternalId",
                table: "CouncilPersons");

            migrationBuilder.DropIndex(
                name: "IX_CouncilPapers_ExternalId",
                table: "CouncilPapers");

            migrationBuilder.DropIndex(
                name: "IX_CouncilOrganizations_ExternalId",
                table: "CouncilOrganizations");

            migrationBuilder.DropIndex(
                name: "IX_CouncilMemberships_ExternalId",
                table: "CouncilMemberships");

            migrationBuilder.DropIndex(
                name: "IX_CouncilMeetings_ExternalId",
                table: "CouncilMeetings");

            migrationBuilder.DropIndex(
                name: "IX_CouncilLocations_ExternalId",
                table: "CouncilLocations");

            migrationBuilder.DropIndex(
                name: "IX_CouncilLegislativeTerms_ExternalId",
                table: "CouncilLegislativeTerms");

            migrationBuilder.DropIndex(
                name: "IX_CouncilFiles_ExternalId",
                table: "CouncilFiles");

            migrationBuilder.DropIndex(
                name: "IX_CouncilConsultations_ExternalId",
                table: "CouncilConsultations");

            migrationBuilder.DropIndex(
                name: "IX_CouncilBodies_ExternalId",
                table: "CouncilBodies");

            migrationBuilder.DropIndex(
                name: "IX_CouncilAgendaItems_ExternalId",
                table: "CouncilAgendaItems");

            migrationBuilder.DropColumn(
                name: "ExternalId",
                table: "CouncilPersons");

            migrationBuilder.DropColumn(
                name: "ExternalId",
                table: "CouncilPapers");

            migrationBuilder.DropColumn(
                name: "ExternalId",
                table: "CouncilOrganizations");

            migrationBuilder.DropColumn(
                name: "ExternalId",
                table: "CouncilMemberships");

            migrationBuilder.DropColumn(
                name: "ExternalId",
                table: "CouncilMeetings");

            migrationBuilder.DropColumn(
                name: "ExternalId",
                table: "CouncilLocations");

            migrationBuilder.DropColumn(
                name: "ExternalId",
                table: "CouncilLegislativeTerms");

            migrationBuilder.DropColumn(
                name: "ExternalId",
                table: "CouncilFiles");

            migrationBuilder.DropColumn(
                name: "ExternalId",
                table: "CouncilConsultations");

            migrationBuilder.DropColumn(
                name: "ExternalId",
                table: "CouncilBodies");

            migrationBuilder.DropColumn(
                name: "ExternalId",
                table: "CouncilAgendaItems");
        }
    }
}
