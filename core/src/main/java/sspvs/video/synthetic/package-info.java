/**
 * Synthetic test videos with known cuts, sound, rotation or texture ({@link sspvs.video.synthetic.SyntheticVideo},
 * painted by {@link sspvs.video.synthetic.FootagePainter}), for tests, the demo and the benchmarks. Production code
 * never depends on it for anything but making such videos.
 *
 * <p>May use {@code sspvs.video.decode} (FFmpeg's log level) and JavaCV/FFmpeg.
 */
package sspvs.video.synthetic;
