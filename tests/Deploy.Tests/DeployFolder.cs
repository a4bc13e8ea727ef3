namespace Iom.Deploy.Tests;

/// <summary>The repository's deploy/ folder, found from the test's output folder.</summary>
public static class DeployFolder
{
    public static string Root { get; } = Find();

    public static string Path(string relative) => System.IO.Path.Combine(Root, relative);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "deploy");
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Iom.sln")) && Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("deploy/ not found above " + AppContext.BaseDirectory);
    }
}
