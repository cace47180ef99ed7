using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Rathaus.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class MapReports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CityAreaImports",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    GeoJson = table.Column<string>(type: "TEXT", nullable: false),
                    ImportedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ImportedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CityAreaImports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ConcernSupports",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ConcernId = table.Column<long>(type: "INTEGER", nullable: false),
                    SupporterKey = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConcernSupports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConcernSupports_Concerns_ConcernId",
                        column: x => x.ConcernId,
                        principalTable: "Concerns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "GazetteerAddresses",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Street = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    HouseNumber = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Postcode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    Latitude = table.Column<double>(type: "REAL", nullable: false),
                    Longitude = table.Column<double>(type: "REAL", nullable: false),
                    SearchKey = table.Column<string>(type: "TEXT", maxLength: 240, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GazetteerAddresses", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ConcernSupports_ConcernId_SupporterKey",
                table: "ConcernSupports",
                columns: new[] { "ConcernId", "SupporterKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_GazetteerAddresses_Latitude_Longitude",
                table: "GazetteerAddresses",
                columns: new[] { "Latitude", "Longitude" });

            migrationBuilder.CreateIndex(
                name: "IX_GazetteerAddresses_SearchKey",
                table: "GazetteerAddresses",
                column: "SearchKey");

            migrationBuilder.CreateIndex(
                name: "IX_GazetteerAddresses_Street_HouseNumber",
                table: "GazetteerAddresses",
                columns: new[] { "Street", "HouseNumber" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CityAreaImports");

            migrationBuilder.DropTable(
                name: "ConcernSupports");

            migrationBuilder.DropTable(
                name: "GazetteerAddresses");
        }
    }
}
