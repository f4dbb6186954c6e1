using System.Text.Json;
using System.Text.RegularExpressions;
using DataPlatform.Infrastructure.Tests.Terraform;

namespace DataPlatform.Infrastructure.Tests.Sizing;

/// <summary>
/// The files-per-hour model of tools/file_sizing.py against hand computations, its first setting
/// against the mapping's defaults in modules/processor, and docs/file-sizing.md against its output.
/// </summary>
public sealed class FileSizingTests
{
    private const string DefaultSetting = "default (10,000 / 60 s / 5)";

    [Fact]
    public void Ten_events_a_second_fill_each_of_five_batches_by_the_one_minute_window()
    {
        // 10/s over 5 batches is 2/s each; a batch opens with one message and gathers 60 s × 2 more:
        // 121 messages, 36,000 / 121 = 297.5 batches an hour; 6 types in 121 messages are all
        // present (6 × (1 − (5/6)^121) = 6.00), so 1,785 files of 3,072 + 121 / 6 × 220 = 7,509 bytes.
        // Compacted: 6,000 events per type an hour × 220 B = 1.32 MB, one file per type.
        var row = Row(DefaultSetting, 10);

        Assert.Equal(121, row.GetProperty("messages_per_batch").GetDouble());
        Assert.Equal("window", row.GetProperty("closed_by").GetString());
        Assert.Equal(1785, row.GetProperty("files_per_hour").GetInt64());
        Assert.Equal(7509, row.GetProperty("bytes_per_file").GetInt64());
        Assert.Equal(6, row.GetProperty("compacted_files_per_hour").GetInt64());
        Assert.Equal(3072 + 1_320_000, row.GetProperty("compacted_bytes_per_file").GetInt64());
    }

    [Fact]
    public void Ten_thousand_events_a_second_fill_batches_up_to_lambda_s_six_megabyte_payload()
    {
        // 6,291,456 B / (600 B body + 500 B of SQS metadata) = 5,719 records a batch; 36,000,000 / 5,719
        // = 6,294.8 batches × 6 files = 37,769 files an hour. Compacted: 6,000,000 events per type
        // × 220 B = 1.32 GB = 19.7 × 64 MiB, so 19 files per type, 114 an hour.
        var row = Row(DefaultSetting, 10_000);

        Assert.Equal(5719, row.GetProperty("messages_per_batch").GetDouble());
        Assert.Equal("payload", row.GetProperty("closed_by").GetString());
        Assert.Equal(37_769, row.GetProperty("files_per_hour").GetInt64());
        Assert.Equal(114, row.GetProperty("compacted_files_per_hour").GetInt64());
        Assert.True(row.GetProperty("compacted_bytes_per_file").GetInt64() >= 64L * 1024 * 1024);
    }

    [Fact]
    public void The_script_s_default_setting_is_the_processor_module_s_default()
    {
        var variables = File.ReadAllText(Path.Combine(RepositoryLayout.ModulesDirectory, "processor", "variables.tf"));

        Assert.Equal(DefaultSetting, $"default ({Default(variables, "batch_size"):N0} / {Default(variables, "maximum_batching_window_seconds")} s / {Default(variables, "maximum_concurrency")})");
    }

    [Fact]
    public void The_docs_show_the_table_the_script_prints()
    {
        var docs = File.ReadAllText(Path.Combine(RepositoryLayout.Root, "docs", "file-sizing.md")).ReplaceLineEndings("\n");

        Assert.True(docs.Contains(FileSizingScript.Table(), StringComparison.Ordinal), "docs/file-sizing.md does not hold the table tools/file_sizing.py prints now: run `python3 tools/file_sizing.py` and paste its output into the doc.");
    }

    private static JsonElement Row(string setting, int rate) =>
        FileSizingScript.Rows().Single(r => r.GetProperty("setting").GetString() == setting && r.GetProperty("events_per_second").GetInt32() == rate);

    private static int Default(string variablesFile, string name)
    {
        var match = Regex.Match(variablesFile, $@"variable ""{name}"" \{{[^}}]*?default\s*=\s*(\d+)", RegexOptions.Singleline);
        return match.Success ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : throw new InvalidOperationException($"modules/processor declares no numeric default for {name}.");
    }
}
