using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Rathaus.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class MailIntake : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ContactEmailFailedAt",
                table: "Concerns",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ContactEmailFailure",
                table: "Concerns",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "InboundFailures",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Mailbox = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    MessageKey = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    From = table.Column<string>(type: "TEXT", maxLength: 320, nullable: true),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    FirstFailedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastFailedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    GaveUp = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InboundFailures", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "InboundMessages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Mailbox = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    MessageKey = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    MessageId = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    From = table.Column<string>(type: "TEXT", maxLength: 320, nullable: true),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ProcessedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Outcome = table.Column<int>(type: "INTEGER", nullable: false),
                    ConcernId = table.Column<long>(type: "INTEGER", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InboundMessages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MailboxLeases",
                columns: table => new
                {
                    Mailbox = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    HeldBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    HeldUntil = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MailboxLeases", x => x.Mailbox);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_To_CreatedAt",
                table: "OutboxMessages",
                columns: new[] { "To", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_InboundFailures_LastFailedAt",
                table: "InboundFailures",
                column: "LastFailedAt");

            migrationBuilder.CreateIndex(
                name: "IX_InboundFailures_MessageKey",
                table: "InboundFailures",
                column: "MessageKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_InboundMessages_ConcernId",
                table: "InboundMessages",
                column: "ConcernId");

            migrationBuilder.CreateIndex(
                name: "IX_InboundMessages_MessageKey",
                table: "InboundMessages",
                column: "MessageKey",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "InboundFailures");

            migrationBuilder.DropTable(
                name: "InboundMessages");

            migrationBuilder.DropTable(
                name: "MailboxLeases");

            migrationBuilder.DropIndex(
                name: "IX_OutboxMessages_To_CreatedAt",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "ContactEmailFailedAt",
                table: "Concerns");

            migrationBuilder.DropColumn(
                name: "ContactEmailFailure",
                table: "Concerns");
        }
    }
}
