package sspvs.video.render;

import sspvs.video.decode.FfmpegErrors;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_compare_ts;
import static org.bytedeco.ffmpeg.global.avutil.av_d2q;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;

/**
 * Joins video-only MP4 parts end to end, adds the sound of an audio-only file, and writes one MP4, copying the
 * coded packets (no decoding, no re-encoding).
 *
 * <p>Each part was encoded with frame numbers that start at zero; its {@linkplain VideoPart#frameOrigin origin}
 * says which frame of the joined video its first frame is. A packet's frame number in the joined video is its
 * origin plus its number in the part, but never on or before the previous packet's (the rule the encoder of a
 * single pass applies frame by frame, so the joined timeline equals the single pass's). This needs frames stored
 * in display order (no B-frames, pts = dts), a key frame at each part's start and byte-equal codec set-up data
 * (H.264's SPS/PPS) in every part; any other input is refused with an {@link IOException}, never written.
 *
 * <p>The sound's packets are copied with their timestamps as they are, the AAC encoder's priming included (a
 * negative first timestamp), so the muxer writes the same edit list a single pass would. Packets of the two
 * streams are written in order of time.
 */
final class Mp4Joiner {
    /** A part's file and the joined video's number of the part's first frame. */
    record VideoPart(Path file, long frameOrigin) {}

    private Mp4Joiner() {}

    /**
     * The time base, in seconds per frame, that JavaCV's recorder gives a video stream of {@code fps} frames per
     * second (the inverse of {@code av_d2q(fps, 1001000)}): frame numbers are timestamps in it.
     */
    static int[] frameTimeBase(double fps) {
        try (AVRational q = av_d2q(fps, 1001000)) {
            return new int[] {q.den(), q.num()};
        }
    }

    /**
     * Writes {@code out} from the video {@code parts} (in order) and, unless null, the sound of {@code audio}.
     *
     * @param frameTimeBase seconds per frame as {num, den}, see {@link #frameTimeBase(double)}
     * @return the number of video packets (frames) written
     */
    static int join(List<VideoPart> parts, int[] frameTimeBase, Path audio, Path out) throws IOException {
        List<Input> inputs = new ArrayList<>();
        Input sound = null;
        AVFormatContext oc = null;
        AVPacket video = av_packet_alloc();
        AVPacket audioPacket = av_packet_alloc();
        AVRational frameTb = new AVRational().num(frameTimeBase[0]).den(frameTimeBase[1]);
        try {
            for (VideoPart p : parts) {
                inputs.add(Input.open(p.file(), AVMEDIA_TYPE_VIDEO));
            }
            checkSameSetUp(inputs);
            sound = audio == null ? null : Input.open(audio, AVMEDIA_TYPE_AUDIO);

            oc = new AVFormatContext(null);
            check(avformat_alloc_output_context2(oc, null, "mp4", out.toString()), "open the output");
            AVStream vs = newStream(oc, inputs.get(0).stream);
            AVStream as = sound == null ? null : newStream(oc, sound.stream);
            AVIOContext pb = new AVIOContext(null);
            check(avio_open(pb, "file:" + out.toAbsolutePath(), AVIO_FLAG_WRITE), "create " + out);
            oc.pb(pb);
            check(avformat_write_header(oc, (AVDictionary) null), "write the header");

            VideoPackets pictures = new VideoPackets(inputs, parts, frameTb, vs);
            boolean haveVideo = pictures.next(video);
            boolean haveAudio = sound != null && sound.next(audioPacket);
            while (haveVideo || haveAudio) {
                if (haveVideo && (!haveAudio
                        || av_compare_ts(video.dts(), vs.time_base(), audioPacket.dts(), sound.stream.time_base()) <= 0)) {
                    check(av_interleaved_write_frame(oc, video), "write a video packet");
                    haveVideo = pictures.next(video);
                } else {
                    av_packet_rescale_ts(audioPacket, sound.stream.time_base(), as.time_base());
                    audioPacket.stream_index(as.index());
                    audioPacket.pos(-1);
                    check(av_interleaved_write_frame(oc, audioPacket), "write an audio packet");
                    haveAudio = sound.next(audioPacket);
                }
            }
            check(av_write_trailer(oc), "finish the file");
            return pictures.written;
        } finally {
            if (oc != null && !oc.isNull()) {
                AVIOContext pb = oc.pb();
                if (pb != null && !pb.isNull()) {
                    avio_closep(pb);
                    oc.pb(null);
                }
                avformat_free_context(oc);
            }
            for (Input in : inputs) {
                in.close();
            }
            if (sound != null) {
                sound.close();
            }
            av_packet_free(video);
            av_packet_free(audioPacket);
            frameTb.close();
        }
    }

    /** The parts' packets in order, renumbered into the joined video's timeline and time base. */
    private static final class VideoPackets {
        final List<Input> inputs;
        final List<VideoPart> parts;
        final AVRational frameTb;
        final AVStream out;
        int part;
        boolean partStarted;
        long lastFrame = Long.MIN_VALUE;
        int written;

        VideoPackets(List<Input> inputs, List<VideoPart> parts, AVRational frameTb, AVStream out) {
            this.inputs = inputs;
            this.parts = parts;
            this.frameTb = frameTb;
            this.out = out;
        }

        /** Reads the next packet into {@code pkt}, stamped for the output; false after the last part. */
        boolean next(AVPacket pkt) throws IOException {
            while (part < inputs.size()) {
                Input in = inputs.get(part);
                if (!in.next(pkt)) {
                    part++;
                    partStarted = false;
                    continue;
                }
                AVRational inTb = in.stream.time_base();
                if (pkt.pts() == AV_NOPTS_VALUE || pkt.pts() != pkt.dts()) {
                    throw new IOException(in.file + ": frames out of display order; cannot join by copying");
                }
                if (!partStarted && (pkt.flags() & AV_PKT_FLAG_KEY) == 0) {
                    throw new IOException(in.file + ": does not start with a key frame");
                }
                partStarted = true;
                long inPart = av_rescale_q(pkt.pts(), inTb, frameTb);
                if (av_rescale_q(inPart, frameTb, inTb) != pkt.pts()) {
                    throw new IOException(in.file + ": a timestamp off the frame grid (" + pkt.pts() + ")");
                }
                long frame = Math.max(parts.get(part).frameOrigin() + inPart, lastFrame + 1);
                lastFrame = frame;
                long ts = av_rescale_q(frame, frameTb, out.time_base());
                pkt.pts(ts);
                pkt.dts(ts);
                pkt.duration(av_rescale_q(pkt.duration(), inTb, out.time_base()));
                pkt.stream_index(out.index());
                pkt.pos(-1);
                written++;
                return true;
            }
            return false;
        }
    }

    private static AVStream newStream(AVFormatContext oc, AVStream like) throws IOException {
        AVStream s = avformat_new_stream(oc, null);
        if (s == null || s.isNull()) {
            throw new IOException("cannot add a stream to the output");
        }
        check(avcodec_parameters_copy(s.codecpar(), like.codecpar()), "copy the stream parameters");
        s.codecpar().codec_tag(0); // let the MP4 muxer choose its own tag
        s.time_base(like.time_base());
        return s;
    }

    /** Parts decode as one stream only if their codec and its set-up data (SPS/PPS) are the same. */
    private static void checkSameSetUp(List<Input> inputs) throws IOException {
        AVCodecParameters first = inputs.get(0).stream.codecpar();
        byte[] firstSetUp = extradata(first);
        for (Input in : inputs.subList(1, inputs.size())) {
            AVCodecParameters p = in.stream.codecpar();
            if (p.codec_id() != first.codec_id() || p.width() != first.width() || p.height() != first.height()
                    || !Arrays.equals(extradata(p), firstSetUp)) {
                throw new IOException(in.file + ": coded differently from " + inputs.get(0).file
                        + " (codec set-up data differ); cannot join by copying");
            }
        }
    }

    private static byte[] extradata(AVCodecParameters p) {
        byte[] b = new byte[Math.max(0, p.extradata_size())];
        if (b.length > 0) {
            p.extradata().get(b);
        }
        return b;
    }

    private static void check(int ret, String what) throws IOException {
        if (ret < 0) {
            throw new IOException("cannot " + what + " (" + FfmpegErrors.describe(ret) + ")");
        }
    }

    /** An opened file and its one stream of the wanted kind; other streams' packets are skipped. */
    private static final class Input implements AutoCloseable {
        final Path file;
        final AVFormatContext ctx;
        final AVStream stream;

        private Input(Path file, AVFormatContext ctx, AVStream stream) {
            this.file = file;
            this.ctx = ctx;
            this.stream = stream;
        }

        static Input open(Path file, int mediaType) throws IOException {
            AVFormatContext ctx = new AVFormatContext(null);
            // on failure FFmpeg frees the context itself
            check(avformat_open_input(ctx, "file:" + file.toAbsolutePath(), null, null), "open " + file);
            for (int i = 0; i < ctx.nb_streams(); i++) {
                if (ctx.streams(i).codecpar().codec_type() == mediaType) {
                    return new Input(file, ctx, ctx.streams(i));
                }
            }
            avformat_close_input(ctx);
            throw new IOException(file + ": no " + (mediaType == AVMEDIA_TYPE_VIDEO ? "video" : "audio")
                    + " stream");
        }

        /** Reads this stream's next packet into {@code pkt} (replacing what it held); false at the end. */
        boolean next(AVPacket pkt) throws IOException {
            while (true) {
                av_packet_unref(pkt);
                int ret = av_read_frame(ctx, pkt);
                if (ret == AVERROR_EOF()) {
                    return false;
                }
                check(ret, "read " + file);
                if (pkt.stream_index() == stream.index()) {
                    return true;
                }
            }
        }

        @Override
        public void close() {
            avformat_close_input(ctx);
        }
    }
}
