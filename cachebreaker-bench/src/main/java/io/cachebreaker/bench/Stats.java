package io.cachebreaker.bench;

import java.util.Arrays;
import java.util.Locale;

/** Median and range of a few repetitions. */
public final class Stats {
    private Stats() {
    }

    public static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    public static double min(double[] values) {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    public static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }

    /** Such as {@code 12345 [12001-12890]}. */
    public static String medianRange(double[] values, String format) {
        return String.format(Locale.ROOT, format + " [" + format + "-" + format + "]", median(values), min(values),
                max(values));
    }
}
