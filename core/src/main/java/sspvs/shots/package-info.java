/**
 * Shots from features: kernel temporal segmentation ({@link sspvs.shots.KernelTemporalSegmentation}, KTS v1.1's
 * {@code cpd_auto}, exact and fast), whose step segments map back to frame ranges as {@link sspvs.data.Shots}.
 * Pure maths on {@code float[T][D]}: no video, no FFmpeg.
 *
 * <p>May use {@code sspvs.data} (the one {@code Shots} type); nothing above it.
 */
package sspvs.shots;
