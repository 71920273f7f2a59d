package dev.tollgate.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;

/** Draws a run's throughput and latency figures as PNG bar charts, for the benchmark page. */
final class Charts {

    static final String THROUGHPUT_FILE = "benchmarks-throughput.png";
    static final String LATENCY_FILE = "benchmarks-latency.png";
    private static final int WIDTH = 900;
    private static final int HEIGHT = 520;
    /** The project's throughput target for the rater, as a share of the passthrough. */
    private static final double TARGET_RATIO = 0.6;
    private static final double TARGET_INGEST_EPS = 20_000;
    private static final double TARGET_P99_MS = 250;
    private static final double TARGET_QUERY_P99_MS = 5;
    /** The latency axis starts here: below a tenth of a millisecond nothing this benchmark measures lands. */
    private static final double LOWEST_MS = 0.1;

    private Charts() {
    }

    /** Writes both charts into {@code dir} and returns their paths. */
    static List<Path> write(final Summary summary, final Path dir) {
        // Build machines have no display; without this the first chart fails on a missing X server.
        System.setProperty("java.awt.headless", "true");
        try {
            Files.createDirectories(dir);
            final Path throughput = dir.resolve(THROUGHPUT_FILE);
            final Path latency = dir.resolve(LATENCY_FILE);
            ChartUtils.saveChartAsPNG(throughput.toFile(), throughput(summary), WIDTH, HEIGHT);
            ChartUtils.saveChartAsPNG(latency.toFile(), latency(summary), WIDTH, HEIGHT);
            return List.of(throughput, latency);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JFreeChart throughput(final Summary summary) {
        final Round round = summary.last();
        final DefaultCategoryDataset data = new DefaultCategoryDataset();
        data.addValue(round.passthrough().perSecond(), "events/s", "passthrough");
        data.addValue(round.naive().perSecond(), "events/s", "naive aggregate");
        data.addValue(round.rater().perSecond(), "events/s", "tollgate rater");
        data.addValue(summary.http().ingest().eventsPerSecond(), "events/s", "HTTP ingest");
        final JFreeChart chart = ChartFactory.createBarChart(String.format(Locale.ROOT,
                "Throughput, %,d events, %d cores (rater/passthrough %.2f)", summary.options().events(),
                summary.machine().cores(), round.ratio()),
            null, "events per second", data, PlotOrientation.VERTICAL, false, false, false);
        final CategoryPlot plot = style(chart, "#,##0");
        plot.addRangeMarker(marker(TARGET_RATIO * round.passthrough().perSecond(),
            "rater target: 0.6 x passthrough"));
        plot.addRangeMarker(marker(TARGET_INGEST_EPS, "HTTP ingest target: 20,000/s"));
        return chart;
    }

    private static JFreeChart latency(final Summary summary) {
        final LatencySummary endToEnd = summary.last().latency().latency();
        final LatencySummary queries = summary.http().queries().latency();
        final String produced = "produce to rated (read_committed)";
        final String entitlement = "entitlement query under ingest load";
        final DefaultCategoryDataset data = new DefaultCategoryDataset();
        data.addValue(endToEnd.p50Ms(), "p50", produced);
        data.addValue(endToEnd.p99Ms(), "p99", produced);
        data.addValue(TARGET_P99_MS, "p99 target", produced);
        data.addValue(queries.p50Ms(), "p50", entitlement);
        data.addValue(queries.p99Ms(), "p99", entitlement);
        data.addValue(TARGET_QUERY_P99_MS, "p99 target", entitlement);
        final JFreeChart chart = ChartFactory.createBarChart(String.format(Locale.ROOT,
                "Latency, %d cores (end to end at %,.0f events/s offered)", summary.machine().cores(),
                summary.last().latency().offeredEps()),
            null, "milliseconds (log scale)", data, PlotOrientation.VERTICAL, true, false, false);
        final CategoryPlot plot = style(chart, "#,##0.#");
        final LogAxis axis = new LogAxis("milliseconds (log scale)");
        axis.setTickUnit(new NumberTickUnit(1));
        axis.setNumberFormatOverride(new DecimalFormat("#,##0.#"));
        final double highest = Math.max(TARGET_P99_MS, Math.max(endToEnd.p99Ms(), queries.p99Ms()));
        axis.setRange(LOWEST_MS, Double.isFinite(highest) ? highest * 4 : TARGET_P99_MS * 4);
        plot.setRangeAxis(axis);
        final BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setSeriesPaint(2, new Color(0xBBBBBB));
        return chart;
    }

    private static CategoryPlot style(final JFreeChart chart, final String valueFormat) {
        chart.setBackgroundPaint(Color.WHITE);
        final CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        final BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}",
            new DecimalFormat(valueFormat)));
        renderer.setDefaultItemLabelsVisible(true);
        return plot;
    }

    private static ValueMarker marker(final double value, final String label) {
        final ValueMarker marker = new ValueMarker(value, Color.RED, new BasicStroke(1.5f));
        marker.setLabel(label);
        marker.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        marker.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
        return marker;
    }
}
