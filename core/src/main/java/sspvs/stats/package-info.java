/**
 * Statistics for comparing results: the stratified bootstrap interval of a mean difference
 * ({@link sspvs.stats.Bootstrap}) and the Wilcoxon signed-rank test ({@link sspvs.stats.Wilcoxon}, commons-math3 with
 * scipy's handling of zeros and ties).
 *
 * <p>Uses only commons-math3: it sits low so {@code report} and the CLI can use it.
 *
 * <p>May use: no other sspvs package (commons-math3 only) (checked by {@code LayeringTest}).
 */
package sspvs.stats;
