using DataPlatform.Build.Tasks;
using DataPlatform.Build.Testing;

namespace DataPlatform.Build.Tests.Testing;

/// <summary>Deploy skips the processor's tests only when they passed on exactly the source they would run on.</summary>
public sealed class PassedStampTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("stamp-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void A_changed_source_file_or_configuration_changes_the_fingerprint_and_build_output_does_not()
    {
        Write("src/Processor/Function.cs", "class A {}");
        Write("contracts/order.created.json", "{}");
        var before = Fingerprint("Release");

        Write("src/Processor/bin/Release/Processor.dll", "binary");
        Write("tests/Processor.Tests/obj/project.assets.json", "{}");
        Assert.Equal(before, Fingerprint("Release"));

        Assert.NotEqual(before, Fingerprint("Debug"));
        Write("contracts/order.created.json", "{\"type\":\"object\"}");
        var contractChanged = Fingerprint("Release");
        Assert.NotEqual(before, contractChanged);
        Write("src/Processor/Function.cs", "class B {}");
        Assert.NotEqual(contractChanged, Fingerprint("Release"));
        File.Move(Path.Combine(_root, "src/Processor/Function.cs"), Path.Combine(_root, "src/Processor/Renamed.cs"));
        Assert.NotEqual(contractChanged, Fingerprint("Release"));
    }

    [Fact]
    public void The_stamp_answers_only_for_the_fingerprint_it_recorded_and_forgets_on_request()
    {
        var stamp = new PassedStamp(Path.Combine(_root, ".state"), "processor-tests");
        Assert.Null(stamp.PassedOn("abc"));
        stamp.Forget();

        var when = new DateTimeOffset(2026, 12, 1, 20, 0, 0, TimeSpan.Zero);
        stamp.Record("abc", when);

        Assert.Equal(when, stamp.PassedOn("abc"));
        Assert.Null(stamp.PassedOn("abd"));
        File.WriteAllText(stamp.File, "abc\nnot a time\n");
        Assert.Null(stamp.PassedOn("abc"));
        stamp.Record("abc", when);
        stamp.Forget();
        Assert.Null(stamp.PassedOn("abc"));
    }

    private string Fingerprint(string configuration) => SourceFingerprint.Of(_root, ProcessorTestsTask.Inputs, configuration);

    private void Write(string relative, string content)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}
