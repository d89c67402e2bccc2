using ArchGate.Analyzers.Baseline;

namespace ArchGate.Tests.Baseline;

public class FingerprintTests
{
    [Theory]
    [InlineData("/repo", "/repo/src/App/Orders.cs", "src/App/Orders.cs")]
    [InlineData("/repo/", "/repo/src/App/Orders.cs", "src/App/Orders.cs")]
    [InlineData("/repo/config", "/repo/src/App/Orders.cs", "../src/App/Orders.cs")]
    [InlineData("/home/me/repo", "/tmp/x.cs", "../../../tmp/x.cs")]
    [InlineData("C:\\repo", "C:\\repo\\src\\Orders.cs", "src/Orders.cs")]
    [InlineData("C:\\Repo", "c:\\repo\\src\\Orders.cs", "src/Orders.cs")]
    [InlineData("C:\\repo", "D:\\src\\Orders.cs", "D:/src/Orders.cs")]
    [InlineData("", "/repo/a.cs", "repo/a.cs")]
    [InlineData("/repo", "", "")]
    public void Paths_are_relative_to_the_baseline_directory_with_forward_slashes(string directory, string path, string expected)
        => Assert.Equal(expected, BaselinePaths.Relative(directory, path));

    [Theory]
    [InlineData("AG1001", true)]
    [InlineData("AG7003", true)]
    [InlineData("AG0001", false)]
    [InlineData("AG0014", false)]
    [InlineData("CS0168", false)]
    [InlineData("AG100", false)]
    public void Configuration_rules_are_never_baselinable(string id, bool expected)
        => Assert.Equal(expected, Fingerprint.IsBaselinable(id));
}
