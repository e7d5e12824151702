package sspvs.server;

import io.javalin.http.Context;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends a file honouring a single {@code Range: bytes=...} request (206 with exactly the bytes asked for, 416 for a
 * range outside the file), so a browser can seek a video. Javalin's own seekable writer sends up to a fixed chunk
 * past the start whatever end was asked, which is not the range requested.
 */
final class ByteRanges {
    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    private ByteRanges() {}

    /** Writes {@code file} (of {@code size} bytes) to the response, whole or the requested range. */
    static void send(Context ctx, Path file, long size, String contentType) throws IOException {
        ctx.header("Accept-Ranges", "bytes").contentType(contentType);
        String range = ctx.header("Range");
        long from = 0;
        long to = size - 1;
        if (range != null) {
            Matcher m = SINGLE.matcher(range.strip());
            if (!m.matches() || m.group(1).isEmpty() && m.group(2).isEmpty()) {
                unsatisfiable(ctx, size); // several ranges or another unit: not served
                return;
            }
            if (m.group(1).isEmpty()) { // the last N bytes
                from = Math.max(0, size - Long.parseLong(m.group(2)));
            } else {
                from = Long.parseLong(m.group(1));
                if (!m.group(2).isEmpty()) {
                    to = Math.min(to, Long.parseLong(m.group(2)));
                }
            }
            if (from >= size || from > to) {
                unsatisfiable(ctx, size);
                return;
            }
            ctx.status(206).header("Content-Range", "bytes " + from + "-" + to + "/" + size);
        }
        long length = to - from + 1;
        ctx.header("Content-Length", Long.toString(length));
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        channel.position(from);
        ctx.result(new Limited(Channels.newInputStream(channel), length));
    }

    private static void unsatisfiable(Context ctx, long size) {
        ctx.status(416).header("Content-Range", "bytes */" + size).result("");
    }

    /** At most {@code left} bytes of the stream. */
    private static final class Limited extends FilterInputStream {
        private long left;

        Limited(InputStream in, long left) {
            super(in);
            this.left = left;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }
}
