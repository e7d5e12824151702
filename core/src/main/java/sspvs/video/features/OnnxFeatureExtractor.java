package sspvs.video.features;

import sspvs.onnx.OnnxModelFile;

import sspvs.video.decode.FrameImage;

import java.io.IOException;
import java.net.URI;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

import sspvs.UserException;

/**
 * Frame features from an image model in ONNX format, run by ONNX Runtime on the CPU. The default is what the
 * public eccv16 files hold: GoogLeNet (BVLC, trained on ImageNet) pool5, 1024 values per frame.
 *
 * <p><b>The GoogLeNet file</b> is the ONNX model zoo's {@code googlenet-12.onnx} (Caffe BVLC GoogLeNet
 * converted through Caffe2; input {@code data_0} [1,3,224,224], output {@code prob_1} [1,1000]), fetched on
 * first use by {@link ModelDownloader} ({@link #GOOGLENET}, SHA-256 from the zoo's ONNX_HUB_MANIFEST.json,
 * which also names its feature tensor {@code pool5/7x7_s1_2} [1,1024,1,1]).
 *
 * <p><b>Preprocessing</b> ({@link Options}): the frame is resized to the input size (default 224 x 224,
 * bilinear, no crop), put in the model's channel order and normalised per channel as
 * {@code (value * scale - mean) / std}, laid out NCHW. The zoo's GoogLeNet README preprocesses by resizing the
 * whole image to 224 x 224, subtracting the ImageNet means R 123.68, G 116.779, B 103.939 from 0..255 values
 * and swapping to BGR — the Caffe convention (BVLC's {@code deploy.prototxt} model: BGR, mean subtraction,
 * no scaling to 0..1): {@link Options#googlenetPool5()}.
 *
 * <p><b>Choosing the output.</b> By default the extractor returns the model's first output. Any tensor a node
 * of the graph produces can be chosen instead with {@link Options#outputName(String)}; if it is not a declared
 * graph output the extractor declares it one in memory (ONNX Runtime only returns graph outputs), leaving the
 * file untouched. {@link #tensorNames(Path)} lists the candidates; for the zoo's GoogLeNet the pool5 features
 * are {@value #GOOGLENET_POOL5}. Each frame's output is flattened to one vector ([1,1024,1,1] -> 1024).
 */
public final class OnnxFeatureExtractor implements FeatureExtractor {
    /** The ONNX model zoo's BVLC GoogLeNet, opset 12 (28,021,836 bytes). */
    public static final ModelDownloader.ModelFile GOOGLENET = new ModelDownloader.ModelFile("googlenet-12.onnx",
            URI.create("https://github.com/onnx/models/raw/main/validated/vision/classification/"
                    + "inception_and_googlenet/googlenet/model/googlenet-12.onnx"),
            "c99c507058eaf41de8723408fdda7db8325cb57f0a89f2ee07a716d6e963e14e", 28_021_836L);
    /** GoogLeNet's pool5 tensor in the zoo's file: the 1024-d features of the eccv16 files. */
    public static final String GOOGLENET_POOL5 = "pool5/7x7_s1_2";

    /** How frames become the model's input, and which tensor comes out. */
    public static final class Options {
        private int width = 224;
        private int height = 224;
        private boolean bgr;
        private float scale = 1f;
        private float[] mean = {0, 0, 0};
        private float[] std = {1, 1, 1};
        private String inputName;
        private String outputName;
        private int batchSize = 8;
        private int threads;

        /** The zoo GoogLeNet's documented preprocessing (224 x 224, BGR, ImageNet means, 0..255) and pool5. */
        public static Options googlenetPool5() {
            return new Options().inputSize(224, 224).bgr(true).scale(1f)
                    .mean(103.939f, 116.779f, 123.68f).std(1, 1, 1).outputName(GOOGLENET_POOL5);
        }

        public Options inputSize(int width, int height) {
            if (width <= 0 || height <= 0) {
                throw new IllegalArgumentException("input size must be positive, got " + width + "x" + height);
            }
            this.width = width;
            this.height = height;
            return this;
        }

        /** Feed channels as B, G, R (Caffe models) instead of R, G, B. */
        public Options bgr(boolean value) {
            this.bgr = value;
            return this;
        }

        /** Multiplies 0..255 pixel values before mean subtraction (e.g. 1/255 for 0..1 models). */
        public Options scale(float value) {
            this.scale = value;
            return this;
        }

        /** Per-channel means, in the model's channel order (BGR when {@link #bgr(boolean)}). */
        public Options mean(float c0, float c1, float c2) {
            this.mean = new float[] {c0, c1, c2};
            return this;
        }

        /** Per-channel divisors, in the model's channel order. */
        public Options std(float c0, float c1, float c2) {
            if (c0 == 0 || c1 == 0 || c2 == 0) {
                throw new IllegalArgumentException("std must not be zero");
            }
            this.std = new float[] {c0, c1, c2};
            return this;
        }

        /** The input tensor (default: the model's first input). */
        public Options inputName(String value) {
            this.inputName = value;
            return this;
        }

        /** The tensor to return (default: the model's first output); may be any node's output. */
        public Options outputName(String value) {
            this.outputName = value;
            return this;
        }

        /** Frames per run where the model's batch dimension is free (fixed-batch models use their own). */
        public Options batchSize(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("batch size must be at least 1, got " + value);
            }
            this.batchSize = value;
            return this;
        }

        /** Threads inside an operator; 0 lets ONNX Runtime choose. */
        public Options threads(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("threads must be non-negative, got " + value);
            }
            this.threads = value;
            return this;
        }
    }

    private final Path modelFile;
    private final Options options;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final String inputName;
    private final String outputName;
    private final int batch;
    private final int dimension;

    /** Loads {@code modelFile} with the given options. */
    public OnnxFeatureExtractor(Path modelFile, Options options) {
        this.modelFile = Objects.requireNonNull(modelFile, "modelFile");
        this.options = Objects.requireNonNull(options, "options");
        byte[] bytes = readModel(modelFile);
        OnnxModelFile graph = OnnxModelFile.structure(bytes, modelFile.toString());
        List<String> declaredOutputs = graph.graphOutputs();
        if (options.outputName != null && !declaredOutputs.contains(options.outputName)) {
            List<String> produced = graph.nodeOutputs();
            if (!produced.contains(options.outputName)) {
                throw new UserException(modelFile + ": no tensor named '" + options.outputName
                        + "'; the graph's outputs are " + declaredOutputs + " and its nodes produce e.g. "
                        + produced.subList(Math.max(0, produced.size() - 8), produced.size())
                        + " (list them all with OnnxFeatureExtractor.tensorNames)");
            }
            bytes = OnnxModelFile.withExtraOutput(bytes, options.outputName);
        }
        this.env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
            if (options.threads > 0) {
                so.setIntraOpNumThreads(options.threads);
            }
            // No busy-waiting between runs: the extractor runs beside the decoder, and ONNX Runtime's idle
            // threads spinning for work took CPU from FFmpeg's decoding threads (measured: docs/performance.md).
            so.addConfigEntry("session.intra_op.allow_spinning", "0");
            so.addConfigEntry("session.inter_op.allow_spinning", "0");
            this.session = env.createSession(bytes, so);
        } catch (OrtException e) {
            throw new UserException(modelFile + ": ONNX Runtime cannot load this model: " + e.getMessage(), e);
        }
        try {
            this.inputName = options.inputName != null ? options.inputName : first(session.getInputNames());
            if (!session.getInputNames().contains(inputName)) {
                throw new UserException(modelFile + ": no input named '" + inputName + "'; inputs are "
                        + session.getInputNames());
            }
            this.outputName = options.outputName != null ? options.outputName : first(session.getOutputNames());
            this.batch = batchFor(session.getInputInfo().get(inputName), options);
            this.dimension = probeDimension();
        } catch (OrtException e) {
            closeQuietly();
            throw new UserException(modelFile + ": cannot inspect the model: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly();
            throw e;
        }
    }

    /** GoogLeNet pool5 (1024-d), downloading the zoo's model into the downloader's cache on first use. */
    public static OnnxFeatureExtractor googlenetPool5(ModelDownloader downloader) {
        return new OnnxFeatureExtractor(downloader.fetch(GOOGLENET), Options.googlenetPool5());
    }

    /** Every tensor a node of the model produces (candidates for {@link Options#outputName(String)}). */
    public static List<String> tensorNames(Path modelFile) {
        return OnnxModelFile.structure(readModel(modelFile), modelFile.toString()).nodeOutputs();
    }

    @Override
    public int dimension() {
        return dimension;
    }

    /** The tensor this extractor returns. */
    public String outputName() {
        return outputName;
    }

    @Override
    public float[][] extract(List<FrameImage> frames) {
        float[][] out = new float[frames.size()][];
        for (int start = 0; start < frames.size(); start += batch) {
            int n = Math.min(batch, frames.size() - start);
            float[][] rows = run(frames.subList(start, start + n));
            System.arraycopy(rows, 0, out, start, n);
        }
        return out;
    }

    private float[][] run(List<FrameImage> frames) {
        int n = frames.size();
        int b = batch; // fixed-batch models need every slot filled: the last batch is padded with zeros
        int plane = options.width * options.height;
        float[] input = new float[b * 3 * plane];
        for (int i = 0; i < n; i++) {
            fill(input, i * 3 * plane, frames.get(i).resize(options.width, options.height));
        }
        float[][] rows = runRaw(input, b);
        return Arrays.copyOf(rows, n);
    }

    private float[][] runRaw(float[] input, int b) {
        long[] shape = {b, 3, options.height, options.width};
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), shape);
             OrtSession.Result result = session.run(Map.of(inputName, tensor), Set.of(outputName))) {
            OnnxValue value = result.get(outputName).orElseThrow();
            if (!(value instanceof OnnxTensor t)) {
                throw new UserException(modelFile + ": output '" + outputName + "' is not a tensor");
            }
            FloatBuffer fb = t.getFloatBuffer();
            if (fb == null) {
                throw new UserException(modelFile + ": output '" + outputName + "' is not a float tensor");
            }
            int per = fb.remaining() / b;
            float[][] rows = new float[b][per];
            for (int i = 0; i < b; i++) {
                fb.get(rows[i]);
            }
            return rows;
        } catch (OrtException e) {
            throw new UserException(modelFile + ": inference failed: " + e.getMessage(), e);
        }
    }

    /** Writes one image into the NCHW buffer with the configured channel order and normalisation. */
    private void fill(float[] input, int offset, FrameImage img) {
        int plane = options.width * options.height;
        byte[] rgb = img.rgb();
        for (int c = 0; c < 3; c++) {
            int source = options.bgr ? 2 - c : c; // model channel c reads R/G/B accordingly
            float m = options.mean[c];
            float s = options.std[c];
            int base = offset + c * plane;
            for (int p = 0; p < plane; p++) {
                input[base + p] = ((rgb[3 * p + source] & 0xFF) * options.scale - m) / s;
            }
        }
    }

    private int probeDimension() {
        float[][] rows = runRaw(new float[batch * 3 * options.width * options.height], batch);
        return rows[0].length;
    }

    private static int batchFor(NodeInfo input, Options options) {
        if (input.getInfo() instanceof TensorInfo ti && ti.getShape().length == 4 && ti.getShape()[0] > 0) {
            return (int) ti.getShape()[0]; // the model fixes its batch size
        }
        return options.batchSize;
    }

    private static String first(Set<String> names) {
        return names.iterator().next();
    }

    private static byte[] readModel(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UserException(file + ": model file not found");
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UserException(file + ": cannot read the model: " + e.getMessage(), e);
        }
    }

    private void closeQuietly() {
        try {
            session.close();
        } catch (OrtException ignored) {
            // already failing
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("closing the ONNX session failed", e);
        }
    }

    /** Where the model came from and how frames are prepared, for provenance records. */
    @Override
    public String toString() {
        return "OnnxFeatureExtractor[" + modelFile.getFileName() + ", input " + inputName + " "
                + options.width + "x" + options.height + (options.bgr ? " BGR" : " RGB") + " mean "
                + Arrays.toString(options.mean) + " scale " + options.scale + " std " + Arrays.toString(options.std)
                + ", output " + outputName + " (" + dimension + "-d)]";
    }

    /** Names of the model's declared outputs (without loading it in ONNX Runtime). */
    static List<String> declaredOutputs(Path modelFile) {
        return new ArrayList<>(OnnxModelFile.structure(readModel(modelFile), modelFile.toString()).graphOutputs());
    }
}
