package sspvs.video;

import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.nio.charset.StandardCharsets;

/** FFmpeg's own words for its error codes. */
final class FfmpegErrors {
    private FfmpegErrors() {}

    /** The text FFmpeg gives for {@code code} (a negative AVERROR), or the number if it has none. */
    static String describe(int code) {
        byte[] msg = new byte[256];
        if (av_strerror(code, msg, msg.length) != 0) {
            return "error " + code;
        }
        int len = 0;
        while (len < msg.length && msg[len] != 0) { // C text: stop at its terminator
            len++;
        }
        return new String(msg, 0, len, StandardCharsets.UTF_8);
    }
}
