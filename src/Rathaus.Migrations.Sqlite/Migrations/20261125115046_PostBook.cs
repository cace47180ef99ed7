using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Rathaus.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PostBook : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PostBookCounters",
                columns: table => new
                {
                    SiteId = table.Column<int>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Last = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PostBookCounters", x => new { x.SiteId, x.Year });
                });

            migrationBuilder.CreateTable(
                name: "PostItems",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    IdempotencyKey = table.Column<Guid>(type: "TEXT", nullable: false),
                    SiteId = table.Column<int>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Sender = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    LetterDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ReceivedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    AddresseeUnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    AddresseePositionId = table.Column<int>(type: "INTEGER", nullable: true),
                    Pages = table.Column<int>(type: "INTEGER", nullable: true),
                    RegisteredByStaffId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RegisteredByPositionId = table.Column<int>(type: "INTEGER", nullable: true),
                    ConcernId = table.Column<long>(type: "INTEGER", nullable: true),
                    ConfirmedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ConfirmedByPositionId = table.Column<int>(type: "INTEGER", nullable: true),
                    ScanFileName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    ScanContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ScanSha256 = table.Column<byte[]>(type: "BLOB", nullable: true),
                    ScanContent = table.Column<byte[]>(type: "BLOB", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PostItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PostItems_Concerns_ConcernId",
                        column: x => x.ConcernId,
                        principalTable: "Concerns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PostItems_OrgUnits_AddresseeUnitId",
                        column: x => x.AddresseeUnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PostItems_Positions_AddresseePositionId",
                        column: x => x.AddresseePositionId,
                        principalTable: "Positions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PostItems_Sites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "Sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PostItems_AddresseePositionId",
                table: "PostItems",
                column: "AddresseePositionId");

            migrationBuilder.CreateIndex(
                name: "IX_PostItems_AddresseeUnitId_ConfirmedAt",
                table: "PostItems",
                columns: new[] { "AddresseeUnitId", "ConfirmedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PostItems_ConcernId",
                table: "PostItems",
                column: "ConcernId");

            migrationBuilder.CreateIndex(
                name: "IX_PostItems_IdempotencyKey",
                table: "PostItems",
                column: "IdempotencyKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PostItems_Number",
                table: "PostItems",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PostItems_ReceivedAt",
                table: "PostItems",
                column: "ReceivedAt");

            migrationBuilder.CreateIndex(
                name: "IX_PostItems_ScanSha256",
                table: "PostItems",
                column: "ScanSha256");

            migrationBuilder.CreateIndex(
                name: "IX_PostItems_SiteId_Year_Sequence",
                table: "PostItems",
                columns: new[] { "SiteId", "Year", "Sequence" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PostBookCounters");

            migrationBuilder.DropTable(
                name: "PostItems");
        }
    }
}
