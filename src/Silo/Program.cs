using Npgsql;
using PipedriveMaileon.Database.Schema;
using PipedriveMaileon.Silo.Hosting;

try
{
    return await SiloCommandLine.Create().Parse(args).InvokeAsync(SiloCommandLine.Invocation);
}
catch (Exception ex) when (ex is InvalidOperationException or Microsoft.Extensions.Options.OptionsValidationException
                               or SchemaNotReadyException or NpgsqlException)
{
    // Configuration and database problems are the operator's to fix: say what is wrong, without a stack trace.
    Console.Error.WriteLine($"PipedriveMaileon.Silo cannot start: {ex.Message}");
    return ex is SchemaNotReadyException ? SiloExitCodes.SchemaNotMigrated : SiloExitCodes.ConfigurationOrDatabase;
}
