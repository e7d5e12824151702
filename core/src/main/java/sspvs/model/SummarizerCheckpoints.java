package sspvs.model;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import sspvs.UserException;
import sspvs.config.RunConfig;
import sspvs.model.io.CheckpointContents;
import sspvs.model.io.LoadReport;
import sspvs.model.io.NonStrictLoad;
import sspvs.model.io.PythonObject;
import sspvs.model.io.StoredTensor;
import sspvs.model.io.TorchCheckpoint;
import sspvs.model.io.TorchTensor;
import sspvs.text.BertConfig;
import sspvs.text.TextTraining;

/**
 * Builds a ready-to-score {@link ProgressiveSummarizer} from a checkpoint file, whichever wrote it.
 *
 * <p>Two kinds are read:
 * <ul>
 *   <li><b>sspvs</b> checkpoints ({@link sspvs.train.TorchCheckpointStore}): the architecture comes from the JSON
 *       config in the {@value #CONFIG_KEY} entry;</li>
 *   <li><b>reference</b> (PyTorch Lightning) checkpoints, such as the authors' {@code pretrained_model.ckpt}:
 *       the architecture comes from the {@code hyper_parameters} entry (a dict, Lightning's {@code AttributeDict}
 *       or an {@code argparse.Namespace}); a key it lacks is taken from the fallback config, and {@code iter}
 *       failing that from the number of score heads stored; anything still unknown is a {@link UserException}.
 *       A file without Lightning's {@code video_model.} prefix (a plain {@code torch.save(state_dict)}) is read
 *       with no prefix and needs the fallback config.</li>
 * </ul>
 * The feature width d is the stored class token's width ({@code v_cls.weight} [1, d]), so models on other
 * features (tests, other extractors) load too.
 *
 * <p>Weights are matched as the reference's {@code strict=False} does ({@link NonStrictLoad}): parameters the file
 * lacks keep their seeded initialisation and are listed in {@link LoadReport#missing()} (the authors publish only
 * the self-supervised model, whose score heads {@code score_predict.*} are untrained); tensors the model does not
 * use are listed as unexpected; a shape mismatch is an error naming the parameter. Only the video model's tensors
 * are read from disk.
 *
 * <p><b>Text guidance.</b> A checkpoint is text-guided when its config says {@code with_info_guide: true} (the
 * stored sspvs config; for reference files {@code hyper_parameters.with_info_guide}, else the fallback config).
 * The model then gets a BERT of the size the stored {@code bert_*} tensors have ({@link BertConfig#inferFrom}:
 * bert-base for the reference's, MiniLM for ours) plus the projection {@code project_t_v}, all loaded from the
 * file; a text-guided config without BERT weights in the file is an error. Score such a model with
 * {@link ProgressiveSummarizer#predictWithText}.
 */
public final class SummarizerCheckpoints {
    /** The top-level entry where sspvs stores the run config as a JSON string. */
    public static final String CONFIG_KEY = "sspvs_config";
    /** The reference's name for the class token; its shape [1, d] gives the feature width. */
    static final String CLASS_TOKEN = "v_cls.weight";
    private static final Pattern HEAD = Pattern.compile("score_predict\\.(\\d+)\\..*");
    /** hyper_parameters a run config given beside the checkpoint may not contradict: they change the scores. */
    private static final java.util.Set<String> ARCHITECTURE_KEYS =
            java.util.Set.of("nhead_vid", "nhid_vid", "nlayers_vid", "iter", "pos_enc_weight");

    private SummarizerCheckpoints() {}

    /** Which program wrote the checkpoint. */
    public enum Origin { SSPVS, REFERENCE }

    /**
     * A loaded model; close it (it owns native memory).
     *
     * @param model the summarizer with the checkpoint's weights, in eval use
     * @param report which parameters were loaded, missing or unused
     * @param config the run config: the stored one for sspvs checkpoints, else the fallback (may be null)
     * @param spec the architecture built
     * @param origin who wrote the file
     * @param epoch the stored epoch, or null
     */
    public record Loaded(ProgressiveSummarizer model, LoadReport report, RunConfig config, SummarizerSpec spec,
            Origin origin, Long epoch) implements AutoCloseable {

        /** True when the score heads were not in the file (e.g. the authors' self-supervised checkpoint). */
        public boolean scoreHeadsUntrained() {
            return report.missing().stream().anyMatch(n -> n.startsWith("score_predict."));
        }

        @Override
        public void close() {
            model.close();
        }
    }

    /**
     * Loads {@code ckpt} into a new summarizer owned by (a sub-manager of) {@code manager}.
     *
     * @param fallbackConfigOrNull settings used where a reference checkpoint does not state them
     * @throws UserException for a missing, damaged or foreign file, unknown architecture or mismatched shapes
     */
    public static Loaded load(Path ckpt, NDManager manager, RunConfig fallbackConfigOrNull) {
        CheckpointContents header = TorchCheckpoint.load(ckpt, name -> false); // entries and shapes only
        List<String> names = header.allNames();
        String prefix = prefixOf(header);
        StoredTensor token = header.skipped().get(prefix + CLASS_TOKEN);
        if (token == null || token.shape().length != 2 || token.shape()[0] != 1) {
            throw new UserException(ckpt + ": no video summarizer in this checkpoint (no " + prefix + CLASS_TOKEN
                    + " [1, d] tensor among its " + names.size() + " tensors)");
        }
        int d = Math.toIntExact(token.shape()[1]);

        String json = header.stringEntry(CONFIG_KEY);
        Origin origin = json != null ? Origin.SSPVS : Origin.REFERENCE;
        RunConfig config;
        SummarizerSpec spec;
        if (json != null) {
            config = RunConfig.fromJson(json, "checkpoint " + ckpt + " entry " + CONFIG_KEY);
            spec = specOf(d, config);
            if (fallbackConfigOrNull != null) {
                requireSameSpec(ckpt, spec, specOf(d, fallbackConfigOrNull));
            }
        } else {
            config = fallbackConfigOrNull;
            spec = referenceSpec(ckpt, d, header, names, prefix, fallbackConfigOrNull);
        }
        boolean textGuided = json != null ? config.withInfoGuide()
                : referenceFlag(header, "with_info_guide", config != null && config.withInfoGuide(), ckpt);
        TextEncoderChoice text = null;
        if (textGuided) {
            BertConfig bert = textEncoderIn(header);
            if (bert == null) {
                throw new UserException(ckpt + ": the config says with_info_guide: true, but the checkpoint holds no "
                        + "text encoder (no " + prefix + "bert_embeddings.word_embeddings.weight)");
            }
            text = TextEncoderChoice.random(bert,
                    TextTraining.forSummarizer(config == null || config.textTrainable()));
        }
        ProgressiveSummarizer model;
        try {
            model = new ProgressiveSummarizer(spec, manager, config == null ? 0 : config.seed(), text);
        } catch (IllegalArgumentException e) {
            throw new UserException(ckpt + ": unusable architecture " + spec + ": " + e.getMessage(), e);
        }
        try {
            Map<String, long[]> expected = new LinkedHashMap<>();
            model.parameterShapes().forEach((name, shape) -> expected.put(name, shape.getShape()));
            LoadReport report = NonStrictLoad.fromFile(ckpt, prefix, expected);
            CheckpointChecks.requireFinite(report);
            if (origin == Origin.SSPVS) {
                // our writer stores exactly the model it trained: anything else is damage, never a fresh start
                CheckpointChecks.requireComplete(report, CheckpointChecks.NOTHING, true);
            } else {
                CheckpointChecks.requireSameArchitecture(report, architectureSource(header));
                // the pooler is unused by the summarizer's text path and may be absent from the reference's BERT
                CheckpointChecks.requireComplete(report,
                        CheckpointChecks.SCORE_HEADS.or(n -> n.startsWith("bert_pooler.")), false);
            }
            Map<String, ParameterTensor> values = new LinkedHashMap<>(model.exportTensors());
            for (Map.Entry<String, TorchTensor> e : report.matched().entrySet()) {
                values.put(e.getKey(), new ParameterTensor(e.getValue().shape(), e.getValue().data()));
            }
            model.loadTensors(values);
            return new Loaded(model, report, config, spec, origin, header.longEntry("epoch"));
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** Where a reference checkpoint's architecture came from, for messages. */
    private static String architectureSource(CheckpointContents header) {
        return header.entries().get("hyper_parameters") != null
                ? "its hyper_parameters (with the run config given where they are silent)" : "the run config given";
    }

    /** A run config given beside one of our checkpoints must describe the architecture the checkpoint stores. */
    private static void requireSameSpec(Path ckpt, SummarizerSpec stored, SummarizerSpec given) {
        List<String> differ = new java.util.ArrayList<>();
        compare(differ, "nhead_vid", stored.heads(), given.heads());
        compare(differ, "nhid_vid", stored.ffn(), given.ffn());
        compare(differ, "nlayers_vid", stored.layers(), given.layers());
        compare(differ, "iter", stored.stages(), given.stages());
        compare(differ, "pos_enc_weight", stored.posEncWeight(), given.posEncWeight());
        if (!differ.isEmpty()) {
            throw new UserException(ckpt + ": the run config given disagrees with the architecture the checkpoint "
                    + "stores: " + String.join(", ", differ), UserException.Remedy.DROP_CONFIG);
        }
    }

    private static void compare(List<String> differ, String key, Object stored, Object given) {
        if (!stored.equals(given)) {
            differ.add(key + " " + given + " in the run config, " + stored + " in the checkpoint");
        }
    }

    /** A boolean of a reference checkpoint's hyper_parameters, or {@code otherwise} when absent. */
    private static boolean referenceFlag(CheckpointContents header, String key, boolean otherwise, Path ckpt) {
        Object hp = header.entries().get("hyper_parameters");
        Object v = null;
        if (hp instanceof Map<?, ?> m) {
            v = m.get(key);
        } else if (hp instanceof PythonObject p) {
            v = p.get(key);
        }
        if (v == null) {
            return otherwise;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw new UserException(ckpt + ": hyper_parameters." + key + " is " + v + ", expected True or False");
    }


    /** {@code video_model.} when the checkpoint is a Lightning one (the reference's, or ours), else no prefix. */
    public static String prefixOf(CheckpointContents contents) {
        return contents.allNames().stream().anyMatch(n -> n.startsWith(NonStrictLoad.LIGHTNING_PREFIX))
                ? NonStrictLoad.LIGHTNING_PREFIX : "";
    }

    /**
     * The size of the BERT text encoder a checkpoint carries, read off its stored shapes
     * ({@link BertConfig#inferFrom}); null when it carries none.
     */
    public static BertConfig textEncoderIn(CheckpointContents contents) {
        String prefix = prefixOf(contents);
        Map<String, long[]> shapes = new LinkedHashMap<>();
        contents.skipped().forEach((name, t) -> {
            if (name.startsWith(prefix)) {
                shapes.put(name.substring(prefix.length()), t.shape());
            }
        });
        try {
            return BertConfig.inferFrom(shapes);
        } catch (IllegalArgumentException e) {
            throw new UserException(contents.source() + ": " + e.getMessage(), e);
        }
    }
    /**
     * The architecture a run config describes, at feature width d ({@link SummarizerSpec#of(int, RunConfig)}), with
     * an unusable one reported as the user's config error.
     */
    public static SummarizerSpec specOf(int d, RunConfig c) {
        try {
            return SummarizerSpec.of(d, c);
        } catch (IllegalArgumentException e) {
            throw new UserException("config does not describe a usable model at feature width " + d + ": "
                    + e.getMessage(), e);
        }
    }

    private static SummarizerSpec referenceSpec(Path ckpt, int d, CheckpointContents header, List<String> names,
            String prefix, RunConfig fallback) {
        Object hp = header.entries().get("hyper_parameters");
        Hyper h = new Hyper(ckpt, hp, fallback);
        int heads = (int) h.number("nhead_vid", fallback == null ? null : (double) fallback.nheadVid());
        int ffn = (int) h.number("nhid_vid", fallback == null ? null : (double) fallback.nhidVid());
        int layers = (int) h.number("nlayers_vid", fallback == null ? null : (double) fallback.nlayersVid());
        TreeSet<Integer> stored = new TreeSet<>();
        for (String n : names) {
            Matcher m = HEAD.matcher(n.startsWith(prefix) ? n.substring(prefix.length()) : n);
            if (n.startsWith(prefix) && m.matches()) {
                stored.add(Integer.parseInt(m.group(1)));
            }
        }
        if (stored.isEmpty() && fallback == null) {
            // the authors' self-supervised checkpoint: an encoder without score heads
            throw new UserException(ckpt + ": this checkpoint has no score heads (score_predict.*): it looks like "
                    + "the authors' self-supervised pretrained_model.ckpt, which cannot score videos until it is "
                    + "fine-tuned (a run config with resume: " + ckpt.getFileName() + ")",
                    UserException.Remedy.FINE_TUNE_FIRST);
        }
        Double storedHeads = stored.isEmpty() ? null : (double) (stored.last() + 1);
        // without stored heads (the self-supervised model) the config's iter only sizes fresh heads: no conflict
        int stages = stored.isEmpty() && fallback != null ? fallback.iter()
                : (int) h.number("iter", fallback != null ? Double.valueOf(fallback.iter()) : storedHeads);
        float pos = (float) h.number("pos_enc_weight", fallback == null ? null : fallback.posEncWeight());
        float dropout = (float) h.number("dropout_vid", fallback == null ? null : fallback.dropoutVid());
        float dropoutPredictor = (float) h.number("dropout_predictor",
                fallback == null ? null : fallback.dropoutPredictor());
        try {
            return new SummarizerSpec(d, heads, ffn, layers, stages, pos, dropout, dropoutPredictor);
        } catch (IllegalArgumentException e) {
            throw new UserException(ckpt + ": hyper_parameters describe no usable model: " + e.getMessage(), e);
        }
    }

    private static String plain(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** Reads numbers from a Lightning hyper_parameters entry, whatever Python type holds it. */
    private record Hyper(Path ckpt, Object source, RunConfig fallback) {
        double number(String key, Double otherwise) {
            Object v = null;
            if (source instanceof Map<?, ?> m) {
                v = m.get(key);
            } else if (source instanceof PythonObject p) {
                v = p.get(key);
            }
            if (v instanceof Number n) {
                if (ARCHITECTURE_KEYS.contains(key) && otherwise != null && fallback != null
                        && n.doubleValue() != otherwise
                        && (float) n.doubleValue() != otherwise.floatValue()) {
                    throw new UserException(ckpt + ": the run config given says " + key + ": " + plain(otherwise)
                            + " but the checkpoint's hyper_parameters say " + plain(n.doubleValue())
                            + "; use the architecture the checkpoint was trained with",
                            UserException.Remedy.DROP_CONFIG);
                }
                return n.doubleValue();
            }
            if (v instanceof Boolean || v != null) {
                throw new UserException(ckpt + ": hyper_parameters." + key + " is " + v + ", expected a number");
            }
            if (otherwise != null) {
                return otherwise;
            }
            throw new UserException(ckpt + ": the checkpoint does not say its '" + key + "' (no "
                    + (source == null ? "hyper_parameters entry" : "such key in hyper_parameters")
                    + "); give the run config it was trained with", UserException.Remedy.GIVE_CONFIG);
        }
    }
}
