using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Rathaus.Migrations.PostgreSql.Migrations
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
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ContactEmailFailure",
                table: "Concerns",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "InboundFailures",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Mailbox = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    MessageKey = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    From = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    Subject = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    LastError = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    FirstFailedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastFailedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    GaveUp = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InboundFailures", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "InboundMessages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Mailbox = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    MessageKey = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    MessageId = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    From = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    Subject = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ProcessedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Outcome = table.Column<int>(type: "integer", nullable: false),
                    ConcernId = table.Column<long>(type: "bigint", nullable: true),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InboundMessages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MailboxLeases",
                columns: table => new
                {
                    Mailbox = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    HeldBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    HeldUntil = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
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
