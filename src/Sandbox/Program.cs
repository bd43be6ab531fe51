var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/", () => "PipedriveMaileon sandbox");
app.Run();
