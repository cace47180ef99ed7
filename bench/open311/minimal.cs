#:sdk Microsoft.NET.Sdk.Web
#:property PublishAot=false
// The yardstick of bench/open311/run.sh: the smallest Kestrel endpoint, measured in the same run as the Open311 API.
var app = WebApplication.Create(args);
app.MapGet("/", () => "ok");
app.Run();
