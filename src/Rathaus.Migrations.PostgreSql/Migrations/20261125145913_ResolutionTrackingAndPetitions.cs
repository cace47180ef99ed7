using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Rathaus.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class ResolutionTrackingAndPetitions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CouncilPetitions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ConcernId = table.Column<long>(type: "bigint", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    AgendaItemId = table.Column<int>(type: "integer", nullable: true),
                    Outcome = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: true),
                    Created = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DecidedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CouncilPetitions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CouncilPetitions_Concerns_ConcernId",
                        column: x => x.ConcernId,
                        principalTable: "Concerns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CouncilPetitions_CouncilAgendaItems_AgendaItemId",
                        column: x => x.AgendaItemId,
                        principalTable: "CouncilAgendaItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ResolutionTrackings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AgendaItemId = table.Column<int>(type: "integer", nullable: false),
                    OrgUnitId = table.Column<int>(type: "integer", nullable: true),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    TargetDate = table.Column<DateOnly>(type: "date", nullable: true),
                    SettledByPaperId = table.Column<int>(type: "integer", nullable: true),
                    OverdueNotifiedFor = table.Column<DateOnly>(type: "date", nullable: true),
                    Created = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Modified = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ResolutionTrackings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ResolutionTrackings_CouncilAgendaItems_AgendaItemId",
                        column: x => x.AgendaItemId,
                        principalTable: "CouncilAgendaItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ResolutionTrackings_CouncilPapers_SettledByPaperId",
                        column: x => x.SettledByPaperId,
                        principalTable: "CouncilPapers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ResolutionTrackings_OrgUnits_OrgUnitId",
                        column: x => x.OrgUnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ResolutionProgress",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ResolutionTrackingId = table.Column<int>(type: "integer", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    SignedByUnit = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SignedByPosition = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PositionId = table.Column<int>(type: "integer", nullable: true),
                    StaffMemberId = table.Column<Guid>(type: "uuid", nullable: true),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ResolutionProgress", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ResolutionProgress_ResolutionTrackings_ResolutionTrackingId",
                        column: x => x.ResolutionTrackingId,
                        principalTable: "ResolutionTrackings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CouncilPetitions_AgendaItemId",
                table: "CouncilPetitions",
                column: "AgendaItemId");

            migrationBuilder.CreateIndex(
                name: "IX_CouncilPetitions_ConcernId",
                table: "CouncilPetitions",
                column: "ConcernId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CouncilPetitions_Status",
                table: "CouncilPetitions",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_ResolutionProgress_ResolutionTrackingId",
                table: "ResolutionProgress",
                column: "ResolutionTrackingId");

            migrationBuilder.CreateIndex(
                name: "IX_ResolutionTrackings_AgendaItemId",
                table: "ResolutionTrackings",
                column: "AgendaItemId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ResolutionTrackings_OrgUnitId_Status",
                table: "ResolutionTrackings",
                columns: new[] { "OrgUnitId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_ResolutionTrackings_SettledByPaperId",
                table: "ResolutionTrackings",
                column: "SettledByPaperId");

            migrationBuilder.CreateIndex(
                name: "IX_ResolutionTrackings_Status_TargetDate",
                table: "ResolutionTrackings",
                columns: new[] { "Status", "TargetDate" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CouncilPetitions");

            migrationBuilder.DropTable(
                name: "ResolutionProgress");

            migrationBuilder.DropTable(
                name: "ResolutionTrackings");
        }
    }
}
