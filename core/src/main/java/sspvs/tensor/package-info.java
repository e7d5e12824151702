/**
 * Helpers over DJL tensors that {@code model}, {@code text} and {@code train} share (kept apart so that
 * {@code text} need not depend on {@code model}, which depends on it).
 */
package sspvs.tensor;
