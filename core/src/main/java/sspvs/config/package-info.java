/**
 * Run configuration: immutable records read from the reference's YAML experiment files (unknown key = error), all
 * read by one {@code ConfigReader}.
 */
package sspvs.config;
