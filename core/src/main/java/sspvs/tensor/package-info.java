/**
 * Helpers over DJL tensors that {@code model}, {@code text} and {@code train} share (kept apart so that
 * {@code text} need not depend on {@code model}, which depends on it).
 *
 * <p>May use: no other sspvs package (DJL only) (checked by {@code LayeringTest}).
 */
package sspvs.tensor;
