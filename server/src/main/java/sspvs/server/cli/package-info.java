/** {@code sspvs serve}'s command line: options, the server's events as log lines on standard error. */
package sspvs.server.cli;
