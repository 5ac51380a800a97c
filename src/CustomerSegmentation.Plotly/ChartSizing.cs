using Plotly.NET;

namespace CustomerSegmentation.Plotly;

/// <summary>Fits a chart to the width of its card on a report page: no fixed width, autosize, redrawn when the window changes.</summary>
internal static class ChartSizing
{
    /// <summary><paramref name="chart"/> without a fixed width (its height is kept), autosized and responsive.</summary>
    public static GenericChart FitToCard(GenericChart chart)
    {
        Layout layout = GenericChart.getLayout(chart);
        layout.RemoveProperty("width");
        layout.SetProperty("autosize", true);
        Config config = GenericChart.getConfig(chart);
        config.SetProperty("responsive", true);
        return chart;
    }
}
