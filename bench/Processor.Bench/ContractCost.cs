using System.Diagnostics;
using System.Globalization;
using DataPlatform.Contracts;

namespace DataPlatform.Processor.Bench;

/// <summary>
/// What event contracts cost the handler path, in one run: the same batch without contracts, with a
/// contract set for other types only (the cost for uncontracted types), and with a contract for
/// every type (each payload checked: two required strings, one of them an enum, a number and a
/// boolean), interleaved round by round, one thread each so the figure is CPU per event.
/// </summary>
public static class ContractCost
{
    private const string Contract = """
        {"type":"object","required":["order_id","amount","currency"],"properties":{
          "order_id":{"type":"string"},"amount":{"type":"number"},
          "currency":{"type":"string","enum":["EUR","USD","GBP","SEK"]},"gift":{"type":"boolean"}}}
        """;

    public static void Run(int size, CultureInfo culture)
    {
        var sqsEvent = SyntheticEvents.SqsEventJson(SyntheticEvents.Bodies(size));
        var every = new ContractSet(SyntheticEvents.Types.Select(t => ContractLoader.Parse($"contracts/{t}.json", Contract)));
        var others = new ContractSet([ContractLoader.Parse("contracts/not.sent.json", Contract)]);
        var sides = new (string Name, HandlerPath Path, List<double> Seconds)[]
        {
            ("no contracts", new HandlerPath(1), []),
            ("contracts for other types only", new HandlerPath(1, others), []),
            ("a contract for every type", new HandlerPath(1, every), []),
        };
        var iterations = Math.Clamp(200_000 / size, 8, 300);
        for (var i = 0; i < Math.Max(3, iterations / 5); i++)
        {
            foreach (var side in sides)
            {
                side.Path.Run(sqsEvent);
            }
        }

        for (var i = 0; i < iterations; i++)
        {
            // Rotating who goes first, so drift in the machine's load falls on every side.
            for (var s = 0; s < sides.Length; s++)
            {
                var side = sides[(i + s) % sides.Length];
                var clock = Stopwatch.StartNew();
                side.Path.Run(sqsEvent);
                side.Seconds.Add(clock.Elapsed.TotalSeconds);
            }
        }

        // The check alone, on the same payloads: what a contracted event pays, without the rest of the path.
        var contract = every.All.First();
        var payloads = SyntheticEvents.Bodies(size).Select(body =>
        {
            using var document = System.Text.Json.JsonDocument.Parse(body);
            return System.Text.Encoding.UTF8.GetBytes(document.RootElement.GetProperty("payload").GetRawText());
        }).ToList();
        var checks = new List<double>();
        for (var i = 0; i < iterations + 3; i++)
        {
            var clock = Stopwatch.StartNew();
            foreach (var payload in payloads)
            {
                if (PayloadValidator.Validate(contract, payload).Count != 0)
                {
                    throw new InvalidOperationException("A synthetic payload broke the bench's contract.");
                }
            }

            checks.Add(clock.Elapsed.TotalSeconds);
        }

        var baseline = size / Median(sides[0].Seconds);
        Console.WriteLine(string.Create(culture, $"# contract cost, {size:N0} messages a batch, 1 thread, {iterations} interleaved rounds, medians"));
        Console.WriteLine("| contracts | events/s | vs no contracts |");
        Console.WriteLine("|---|---:|---:|");
        foreach (var side in sides)
        {
            var rate = size / Median(side.Seconds);
            Console.WriteLine(string.Create(culture, $"| {side.Name} | {rate:N0} | {rate / baseline:0.000} |"));
        }

        Console.WriteLine(string.Create(culture,
            $"PayloadValidator.Validate alone: {Median(checks[3..]) / size * 1e9:N0} ns a payload ({payloads.Average(p => p.Length):N0} bytes on average); the handler path without contracts: {1e9 / baseline:N0} ns an event"));
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
