package dev.driftless.bench;

import java.util.List;

/** Median and spread of measured runs. */
record Stats(double median, double min, double max, int runs) {

    static Stats of(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no runs");
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = v.length;
        double median = n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
        return new Stats(median, v[0], v[n - 1], n);
    }

    /** {@code 1.23 s (1.20–1.31)} with the unit's scale. */
    String seconds() {
        return String.format("%s s (%s–%s)", fmt(median), fmt(min), fmt(max));
    }

    String millis() {
        return String.format("%.1f ms (%.1f–%.1f)", median * 1e3, min * 1e3, max * 1e3);
    }

    /** Memory in MiB from kilobytes. */
    String mebibytes() {
        return String.format("%.0f MiB (%.0f–%.0f)", median / 1024, min / 1024, max / 1024);
    }

    private static String fmt(double s) {
        return s >= 10 ? String.format("%.1f", s) : s >= 1 ? String.format("%.2f", s) : String.format("%.3f", s);
    }
}
