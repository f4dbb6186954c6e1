using System.Diagnostics;
using System.Globalization;
using DataPlatform.QueryBytes.Bench;

// dotnet run -c Release --project bench/QueryBytes.Bench [events/s of all six types] [batch window seconds]
var eventsPerSecond = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
var batchSeconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 60;
var work = Directory.CreateTempSubdirectory("query-bytes-");
try
{
    using var lake = new LayoutBuilder(work.FullName);
    var clock = Stopwatch.StartNew();
    var rows = lake.Build(eventsPerSecond, batchSeconds);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"One day of order.created at {eventsPerSecond} events/s over six types ({rows:N0} rows of this type), raw batches every {batchSeconds} s; built in {clock.Elapsed.TotalSeconds:0.0} s."));
    Console.WriteLine("Query: SELECT payload.amount, payload.currency, payload.channel FROM <layout> WHERE event_type = 'order.created' AND dt = <day>");
    Console.WriteLine();
    Console.WriteLine($"{"layout",-28}{"files",8}{"columns read",28}{"column bytes",16}{"footer bytes",16}{"bytes read",16}{"query ms",10}");
    var measured = Layout.All.Select(layout => (Layout: layout, Figures: lake.Measure(layout))).ToList();
    var raw = measured[0].Figures;
    foreach (var (layout, figures) in measured)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{layout.Name,-28}{figures.Files,8:N0}{string.Join(",", layout.Columns),28}{figures.ColumnBytes,16:N0}{figures.FooterBytes,16:N0}{figures.BytesRead,16:N0}{figures.QueryMilliseconds,10:N0}"));
    }

    Console.WriteLine();
    foreach (var (layout, figures) in measured.Skip(1))
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{layout.Name}: {(double)raw.BytesRead / figures.BytesRead:0.0}x fewer bytes read and {(double)raw.Files / figures.Files:0}x fewer files than raw."));
    }
}
finally
{
    work.Delete(recursive: true);
}
