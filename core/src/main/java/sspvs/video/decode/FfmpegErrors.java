package sspvs.video.decode;

import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.nio.charset.StandardCharsets;

/** FFmpeg's own words for its error codes. */
public final class FfmpegErrors {
    private FfmpegErrors() {}

    /** The text FFmpeg gives for {@code code} (a negative AVERROR), or the number if it has none. */
    public static String describe(int code) {
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

    /** FFmpeg's own words for the error code in a JavaCV message, without JavaCV's hints for programmers. */
    public static String reason(String message) {
        if (message == null) {
            return "no detail";
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("error (-?\\d+)").matcher(message);
        if (m.find()) {
            try {
                return describe(Integer.parseInt(m.group(1)));
            } catch (NumberFormatException ignored) {
                // fall through to the raw text
            }
        }
        if (message.contains("Did not find a video or audio stream")) {
            return "no stream in a codec FFmpeg can decode: unknown or unsupported codec";
        }
        String text = message;
        for (String hint : new String[] {" (Has ", " (For more details"}) { // JavaCV's hints for programmers
            int cut = text.indexOf(hint);
            text = cut < 0 ? text : text.substring(0, cut);
        }
        return text;
    }
}
