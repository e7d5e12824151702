/** Run configuration: immutable records read from the reference's YAML experiment files (unknown key = error). */
package sspvs.config;
