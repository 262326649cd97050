package dev.kotak.retention.metrics;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.inject.Inject;
import javax.inject.Singleton;

import org.apache.james.metrics.api.Metric;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.metrics.api.TimeMetric;

/**
 * Retention counters on James's MetricFactory (so {@code /metrics} exports them): one counter per action, plus
 * sweeper runs and their duration. Registered without a suffix: the Prometheus exporter adds {@code _total} to
 * counters, so {@code kotak_retention_expired} is scraped as {@code kotak_retention_expired_total}.
 */
@Singleton
public class RetentionMetrics {
    /** Actions counted, as they appear in metric names and audit events. */
    public enum Action { RETRIEVED, SEEN, HIDDEN, MOVED, EXPUNGED, EXPIRED, PURGED, RESTORED }

    public static final String SWEEPS = "kotak_retention_sweeps";
    public static final String SWEEP_DURATION = "kotak_retention_sweep_duration";

    private final MetricFactory metricFactory;
    private final Map<Action, Metric> counters = new ConcurrentHashMap<>();

    @Inject
    public RetentionMetrics(MetricFactory metricFactory) {
        this.metricFactory = metricFactory;
    }

    public static String name(Action action) {
        return "kotak_retention_" + action.name().toLowerCase(Locale.ROOT);
    }

    public void count(Action action, int messages) {
        if (messages > 0) {
            counters.computeIfAbsent(action, key -> metricFactory.generate(name(key))).add(messages);
        }
    }

    public void sweepStarted() {
        metricFactory.generate(SWEEPS).increment();
    }

    public TimeMetric sweepTimer() {
        return metricFactory.timer(SWEEP_DURATION);
    }
}
