package sspvs.report;

/**
 * The mean measures of one split's test (or validation) videos after one epoch — one row of the reference's
 * {@code metrics.csv}.
 */
public record EpochMetrics(int epoch, double fScore, double kendall, double spearman) {}
