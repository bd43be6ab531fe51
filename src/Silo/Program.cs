using Npgsql;
using PipedriveMaileon.Database.Schema;
using PipedriveMaileon.Silo.Hosting;

try
{
    if (args.Length > 0 && args[0] == MigrateCommand.Name)
    {
        return await MigrateCommand.RunAsync(args[1..]);
    }

    using var host = SiloHostBuilder.Build(args);
    await host.RunAsync();
    return 0;
}
catch (Exception ex) when (ex is InvalidOperationException or Microsoft.Extensions.Options.OptionsValidationException
                               or SchemaNotReadyException or NpgsqlException)
{
    // Configuration and database problems are the operator's to fix: say what is wrong, without a stack trace.
    Console.Error.WriteLine($"PipedriveMaileon.Silo cannot start: {ex.Message}");
    return ex is SchemaNotReadyException ? 3 : 2;
}
