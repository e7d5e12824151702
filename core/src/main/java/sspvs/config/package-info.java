/**
 * Run configuration: immutable records read from the reference's YAML experiment files (unknown key = error), all
 * read by one {@code ConfigReader}.
 *
 * <p>May use: {@code sspvs} (UserException), {@code io}. Values that name other layers' concepts ({@code eval_metric},
 * {@code selection_rule}) are kept as checked strings so that config stays below them (checked by {@code LayeringTest}).
 */
package sspvs.config;
