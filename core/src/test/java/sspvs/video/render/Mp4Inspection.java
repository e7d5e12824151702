package sspvs.video.render;

import sspvs.video.decode.FfmpegLogging;

import static org.bytedeco.ffmpeg.global.avcodec.AV_EF_EXPLODE;
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
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * Reads an MP4 packet by packet through FFmpeg and decodes every video packet with errors made fatal
 * ({@code err_detect explode}), so a test sees what a strict player would.
 *
 * @param videoPts       presentation time of every video packet in file order, seconds
 * @param videoDts       decoding time of every video packet in file order, seconds
 * @param decodedFrames  pictures the decoder gave back
 * @param decodeErrors   packets or frames the decoder refused
 * @param audioPts       presentation time of every audio packet in file order, seconds
 * @param durationSeconds the container's duration
 * @param videoSeconds   the video stream's duration
 * @param audioSeconds   the audio stream's duration (NaN without audio)
 */
record Mp4Inspection(List<Double> videoPts, List<Double> videoDts, int decodedFrames, int decodeErrors,
        List<Double> audioPts, double durationSeconds, double videoSeconds, double audioSeconds) {

    static Mp4Inspection of(Path file) {
        FfmpegLogging.errorsOnly();
        AVFormatContext ctx = new AVFormatContext(null);
        if (avformat_open_input(ctx, file.toString(), null, null) < 0) {
            throw new IllegalStateException("cannot open " + file);
        }
        AVPacket pkt = av_packet_alloc();
        AVFrame frame = av_frame_alloc();
        AVCodecContext dec = null;
        try {
            avformat_find_stream_info(ctx, (AVDictionary) null);
            AVStream video = null;
            AVStream audio = null;
            for (int i = 0; i < ctx.nb_streams(); i++) {
                int type = ctx.streams(i).codecpar().codec_type();
                if (type == AVMEDIA_TYPE_VIDEO && video == null) {
                    video = ctx.streams(i);
                } else if (type == AVMEDIA_TYPE_AUDIO && audio == null) {
                    audio = ctx.streams(i);
                }
            }
            dec = avcodec_alloc_context3(avcodec_find_decoder(video.codecpar().codec_id()));
            avcodec_parameters_to_context(dec, video.codecpar());
            dec.err_recognition(AV_EF_EXPLODE);
            dec.thread_count(1);
            if (avcodec_open2(dec, avcodec_find_decoder(video.codecpar().codec_id()), (AVDictionary) null) < 0) {
                throw new IllegalStateException("cannot open the decoder of " + file);
            }
            double vtb = video.time_base().num() / (double) video.time_base().den();
            double atb = audio == null ? 0 : audio.time_base().num() / (double) audio.time_base().den();
            List<Double> vpts = new ArrayList<>();
            List<Double> vdts = new ArrayList<>();
            List<Double> apts = new ArrayList<>();
            int[] counts = new int[2]; // decoded, errors
            while (av_read_frame(ctx, pkt) >= 0) {
                if (pkt.stream_index() == video.index()) {
                    vpts.add(pkt.pts() * vtb);
                    vdts.add(pkt.dts() * vtb);
                    if (avcodec_send_packet(dec, pkt) < 0) {
                        counts[1]++;
                    }
                    receive(dec, frame, counts);
                } else if (audio != null && pkt.stream_index() == audio.index()) {
                    apts.add(pkt.pts() * atb);
                }
                av_packet_unref(pkt);
            }
            avcodec_send_packet(dec, null);
            receive(dec, frame, counts);
            return new Mp4Inspection(vpts, vdts, counts[0], counts[1], apts, ctx.duration() / 1e6,
                    video.duration() * vtb, audio == null ? Double.NaN : audio.duration() * atb);
        } finally {
            if (dec != null) {
                avcodec_free_context(dec);
            }
            av_frame_free(frame);
            av_packet_free(pkt);
            avformat_close_input(ctx);
        }
    }

    private static void receive(AVCodecContext dec, AVFrame frame, int[] counts) {
        while (true) {
            int ret = avcodec_receive_frame(dec, frame);
            if (ret == AVERROR_EAGAIN() || ret == AVERROR_EOF()) {
                return;
            }
            if (ret < 0) {
                counts[1]++;
                return;
            }
            counts[0]++;
        }
    }

    boolean videoTimestampsStrictlyIncrease() {
        for (int i = 1; i < videoPts.size(); i++) {
            if (!(videoPts.get(i) > videoPts.get(i - 1)) || !(videoDts.get(i) > videoDts.get(i - 1))) {
                return false;
            }
        }
        return true;
    }
}
