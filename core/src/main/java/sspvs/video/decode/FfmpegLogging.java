package sspvs.video.decode;

import org.bytedeco.ffmpeg.global.avutil;

/** FFmpeg logs to standard error from native code; its info and warning chatter is not for our users. */
public final class FfmpegLogging {
    private FfmpegLogging() {}

    static {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
    }

    /** Loads this class (once), which lowers FFmpeg's log level to errors only. */
    public static void errorsOnly() {
        // the static initialiser does the work
    }
}
