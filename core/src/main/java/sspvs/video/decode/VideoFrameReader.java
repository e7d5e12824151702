package sspvs.video.decode;

import static org.bytedeco.ffmpeg.avutil.AVFrame.AV_FRAME_FLAG_CORRUPT;
import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_ALL;
import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_DEFAULT;
import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_NONREF;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_HEVC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_NONE;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_free;
import static org.bytedeco.ffmpeg.global.avutil.av_malloc;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import java.nio.file.Path;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

import sspvs.UserException;

/**
 * Reads a file's video frames in display order with FFmpeg's C API, and lets its caller drop, before they are
 * decoded, the frames that no other frame is predicted from and that the caller will not use.
 *
 * <p><b>Why.</b> Sampling 2 frames a second from 30 fps video uses one frame in 15, yet every frame that others
 * are predicted from must be decoded. Frames that nothing refers to (most B-frames of x264 and other encoders'
 * output) can be left out: the decoder is told, packet by packet, to discard the packet if it is such a frame
 * ({@code AVDISCARD_NONREF}); it then costs only the parsing of its header. The frames that are decoded are
 * bit-for-bit those of a full decode, so sampled images are unchanged.
 *
 * <p><b>Which frames.</b> Before each packet is sent, the {@link SkipRule} is asked with the packet's timestamp and
 * the latest earlier timestamp of any packet read so far; it answers whether the caller could do without that
 * frame. Skipping is offered only for H.264 and HEVC (one picture a packet; FFmpeg's decoders discard a
 * non-reference picture alone) and only while packets carry distinct timestamps; elsewhere every frame is
 * decoded. The rule relies on the earlier packet yielding a frame: in a damaged stream, where one may not, a
 * skipped frame can be the one a full decode would have sampled (damaged frames' pixels already vary from run to
 * run with FFmpeg's threaded error concealment).
 *
 * <p><b>Frame numbers.</b> {@link #frameIndex()} counts the frames a full decode would have produced before the
 * current one: frames decoded so far plus skipped packets with an earlier timestamp.
 *
 * <p>The stream read is the one JavaCV's grabber reads (the first video stream without disposition flags, else the
 * first video stream), and timestamps are computed as it does, so the results equal the grabber's.
 */
final class VideoFrameReader implements AutoCloseable {
    /** Decides whether the frame of a packet may be skipped (if nothing is predicted from it). */
    @FunctionalInterface
    interface SkipRule {
        /**
         * @param micros        the packet's presentation time in microseconds (the grabber's clock)
         * @param earlierMicros the latest presentation time before it among the last packets read, or
         *                      {@link Long#MIN_VALUE} if none
         */
        boolean skippable(long micros, long earlierMicros);
    }

    /**
     * Codecs whose packets hold exactly one picture and whose decoders discard a non-reference picture alone.
     * Not MPEG-4 Part 2: AVI's "packed" B-frames put two pictures in one packet (OpenCV's Megamind.avi lost
     * frames when tried).
     */
    private static final Set<Integer> SKIPPABLE_CODECS = Set.of(AV_CODEC_ID_H264, AV_CODEC_ID_HEVC);

    /** Packet times kept for {@link SkipRule}'s "latest earlier" (far more than any reordering spans). */
    private static final int REMEMBERED_PACKETS = 4096;

    private final Path file;
    private final AVFormatContext format;
    private final AVStream stream;
    private final AVCodecContext decoder;
    private final AVPacket packet;
    private final AVFrame frame;
    private final long timeBaseNum;
    private final long timeBaseDen;

    private SkipRule skipRule;
    private boolean skipping;
    private final TreeSet<Long> packetTimes = new TreeSet<>();
    private final PriorityQueue<Long> skippedAhead = new PriorityQueue<>();
    private int decoded;
    private int damaged;
    private int skipped;
    private int skippedBefore;
    private long timestamp;
    private boolean endOfFile;
    private boolean flushed;

    private SwsContext scaler;
    private BytePointer rgbBuffer;
    private int rgbWidth;
    private int rgbHeight;
    private int rgbStride;

    private VideoFrameReader(Path file, AVFormatContext format, AVStream stream, AVCodecContext decoder) {
        this.file = file;
        this.format = format;
        this.stream = stream;
        this.decoder = decoder;
        this.packet = av_packet_alloc();
        this.frame = av_frame_alloc();
        this.timeBaseNum = stream.time_base().num();
        this.timeBaseDen = stream.time_base().den();
    }

    /** Opens the file's video stream with a multithreaded decoder; the file must already be known to be a video. */
    static VideoFrameReader open(Path file) {
        AVFormatContext format = new AVFormatContext(null);
        // absolute, as the grabber passes it: "a:b.mp4" would otherwise name a protocol
        int ret = avformat_open_input(format, file.toAbsolutePath().toString(), null, null);
        if (ret < 0) {
            throw new UserException(file + ": FFmpeg cannot open this as a video (" + FfmpegErrors.describe(ret) + ")");
        }
        AVCodecContext decoder = null;
        try {
            if ((ret = avformat_find_stream_info(format, (PointerPointer<?>) null)) < 0) {
                throw new UserException(file + ": FFmpeg cannot read the stream information ("
                        + FfmpegErrors.describe(ret) + ")");
            }
            AVStream stream = videoStream(format);
            if (stream == null) {
                throw new UserException(file + ": has no video stream; a video is needed");
            }
            for (int i = 0; i < format.nb_streams(); i++) {
                if (i != stream.index()) {
                    format.streams(i).discard(AVDISCARD_ALL); // the demuxer may then skip their data
                }
            }
            AVCodecParameters parameters = stream.codecpar();
            AVCodec codec = avcodec_find_decoder(parameters.codec_id());
            if (codec == null) {
                throw new UserException(file + ": no decoder for this video's codec");
            }
            decoder = avcodec_alloc_context3(codec);
            if ((ret = avcodec_parameters_to_context(decoder, parameters)) < 0
                    || (ret = open(decoder, codec)) < 0) {
                throw new UserException(file + ": FFmpeg cannot open the video decoder (" + FfmpegErrors.describe(ret)
                        + ")");
            }
            VideoFrameReader reader = new VideoFrameReader(file, format, stream, decoder);
            reader.skipping = SKIPPABLE_CODECS.contains(parameters.codec_id());
            return reader;
        } catch (RuntimeException e) {
            if (decoder != null) {
                avcodec_free_context(decoder);
            }
            avformat_close_input(format);
            throw e;
        }
    }

    private static int open(AVCodecContext decoder, AVCodec codec) {
        decoder.thread_count(0); // one thread per core, as the grabber and the ffmpeg tool do
        return avcodec_open2(decoder, codec, (AVDictionary) null);
    }

    /** JavaCV's choice: the first video stream with no disposition flags, else the first video stream. */
    private static AVStream videoStream(AVFormatContext format) {
        AVStream first = null;
        for (int i = 0; i < format.nb_streams(); i++) {
            AVStream s = format.streams(i);
            AVCodecParameters p = s.codecpar();
            if (p.codec_type() != AVMEDIA_TYPE_VIDEO) {
                continue;
            }
            if (s.disposition() == 0 && p.codec_id() != AV_CODEC_ID_NONE) {
                return s;
            }
            if (first == null && p.codec_id() != AV_CODEC_ID_NONE) {
                first = s;
            }
        }
        return first;
    }

    /** Asks {@code rule} before each packet from now on; null decodes every frame. */
    void skipRule(SkipRule rule) {
        this.skipRule = rule;
    }

    /** Decodes every frame from now on (e.g. once the caller sees timestamps it cannot trust). */
    void stopSkipping() {
        this.skipping = false;
    }

    /**
     * Moves to the next frame in display order.
     *
     * @return false at the end of the stream
     */
    boolean next() {
        while (true) {
            int ret = avcodec_receive_frame(decoder, frame);
            if (ret == 0) {
                onFrame();
                return true;
            }
            if (ret == AVERROR_EOF() || (flushed && ret == AVERROR_EAGAIN())) {
                return false;
            }
            if (flushed) {
                continue; // a damaged frame among the last buffered ones: passed over, as the grabber does
            }
            // EAGAIN (or a damaged frame, also passed over): the decoder wants more input
            if (endOfFile) {
                avcodec_send_packet(decoder, (AVPacket) null);
                flushed = true;
                continue;
            }
            sendNextPacket();
        }
    }

    private void sendNextPacket() {
        while (true) {
            int ret = av_read_frame(format, packet);
            if (ret == AVERROR_EAGAIN()) {
                continue;
            }
            if (ret < 0) {
                endOfFile = true; // end of file, or a read error after which nothing more can be read
                return;
            }
            try {
                if (packet.stream_index() != stream.index()) {
                    continue;
                }
                decoder.skip_frame(shouldSkip(packet.pts()) ? AVDISCARD_NONREF : AVDISCARD_DEFAULT);
                avcodec_send_packet(decoder, packet); // errors are passed over, as the grabber does
                return;
            } finally {
                av_packet_unref(packet);
            }
        }
    }

    private boolean shouldSkip(long pts) {
        if (!skipping || skipRule == null || pts == AV_NOPTS_VALUE) {
            return false;
        }
        long micros = micros(pts);
        if (!packetTimes.add(micros)) {
            skipping = false; // repeated timestamps: a frame's place in time is not what its packet says
            return false;
        }
        if (packetTimes.size() > REMEMBERED_PACKETS) {
            packetTimes.pollFirst(); // forgetting old times only makes later answers more cautious
        }
        Long earlier = packetTimes.lower(micros);
        if (!skipRule.skippable(micros, earlier == null ? Long.MIN_VALUE : earlier)) {
            return false;
        }
        // Counted now as a frame before later ones; if the decoder still decodes it (a reference frame),
        // onFrame takes it out again.
        skippedAhead.add(micros);
        skipped++;
        return true;
    }

    private void onFrame() {
        if (frame.decode_error_flags() != 0 || (frame.flags() & AV_FRAME_FLAG_CORRUPT) != 0) {
            damaged++;
        }
        timestamp = micros(frame.best_effort_timestamp());
        if (skippedAhead.remove(timestamp)) {
            skipped--; // a reference frame: the decoder decoded it after all
        }
        while (!skippedAhead.isEmpty() && skippedAhead.peek() < timestamp) {
            skippedAhead.poll();
            skippedBefore++;
        }
        decoded++;
    }

    /** Same arithmetic as JavaCV's grabber (including its result for a missing timestamp). */
    private long micros(long pts) {
        return 1000000L * pts * timeBaseNum / timeBaseDen;
    }

    /** The current frame's presentation time in microseconds, as JavaCV's grabber reports it. */
    long timestampMicros() {
        return timestamp;
    }

    /** The current frame's number in a full decode (0-based). */
    int frameIndex() {
        return decoded - 1 + skippedBefore;
    }

    /** Frames a full decode would have produced up to now: decoded ones plus skipped ones. */
    int framesSeen() {
        return decoded + skipped;
    }

    /**
     * Decoded frames that FFmpeg flagged as damaged (errors in the stream, concealed from neighbouring pictures).
     * Their pixels depend on the order threads finish in, so they may differ slightly from run to run.
     */
    int framesDamaged() {
        return damaged;
    }

    /** Frames skipped so far. */
    int framesSkipped() {
        return skipped;
    }

    /**
     * The current frame as RGB, scaled to {@code width × height} (0 × 0: its own size) with the grabber's scaler
     * settings (bilinear, rows padded to 64 pixels), so the pixels equal the grabber's.
     */
    FrameImage image(int width, int height) {
        int srcW = frame.width();
        int srcH = frame.height();
        int w = width > 0 ? width : srcW;
        int h = height > 0 ? height : srcH;
        if (w != rgbWidth || h != rgbHeight) {
            allocateRgb(w, h);
        }
        scaler = sws_getCachedContext(scaler, srcW, srcH, frame.format(), w, h, AV_PIX_FMT_RGB24, SWS_BILINEAR,
                null, null, (DoublePointer) null);
        if (scaler == null) {
            throw new UserException(file + ": cannot convert the video's pixel format to RGB");
        }
        // swscale reads four plane pointers and strides; RGB uses the first
        try (PointerPointer<BytePointer> dst = new PointerPointer<>(rgbBuffer, null, null, null);
             IntPointer dstStride = new IntPointer(new int[] {rgbStride, 0, 0, 0})) {
            sws_scale(scaler, frame.data(), frame.linesize(), 0, srcH, dst, dstStride);
        }
        byte[] rgb = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            rgbBuffer.position((long) y * rgbStride).get(rgb, y * w * 3, w * 3);
        }
        rgbBuffer.position(0);
        return new FrameImage(w, h, rgb);
    }

    private void allocateRgb(int w, int h) {
        if (rgbBuffer != null) {
            av_free(rgbBuffer);
        }
        rgbStride = 3 * ((w + 63) & ~63); // the grabber's work-around for an swscale bug: 64-pixel rows
        long size = (long) rgbStride * h;
        rgbBuffer = new BytePointer(av_malloc(size)).capacity(size);
        rgbWidth = w;
        rgbHeight = h;
    }

    @Override
    public void close() {
        if (scaler != null) {
            sws_freeContext(scaler);
        }
        if (rgbBuffer != null) {
            av_free(rgbBuffer);
        }
        av_frame_free(frame);
        av_packet_free(packet);
        avcodec_free_context(decoder);
        avformat_close_input(format);
    }
}
