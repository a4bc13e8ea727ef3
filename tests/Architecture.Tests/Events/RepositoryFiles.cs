namespace Iom.Architecture.Tests.Events;

public static class RepositoryFiles
{
    public const string AsyncApiPath = "docs/asyncapi/events.json";

    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Iom.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Iom.sln not found above " + AppContext.BaseDirectory);
    }
}
