using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Rathaus.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class PostFollowUps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "FollowUpNotifiedFor",
                table: "PostItems",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "FollowUpOn",
                table: "PostItems",
                type: "date",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_PostItems_FollowUpOn",
                table: "PostItems",
                column: "FollowUpOn");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PostItems_FollowUpOn",
                table: "PostItems");

            migrationBuilder.DropColumn(
                name: "FollowUpNotifiedFor",
                table: "PostItems");

            migrationBuilder.DropColumn(
                name: "FollowUpOn",
                table: "PostItems");
        }
    }
}
