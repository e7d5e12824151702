package sspvs.video.synthetic;

import sspvs.video.decode.FfmpegLogging;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MPEG4;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import java.awt.Color;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameRecorder;

/**
 * Writes a test video with known shot boundaries: a sequence of scenes, each a distinct colour and pattern
 * with a small moving square (so consecutive frames differ inside a scene), and a sine tone per scene on an
 * audio track. Used by the tests, the demo and the benchmarks, where real footage would be too large or
 * unlicensed.
 *
 * <p>Video is H.264 through libopenh264 when this FFmpeg build has it (the LGPL JavaCV build does), else
 * MPEG-4 Part 2; audio is AAC. The container follows the file name's extension ({@code .mp4}, {@code .mkv},
 * {@code .avi}, ...). Files are written to a temporary name beside the target and moved into place.
 *
 * <pre>{@code
 * SyntheticVideo.Result r = SyntheticVideo.builder().size(64, 48).fps(30)
 *         .sceneSeconds(2, 3, 1.5).build().write(Path.of("test.mp4"));
 * }</pre>
 */
public final class SyntheticVideo {

    /**
     * What was written.
     *
     * @param file        the video
     * @param frameCount  frames written
     * @param cutSeconds  start time of every scene after the first (seconds)
     * @param cutFrames   start frame (0-based, in written-frame order) of every scene after the first
     * @param videoCodec  the encoder used
     */
    public record Result(Path file, int frameCount, double[] cutSeconds, int[] cutFrames, String videoCodec) {}

    static {
        FfmpegLogging.errorsOnly();
    }

    private final int width;
    private final int height;
    private final double fps;
    private final double[] sceneSeconds;
    private final boolean audio;
    private final int rotationDegrees;
    private final boolean variableRate;
    private final boolean textured;
    private final int bFrames;

    private SyntheticVideo(Builder b) {
        this.width = b.width;
        this.height = b.height;
        this.fps = b.fps;
        this.sceneSeconds = b.sceneSeconds.clone();
        this.audio = b.audio;
        this.rotationDegrees = b.rotationDegrees;
        this.variableRate = b.variableRate;
        this.textured = b.textured;
        this.bFrames = b.bFrames;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Settings; defaults: 64x48, 30 fps, three scenes of 2 s, with audio, no rotation, constant rate. */
    public static final class Builder {
        private int width = 64;
        private int height = 48;
        private double fps = 30;
        private double[] sceneSeconds = {2, 2, 2};
        private boolean audio = true;
        private int rotationDegrees;
        private boolean variableRate;
        private boolean textured;
        private int bFrames;

        /** Coded frame size; even numbers (the encoders need them). */
        public Builder size(int width, int height) {
            if (width < 16 || height < 16 || width % 2 != 0 || height % 2 != 0) {
                throw new IllegalArgumentException("size must be even and at least 16x16, got " + width + "x"
                        + height);
            }
            this.width = width;
            this.height = height;
            return this;
        }

        public Builder fps(double fps) {
            if (!(fps > 0) || fps > 240) {
                throw new IllegalArgumentException("fps must be in (0, 240], got " + fps);
            }
            this.fps = fps;
            return this;
        }

        /** The length of each scene in seconds; the number of values is the number of scenes. */
        public Builder sceneSeconds(double... seconds) {
            if (seconds.length == 0 || Arrays.stream(seconds).anyMatch(s -> !(s > 0))) {
                throw new IllegalArgumentException("need at least one scene, each of positive length");
            }
            this.sceneSeconds = seconds.clone();
            return this;
        }

        public Builder audio(boolean audio) {
            this.audio = audio;
            return this;
        }

        /** Display rotation stored in the file (clockwise degrees a player applies: 0, 90, 180, 270). */
        public Builder rotation(int clockwiseDegrees) {
            if (Math.floorMod(clockwiseDegrees, 90) != 0) {
                throw new IllegalArgumentException("rotation must be a multiple of 90, got " + clockwiseDegrees);
            }
            this.rotationDegrees = Math.floorMod(clockwiseDegrees, 360);
            return this;
        }

        /**
         * Variable frame rate: during the first half of the video only every other frame of the {@code fps}
         * grid is written (half rate), then every frame. Frame indices and timestamps then disagree, which is
         * what a timestamp-based sampler must handle.
         */
        public Builder variableRate(boolean value) {
            this.variableRate = value;
            return this;
        }

        /**
         * Footage-like scenes instead of flat colours: a detailed texture per scene that the camera pans across,
         * with sensor grain that changes every frame, encoded at a typical rate for the size (0.1 bit per pixel
         * per frame: 2.8 Mb/s at 720p30). Flat colours cost FFmpeg almost nothing to decode (docs/performance.md),
         * which makes any timing relative to decoding meaningless;
         * benchmarks use this.
         */
        public Builder textured(boolean value) {
            this.textured = value;
            return this;
        }

        /**
         * Encode with up to {@code count} B-frames between reference frames (frames nothing is predicted from,
         * as x264 and similar encoders make). libopenh264 makes none, so this uses MPEG-4 Part 2; 0 (the default)
         * keeps the preferred encoder.
         */
        public Builder bFrames(int count) {
            if (count < 0 || count > 4) {
                throw new IllegalArgumentException("B-frames must be 0..4, got " + count);
            }
            this.bFrames = count;
            return this;
        }

        public SyntheticVideo build() {
            return new SyntheticVideo(this);
        }
    }

    /** The video encoder this FFmpeg build offers: libopenh264 (H.264) if present, else MPEG-4 Part 2. */
    public static String preferredVideoEncoder() {
        return avcodec.avcodec_find_encoder_by_name("libopenh264") != null ? "libopenh264" : "mpeg4";
    }

    /** Writes the video to {@code file} (atomically) and says where the cuts are. */
    public Result write(Path file) throws IOException {
        Path tmp = tempBeside(file);
        String encoder = bFrames > 0 ? "mpeg4" : preferredVideoEncoder();
        int totalGrid = (int) Math.round(Arrays.stream(sceneSeconds).sum() * fps);
        int[] sceneOfGridFrame = sceneIndexPerGridFrame(totalGrid);
        int channels = 1;
        int sampleRate = 22050;
        FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(tmp.toFile(), width, height, audio ? channels : 0);
        recorder.setFormat(containerFormat(file));
        recorder.setFrameRate(fps);
        recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
        recorder.setGopSize((int) Math.max(1, Math.round(fps))); // a key frame per second keeps cuts clean
        if (encoder.equals("libopenh264")) {
            recorder.setVideoCodecName("libopenh264");
            recorder.setVideoCodec(AV_CODEC_ID_H264);
            recorder.setVideoBitrate(textured ? (int) Math.max(400_000, 0.1 * width * height * fps) : 400_000);
        } else {
            recorder.setVideoCodec(AV_CODEC_ID_MPEG4);
            recorder.setVideoQuality(3);
            if (bFrames > 0) {
                recorder.setVideoOption("bf", Integer.toString(bFrames));
            }
        }
        if (rotationDegrees != 0) {
            recorder.setDisplayRotation(-rotationDegrees); // FFmpeg stores the counter-clockwise angle
        }
        if (audio) {
            recorder.setAudioCodec(AV_CODEC_ID_AAC);
            recorder.setSampleRate(sampleRate);
            recorder.setAudioChannels(channels);
            recorder.setAudioBitrate(64_000);
        }
        int written = 0;
        int[] cutFrames = new int[sceneSeconds.length - 1];
        double[] cutSeconds = new double[sceneSeconds.length - 1];
        try {
            recorder.start();
            byte[] rgb = new byte[width * height * 3];
            FootagePainter footage = textured ? new FootagePainter(width, height) : null;
            int previousScene = 0;
            long audioSamplesWritten = 0;
            for (int g = 0; g < totalGrid; g++) {
                boolean skip = variableRate && g < totalGrid / 2 && g % 2 == 1;
                int scene = sceneOfGridFrame[g];
                if (scene != previousScene && !skip) {
                    for (int s = previousScene + 1; s <= scene; s++) {
                        cutFrames[s - 1] = written;
                        cutSeconds[s - 1] = g / fps;
                    }
                    previousScene = scene;
                }
                if (skip) {
                    continue;
                }
                if (footage != null) {
                    footage.paint(rgb, scene, g);
                } else {
                    paint(rgb, scene, g);
                }
                recorder.setTimestamp(Math.round(g * 1e6 / fps));
                recorder.recordImage(width, height, Frame.DEPTH_UBYTE, 3, width * 3, AV_PIX_FMT_RGB24,
                        ByteBuffer.wrap(rgb));
                written++;
                if (audio) {
                    long until = Math.round((g + 1) * sampleRate / fps);
                    int n = (int) (until - audioSamplesWritten);
                    recorder.recordSamples(sampleRate, channels, tone(scene, audioSamplesWritten, n, sampleRate));
                    audioSamplesWritten = until;
                }
            }
            recorder.stop();
        } catch (FrameRecorder.Exception e) {
            Files.deleteIfExists(tmp);
            throw new IOException("cannot write synthetic video " + file + ": " + e.getMessage(), e);
        } finally {
            recorder.release();
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return new Result(file, written, cutSeconds, cutFrames, encoder);
    }

    /** Writes an audio-only file (a sine tone) of the given length: a file the video decoder must refuse. */
    public static Path writeAudioOnly(Path file, double seconds) throws IOException {
        Path tmp = tempBeside(file);
        int sampleRate = 22050;
        FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(tmp.toFile(), 1);
        recorder.setFormat(containerFormat(file));
        recorder.setAudioCodec(AV_CODEC_ID_AAC);
        recorder.setSampleRate(sampleRate);
        recorder.setAudioBitrate(64_000);
        try {
            recorder.start();
            int total = (int) Math.round(seconds * sampleRate);
            for (int start = 0; start < total; start += 1024) {
                int n = Math.min(1024, total - start);
                recorder.recordSamples(sampleRate, 1, tone(0, start, n, sampleRate));
            }
            recorder.stop();
        } catch (FrameRecorder.Exception e) {
            Files.deleteIfExists(tmp);
            throw new IOException("cannot write audio file " + file + ": " + e.getMessage(), e);
        } finally {
            recorder.release();
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return file;
    }

    private int[] sceneIndexPerGridFrame(int totalGrid) {
        int[] scene = new int[totalGrid];
        double end = 0;
        int s = 0;
        double[] ends = new double[sceneSeconds.length];
        for (int i = 0; i < sceneSeconds.length; i++) {
            end += sceneSeconds[i];
            ends[i] = end;
        }
        for (int g = 0; g < totalGrid; g++) {
            double t = g / fps;
            while (s < ends.length - 1 && t >= ends[s] - 1e-9) {
                s++;
            }
            scene[g] = s;
        }
        return scene;
    }

    /** Scene {@code s}: a base colour and a pattern that differ from every other scene; a square moves. */
    private void paint(byte[] rgb, int scene, int gridFrame) {
        Color base = Color.getHSBColor((float) ((scene * 0.618034) % 1.0), 0.85f, 0.9f);
        Color second = Color.getHSBColor((float) ((scene * 0.618034 + 0.5) % 1.0), 0.6f, 0.35f);
        int pattern = scene % 3;
        int square = Math.max(2, height / 6);
        int sqX = (gridFrame * 2) % Math.max(1, width - square);
        int sqY = height / 2 - square / 2;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                boolean alt = switch (pattern) {
                    case 0 -> y < height / 3;                                   // band on top
                    case 1 -> (x / Math.max(2, width / 8)) % 2 == 0;            // vertical stripes
                    default -> ((x / Math.max(2, width / 6)) + (y / Math.max(2, height / 4))) % 2 == 0; // checks
                };
                Color c = alt ? second : base;
                boolean inSquare = x >= sqX && x < sqX + square && y >= sqY && y < sqY + square;
                int i = (y * width + x) * 3;
                rgb[i] = (byte) (inSquare ? 255 : c.getRed());
                rgb[i + 1] = (byte) (inSquare ? 255 : c.getGreen());
                rgb[i + 2] = (byte) (inSquare ? 255 : c.getBlue());
            }
        }
    }

    private static ShortBuffer tone(int scene, long firstSample, int n, int sampleRate) {
        double freq = 220 * Math.pow(2, scene / 4.0);
        short[] samples = new short[n];
        for (int i = 0; i < n; i++) {
            samples[i] = (short) (8000 * Math.sin(2 * Math.PI * freq * (firstSample + i) / sampleRate));
        }
        return ShortBuffer.wrap(samples);
    }

    private static String containerFormat(Path file) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "mp4" : name.substring(dot + 1);
        return switch (ext) {
            case "mkv" -> "matroska";
            case "m4a", "m4v", "mov" -> ext.equals("mov") ? "mov" : "mp4";
            default -> ext;
        };
    }

    private static Path tempBeside(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // keep the extension: FFmpeg picks defaults from it
        String name = file.getFileName().toString();
        return dir.resolve("." + name + ".tmp-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + "-"
                + name.substring(Math.max(0, name.lastIndexOf('.'))).replace("/", ""));
    }
}
