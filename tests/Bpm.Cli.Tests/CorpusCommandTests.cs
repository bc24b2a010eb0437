namespace Bpm.Cli.Tests;

/// <summary><c>bpm corpus generate</c>: one file per procedure, and a directory with files in it is refused untouched.</summary>
public sealed class CorpusCommandTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"bpm-corpus-test-{Guid.NewGuid():N}");

    [Fact]
    public void Generate_NewDirectory_WritesOneValidatedFilePerProcedure()
    {
        var (exit, output, _) = Bpm("corpus", "generate", "--seed", "3", "--output", _directory);

        Assert.Equal(0, exit);
        var files = Directory.GetFiles(_directory, "*.bpmn");
        Assert.Equal(2_257, files.Length);
        Assert.Contains($"2257 procedures written to {_directory}", output, StringComparison.Ordinal);
        Assert.Contains("commune: 117 procedures, 18 inter-connected", output, StringComparison.Ordinal);
        var (validated, report, _) = Bpm(["validate", .. files.Order(StringComparer.Ordinal).Take(5)]);
        Assert.Equal(0, validated);
        Assert.DoesNotContain(": ", report.Replace("OK ", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_DirectoryNotEmpty_FailsAndLeavesItAsItWas()
    {
        Directory.CreateDirectory(_directory);
        File.WriteAllText(Path.Combine(_directory, "old.bpmn"), "<old/>");

        var (exit, _, error) = Bpm("corpus", "generate", "--seed", "3", "--output", _directory);

        Assert.Equal(1, exit);
        Assert.Contains("is not empty", error, StringComparison.Ordinal);
        Assert.Equal(["old.bpmn"], Directory.GetFiles(_directory).Select(Path.GetFileName));
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static (int Exit, string Out, string Err) Bpm(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = Cli.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
