using System.Globalization;
using System.Text;

namespace Iom.Bench.Suite;

/// <summary>Several rounds of one figure: median with min–max.</summary>
internal sealed class Samples(IEnumerable<double> values)
{
    private readonly double[] sorted = [.. values.Where(v => !double.IsNaN(v)).Order()];

    public int Count => sorted.Length;

    public double Median => sorted.Length == 0 ? double.NaN
        : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;

    public double Min => sorted.Length == 0 ? double.NaN : sorted[0];

    public double Max => sorted.Length == 0 ? double.NaN : sorted[^1];

    public double Percentile(double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    public string Show(string format, string unit = "") => sorted.Length == 0 ? "–"
        : sorted.Length == 1 ? $"{F(Median, format)}{unit}"
        : $"{F(Median, format)}{unit} ({F(Min, format)}–{F(Max, format)})";

    public static string F(double value, string format) => double.IsNaN(value) ? "–" : value.ToString(format, CultureInfo.InvariantCulture);
}

/// <summary>One line of the results: a figure, its baseline, the ratio, the issue's goal beside it and whether it is met.</summary>
internal sealed record Figure(string Measure, string What, string Value, string Baseline, string Ratio, string Goal, bool? Met, string Note = "");

/// <summary>A curve for the plot: how one cost grows with its size.</summary>
internal sealed record Series(string Chart, string Name, string XLabel, string YLabel, IReadOnlyList<(double X, double Y)> Points, bool LogX);

/// <summary>Everything a run found: figures, extra tables, curves, failures; written as Markdown and SVG.</summary>
internal sealed class Results
{
    private readonly Lock gate = new();

    public List<Figure> Figures { get; } = [];

    public List<(string Title, string Markdown)> Details { get; } = [];

    public List<Series> Series { get; } = [];

    public List<string> Failures { get; } = [];

    public List<string> Notes { get; } = [];

    public void Add(Figure figure)
    {
        lock (gate)
        {
            Figures.Add(figure);
        }

        Console.WriteLine($"bench: {figure.Measure} | {figure.What} | {figure.Value} | baseline {figure.Baseline} | {figure.Ratio} | goal {figure.Goal} | {Verdict(figure.Met)}");
    }

    public void Detail(string title, string markdown)
    {
        lock (gate)
        {
            Details.Add((title, markdown));
        }
    }

    public static string Verdict(bool? met) => met switch { true => "met", false => "**not met**", null => "–" };

    public string Markdown(string header)
    {
        var text = new StringBuilder(header).AppendLine();
        text.AppendLine("| measure | what | figure: median (min–max) | baseline | ratio | goal | met? | note |");
        text.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var f in Figures)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {f.Measure} | {f.What} | {f.Value} | {f.Baseline} | {f.Ratio} | {f.Goal} | {Verdict(f.Met)} | {f.Note} |");
        }

        foreach (var (title, markdown) in Details)
        {
            text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"### {title}").AppendLine().AppendLine(markdown.TrimEnd());
        }

        if (Notes.Count > 0)
        {
            text.AppendLine().AppendLine("### Notes").AppendLine();
            foreach (var note in Notes)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"- {note}");
            }
        }

        if (Failures.Count > 0)
        {
            text.AppendLine().AppendLine("### Measures that failed to run").AppendLine();
            foreach (var failure in Failures)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"- {failure.Replace("\n", " ", StringComparison.Ordinal)}");
            }
        }

        return text.ToString();
    }

    /// <summary>A hand-written SVG: one panel per chart, a polyline per series, axes with ticks.</summary>
    public string Svg(string title)
    {
        var charts = Series.GroupBy(s => s.Chart).ToList();
        const int panelWidth = 520, panelHeight = 320, left = 70, right = 20, top = 40, bottom = 50;
        var width = Math.Max(1, charts.Count) * panelWidth;
        var height = panelHeight + 30;
        var colors = new[] { "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b" };
        var svg = new StringBuilder();
        svg.AppendLine(CultureInfo.InvariantCulture, $"""<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">""");
        svg.AppendLine(CultureInfo.InvariantCulture, $"""<rect width="{width}" height="{height}" fill="white"/>""");
        svg.AppendLine(CultureInfo.InvariantCulture, $"""<text x="10" y="18" font-size="14" font-weight="bold">{Escape(title)}</text>""");
        for (var c = 0; c < charts.Count; c++)
        {
            var chart = charts[c].ToList();
            var x0 = (c * panelWidth) + left;
            var y0 = 30 + top;
            var w = panelWidth - left - right;
            var h = panelHeight - top - bottom;
            var logX = chart[0].LogX;
            var points = chart.SelectMany(s => s.Points).Where(p => !double.IsNaN(p.Y)).ToList();
            if (points.Count == 0)
            {
                continue;
            }

            double Tx(double x) => logX ? Math.Log10(Math.Max(x, 1e-9)) : x;
            var minX = points.Min(p => Tx(p.X));
            var maxX = points.Max(p => Tx(p.X));
            if (maxX - minX < 1e-9)
            {
                minX -= 0.5;
                maxX += 0.5;
            }

            var maxY = NiceCeiling(points.Max(p => p.Y));
            double Px(double x) => x0 + ((Tx(x) - minX) / (maxX - minX) * w);
            double Py(double y) => y0 + h - (y / maxY * h);
            svg.AppendLine(CultureInfo.InvariantCulture, $"""<text x="{x0}" y="{y0 - 14}" font-size="13" font-weight="bold">{Escape(charts[c].Key)}</text>""");
            svg.AppendLine(CultureInfo.InvariantCulture, $"""<line x1="{x0}" y1="{y0 + h}" x2="{x0 + w}" y2="{y0 + h}" stroke="black"/><line x1="{x0}" y1="{y0}" x2="{x0}" y2="{y0 + h}" stroke="black"/>""");
            for (var i = 0; i <= 4; i++)
            {
                var y = maxY * i / 4;
                svg.AppendLine(CultureInfo.InvariantCulture, $"""<line x1="{x0}" y1="{Py(y):0.#}" x2="{x0 + w}" y2="{Py(y):0.#}" stroke="#ddd"/><text x="{x0 - 6}" y="{Py(y) + 4:0.#}" text-anchor="end">{Samples.F(y, y < 10 ? "0.#" : "0")}</text>""");
            }

            foreach (var x in points.Select(p => p.X).Distinct().Order())
            {
                svg.AppendLine(CultureInfo.InvariantCulture, $"""<line x1="{Px(x):0.#}" y1="{y0 + h}" x2="{Px(x):0.#}" y2="{y0 + h + 5}" stroke="black"/><text x="{Px(x):0.#}" y="{y0 + h + 18}" text-anchor="middle">{Samples.F(x, "#,0")}</text>""");
            }

            svg.AppendLine(CultureInfo.InvariantCulture, $"""<text x="{x0 + (w / 2)}" y="{y0 + h + 38}" text-anchor="middle">{Escape(chart[0].XLabel)}{(logX ? " (log scale)" : string.Empty)}</text>""");
            svg.AppendLine(CultureInfo.InvariantCulture, $"""<text transform="translate({x0 - 50},{y0 + (h / 2)}) rotate(-90)" text-anchor="middle">{Escape(chart[0].YLabel)}</text>""");
            for (var s = 0; s < chart.Count; s++)
            {
                var color = colors[s % colors.Length];
                var line = string.Join(' ', chart[s].Points.Where(p => !double.IsNaN(p.Y)).OrderBy(p => p.X).Select(p => $"{Px(p.X):0.#},{Py(p.Y):0.#}"));
                svg.AppendLine(CultureInfo.InvariantCulture, $"""<polyline points="{line}" fill="none" stroke="{color}" stroke-width="2"/>""");
                foreach (var p in chart[s].Points.Where(p => !double.IsNaN(p.Y)))
                {
                    svg.AppendLine(CultureInfo.InvariantCulture, $"""<circle cx="{Px(p.X):0.#}" cy="{Py(p.Y):0.#}" r="3" fill="{color}"><title>{Escape(chart[s].Name)}: {Samples.F(p.X, "#,0")} → {Samples.F(p.Y, "0.0")}</title></circle>""");
                }

                svg.AppendLine(CultureInfo.InvariantCulture, $"""<rect x="{x0 + 10}" y="{y0 + 4 + (s * 16)}" width="12" height="3" fill="{color}"/><text x="{x0 + 28}" y="{y0 + 9 + (s * 16)}">{Escape(chart[s].Name)}</text>""");
            }
        }

        svg.AppendLine("</svg>");
        return svg.ToString();
    }

    private static double NiceCeiling(double value)
    {
        if (value <= 0 || double.IsNaN(value))
        {
            return 1;
        }

        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var step in new[] { 1, 2, 2.5, 5, 10 })
        {
            if (step * magnitude >= value)
            {
                return step * magnitude;
            }
        }

        return 10 * magnitude;
    }

    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
