using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Rathaus.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Alerts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ListUnsubscribe",
                table: "OutboxMessages",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AlertSubscriptions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Filter = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    ConfirmationTokenHash = table.Column<byte[]>(type: "BLOB", nullable: false),
                    UnsubscribeTokenHash = table.Column<byte[]>(type: "BLOB", nullable: false),
                    UnsubscribeTokenProtected = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ConfirmationSentAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ConfirmedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    StartAfterItemId = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AlertSubscriptions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AlertDeliveries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SubscriptionId = table.Column<long>(type: "INTEGER", nullable: false),
                    ItemId = table.Column<long>(type: "INTEGER", nullable: false),
                    SentAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AlertDeliveries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AlertDeliveries_AlertSubscriptions_SubscriptionId",
                        column: x => x.SubscriptionId,
                        principalTable: "AlertSubscriptions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AlertDeliveries_SentAt",
                table: "AlertDeliveries",
                column: "SentAt");

            migrationBuilder.CreateIndex(
                name: "IX_AlertDeliveries_SubscriptionId_ItemId",
                table: "AlertDeliveries",
                columns: new[] { "SubscriptionId", "ItemId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AlertSubscriptions_ConfirmationTokenHash",
                table: "AlertSubscriptions",
                column: "ConfirmationTokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AlertSubscriptions_ConfirmedAt_ConfirmationSentAt",
                table: "AlertSubscriptions",
                columns: new[] { "ConfirmedAt", "ConfirmationSentAt" });

            migrationBuilder.CreateIndex(
                name: "IX_AlertSubscriptions_Email_Kind_Filter",
                table: "AlertSubscriptions",
                columns: new[] { "Email", "Kind", "Filter" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AlertSubscriptions_UnsubscribeTokenHash",
                table: "AlertSubscriptions",
                column: "UnsubscribeTokenHash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AlertDeliveries");

            migrationBuilder.DropTable(
                name: "AlertSubscriptions");

            migrationBuilder.DropColumn(
                name: "ListUnsubscribe",
                table: "OutboxMessages");
        }
    }
}
