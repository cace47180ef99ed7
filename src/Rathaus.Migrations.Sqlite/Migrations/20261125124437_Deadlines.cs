using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Rathaus.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Deadlines : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "EscalatedAt",
                table: "Concerns",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "EscalationLevel",
                table: "Concerns",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "FirstReplyDueAt",
                table: "Concerns",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "FollowUpNotifiedFor",
                table: "Concerns",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "NextEscalationAt",
                table: "Concerns",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "FinalAnswerDays",
                table: "Categories",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "FirstReplyDays",
                table: "Categories",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ScheduledJobRuns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    JobName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    DueAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Node = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FinishedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScheduledJobRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ScheduledJobs",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    NextRunAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LeaseOwner = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    LeaseUntil = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastRunAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScheduledJobs", x => x.Name);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Concerns_EscalatedAt_DueAt",
                table: "Concerns",
                columns: new[] { "EscalatedAt", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Concerns_EscalationLevel_DueAt",
                table: "Concerns",
                columns: new[] { "EscalationLevel", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Concerns_EscalationLevel_FirstReplyDueAt",
                table: "Concerns",
                columns: new[] { "EscalationLevel", "FirstReplyDueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Concerns_FollowUpOn",
                table: "Concerns",
                column: "FollowUpOn");

            migrationBuilder.CreateIndex(
                name: "IX_Concerns_NextEscalationAt",
                table: "Concerns",
                column: "NextEscalationAt");

            migrationBuilder.CreateIndex(
                name: "IX_ScheduledJobRuns_JobName_DueAt",
                table: "ScheduledJobRuns",
                columns: new[] { "JobName", "DueAt" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ScheduledJobRuns");

            migrationBuilder.DropTable(
                name: "ScheduledJobs");

            migrationBuilder.DropIndex(
                name: "IX_Concerns_EscalatedAt_DueAt",
                table: "Concerns");

            migrationBuilder.DropIndex(
                name: "IX_Concerns_EscalationLevel_DueAt",
                table: "Concerns");

            migrationBuilder.DropIndex(
                name: "IX_Concerns_EscalationLevel_FirstReplyDueAt",
                table: "Concerns");

            migrationBuilder.DropIndex(
                name: "IX_Concerns_FollowUpOn",
                table: "Concerns");

            migrationBuilder.DropIndex(
                name: "IX_Concerns_NextEscalationAt",
                table: "Concerns");

            migrationBuilder.DropColumn(
                name: "EscalatedAt",
                table: "Concerns");

            migrationBuilder.DropColumn(
                name: "EscalationLevel",
                table: "Concerns");

            migrationBuilder.DropColumn(
                name: "FirstReplyDueAt",
                table: "Concerns");

            migrationBuilder.DropColumn(
                name: "FollowUpNotifiedFor",
                table: "Concerns");

            migrationBuilder.DropColumn(
                name: "NextEscalationAt",
                table: "Concerns");

            migrationBuilder.DropColumn(
                name: "FinalAnswerDays",
                table: "Categories");

            migrationBuilder.DropColumn(
                name: "FirstReplyDays",
                table: "Categories");
        }
    }
}
