namespace PipedriveMaileon.Database.Journal;

public enum ActivityLevel
{
    Info,
    Warning,
    Error,
}
