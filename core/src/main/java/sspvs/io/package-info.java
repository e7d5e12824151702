/**
 * File-system helpers shared by every package: {@link sspvs.io.AtomicFiles} is the one way sspvs writes a
 * result file (temporary sibling, then a single move), so nothing is ever left half-written.
 *
 * <p>May use: {@code sspvs} (UserException) only (checked by {@code LayeringTest}).
 */
package sspvs.io;
