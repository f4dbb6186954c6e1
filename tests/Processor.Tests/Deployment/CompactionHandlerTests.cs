using System.Reflection;
using DataPlatform.Compaction;
using DataPlatform.Processor.Configuration;

namespace DataPlatform.Processor.Tests.Deployment;

public sealed class CompactionHandlerTests
{
    private static readonly ProcessorSettings Lake = new() { Bucket = "lake", Prefix = "raw/", ZstdLevel = 5 };

    [Fact]
    public void The_compaction_handler_string_resolves_to_a_public_stream_to_stream_method_of_this_image()
    {
        var parts = CompactionFunction.HandlerString.Split("::");

        var type = Assembly.Load(parts[0]).GetType(parts[1], throwOnError: true)!;
        var method = type.GetMethod(parts[2], BindingFlags.Public | BindingFlags.Instance);

        Assert.Equal("Processor", parts[0]);
        Assert.NotNull(method);
        Assert.Equal(typeof(Stream), method.ReturnType);
        Assert.Equal([typeof(Stream)], method.GetParameters().Select(p => p.ParameterType));
        Assert.NotNull(type.GetConstructor(Type.EmptyTypes));
    }

    [Fact]
    public void Compaction_takes_the_lake_and_its_Parquet_settings_from_the_processors_variables_and_its_own_from_COMPACTION_ones()
    {
        var settings = CompactionFunction.SettingsFrom(Lake, new Dictionary<string, string>
        {
            ["COMPACTION_GRACE"] = "90m",
            ["COMPACTION_LOOKBACK"] = "2d",
            ["COMPACTION_RAW_RETENTION"] = "12h",
            ["COMPACTION_MAX_HOURS"] = "6",
        }.GetValueOrDefault);

        Assert.Equal(("lake", "raw/", 5), (settings.Bucket, settings.Prefix, settings.ZstdLevel));
        Assert.Equal((TimeSpan.FromMinutes(90), TimeSpan.FromDays(2), TimeSpan.FromHours(12), 6),
            (settings.Grace, settings.Lookback, settings.RawRetention, settings.MaxHours));
    }

    [Fact]
    public void Unset_COMPACTION_variables_give_the_documented_defaults()
    {
        var settings = CompactionFunction.SettingsFrom(Lake, _ => null);

        Assert.Equal((TimeSpan.FromHours(1), TimeSpan.FromHours(24), TimeSpan.FromHours(6), 24, 64L * 1024 * 1024),
            (settings.Grace, settings.Lookback, settings.RawRetention, settings.MaxHours, settings.PartTargetBytes));
    }

    [Theory]
    [InlineData("COMPACTION_GRACE", "1 hour", "write a whole number and a unit")]
    [InlineData("COMPACTION_LOOKBACK", "24", "has no unit")]
    [InlineData("COMPACTION_RAW_RETENTION", "5m", "below its floor of 30m")]
    [InlineData("COMPACTION_MAX_HOURS", "0", "a whole number from 1 to 10000")]
    [InlineData("COMPACTION_PART_TARGET_MB", "-3", "target size in MB")]
    public void A_bad_COMPACTION_variable_is_refused_with_a_sentence_naming_it(string variable, string value, string says)
    {
        var error = Assert.Throws<CompactionConfigurationException>(() =>
            CompactionFunction.SettingsFrom(Lake, name => name == variable ? value : null));

        Assert.Equal(variable, error.Variable);
        Assert.StartsWith($"{variable} is '{value}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(says, error.Message, StringComparison.Ordinal);
    }
}
