package sspvs.model.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import sspvs.UserException;
import sspvs.io.AtomicFiles;

/**
 * Reads and writes PyTorch checkpoint files without Python.
 *
 * <p>Since torch 1.6, {@code torch.save} writes a zip archive: {@code <name>/data.pkl} (a pickle of the saved
 * object, tensors replaced by persistent ids naming their storages), {@code <name>/data/<key>} (each storage's
 * raw bytes, little-endian unless {@code <name>/byteorder} says otherwise) and {@code <name>/version}. A
 * PyTorch Lightning {@code .ckpt} is such a file holding a dict with a {@code state_dict} entry beside
 * {@code epoch}, {@code hyper_parameters}, {@code optimizer_states} and so on; {@code torch.save(model.state_dict())}
 * holds the state dict itself. Both are read here.
 *
 * <p>Reading interprets the pickle with a small VM that never runs code ({@link Unpickler}), then reads only the
 * storages the state dict uses, converting every dtype to float and resolving views to contiguous arrays.
 * Writing produces what {@code torch.load} reads, including with {@code weights_only=True}: a dict
 * {@code {"state_dict": OrderedDict(name -> float32 tensor), **extra}}.
 */
public final class TorchCheckpoint {
    /** The top-level key Lightning (and our writer) use for the weights. */
    public static final String STATE_DICT_KEY = "state_dict";
    private static final String ARCHIVE_NAME = "archive";

    private TorchCheckpoint() {}

    /** Reads the state dict of a Lightning checkpoint or a plain {@code torch.save(state_dict)} file. */
    public static StateDict read(Path file) {
        return load(file).stateDict();
    }

    /** Reads the state dict and the other top-level entries. Bad or unsupported files give a {@link UserException}. */
    public static CheckpointContents load(Path file) {
        return load(file, name -> true);
    }

    /**
     * As {@link #load(Path)}, reading the values of only those state-dict tensors whose names pass
     * {@code wanted}; the others are listed in {@link CheckpointContents#skipped()} with shape and dtype. Use it
     * to take a few parameters from a large checkpoint without reading the rest.
     */
    public static CheckpointContents load(Path file, java.util.function.Predicate<String> wanted) {
        checkFormat(file);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return new ArchiveReader(file, zip, wanted).read();
        } catch (ZipException e) {
            throw new UserException(file + ": damaged zip archive, not a readable PyTorch checkpoint ("
                    + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new UserException(file + ": cannot read checkpoint: " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@code {"state_dict": OrderedDict(dict), **extra}} as a torch zip checkpoint, atomically (a temp
     * file in the same folder, then a move). Tensors are stored as float32 whatever their {@code dtype} label.
     *
     * @param extra further top-level entries (String, Number, Boolean, null, List, Map with String keys), e.g.
     *     {@code "sspvs_config"} as a JSON string; may be empty; must not contain {@code "state_dict"}. Torch
     *     1.13's {@code weights_only=True} loader lacks the float opcode, so there a float entry needs
     *     {@code weights_only=False}; torch 2.x reads all of them either way. Keep floats inside JSON strings to
     *     stay loadable everywhere.
     */
    public static void write(Path file, StateDict dict, Map<String, Object> extra) {
        if (extra.containsKey(STATE_DICT_KEY)) {
            throw new IllegalArgumentException("extra entries must not contain \"" + STATE_DICT_KEY + "\"");
        }
        Pickler p = new Pickler();
        p.emptyDict();
        p.mark();
        p.value(STATE_DICT_KEY);
        p.orderedDict();
        List<TorchTensor> order = new ArrayList<>();
        if (dict.size() > 0) {
            p.mark();
            for (Map.Entry<String, TorchTensor> e : dict.asMap().entrySet()) {
                p.value(e.getKey());
                p.floatTensor(Integer.toString(order.size()), e.getValue().shape());
                order.add(e.getValue());
            }
            p.setItems();
        }
        for (Map.Entry<String, Object> e : extra.entrySet()) {
            p.value(e.getKey());
            p.value(e.getValue());
        }
        p.setItems();
        byte[] pickle = p.finish();

        try {
            AtomicFiles.replace(file, tmp -> {
                try (AlignedZipWriter zip = new AlignedZipWriter(new BufferedOutputStream(
                        Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), 1 << 16))) {
                    String root = ARCHIVE_NAME + "/";
                    zip.add(root + "data.pkl", pickle);
                    zip.add(root + "byteorder", "little".getBytes(StandardCharsets.US_ASCII));
                    for (int i = 0; i < order.size(); i++) {
                        float[] data = order.get(i).data();
                        ByteBuffer buf = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
                        buf.asFloatBuffer().put(data);
                        zip.add(root + "data/" + i, buf.array());
                    }
                    zip.add(root + "version", "3\n".getBytes(StandardCharsets.US_ASCII));
                    zip.finish();
                }
            });
        } catch (IOException e) {
            throw new UserException(file + ": cannot write checkpoint: " + e.getMessage(), e);
        }
    }

    /** Rejects missing files, pre-1.6 (non-zip) torch files and files of other kinds with a clear message. */
    private static void checkFormat(Path file) {
        byte[] head = new byte[4];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, 4);
        } catch (NoSuchFileException e) {
            throw new UserException(file + ": checkpoint file not found");
        } catch (IOException e) {
            throw new UserException(file + ": cannot read checkpoint: " + e.getMessage(), e);
        }
        if (n == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return;
        }
        if (n >= 2 && (head[0] & 0xff) == 0x80 && head[1] >= 2 && head[1] <= 5) {
            throw new UserException(file + ": legacy (pre-1.6, non-zip) PyTorch serialization format, which sspvs "
                    + "does not read; re-save it with a recent torch: torch.save(torch.load(f), f2)");
        }
        throw new UserException(file + ": not a PyTorch checkpoint (expected a torch.save zip archive, "
                + (n == 0 ? "the file is empty)" : "found other content)"));
    }

    /** One open archive: finds data.pkl, unpickles it, and materialises the state dict. */
    private static final class ArchiveReader {
        private final Path file;
        private final ZipFile zip;
        private String root;
        private ByteOrder order = ByteOrder.LITTLE_ENDIAN;
        private final Map<String, StorageRef> storages = new HashMap<>();
        private final java.util.function.Predicate<String> wanted;
        private final Map<String, StoredTensor> skipped = new LinkedHashMap<>();

        ArchiveReader(Path file, ZipFile zip, java.util.function.Predicate<String> wanted) {
            this.file = file;
            this.zip = zip;
            this.wanted = wanted;
        }

        CheckpointContents read() throws IOException {
            ZipEntry pkl = findDataPkl();
            root = pkl.getName().substring(0, pkl.getName().length() - "data.pkl".length());
            ZipEntry byteorder = zip.getEntry(root + "byteorder");
            if (byteorder != null && new String(readEntry(byteorder), StandardCharsets.US_ASCII).trim().equals("big")) {
                order = ByteOrder.BIG_ENDIAN;
            }
            Object top;
            try {
                top = new Unpickler(readEntry(pkl), this::persistentLoad).load();
            } catch (MalformedPickleException e) {
                throw new UserException(file + ": cannot interpret " + pkl.getName() + ": " + e.getMessage(), e);
            }
            if (!(top instanceof Map<?, ?> topMap)) {
                throw new UserException(file + ": holds a " + describe(top)
                        + ", not a dict of tensors or a checkpoint dict with a \"state_dict\" entry");
            }
            Map<?, ?> stored;
            Map<String, Object> entries = new LinkedHashMap<>();
            if (topMap.get(STATE_DICT_KEY) instanceof Map<?, ?> sd) {
                stored = sd;
                topMap.forEach((k, v) -> {
                    if (!STATE_DICT_KEY.equals(k)) {
                        entries.put(String.valueOf(k), v);
                    }
                });
            } else if (!topMap.isEmpty() && topMap.values().stream().allMatch(v -> v instanceof StoredTensor)) {
                stored = topMap;
            } else {
                throw new UserException(file + ": no state dict found (no \"state_dict\" entry, and the top-level "
                        + "dict is not a dict of tensors); top-level entries: " + topMap.keySet());
            }
            StateDict dict = materialise(stored);
            return new CheckpointContents(file, dict, entries, skipped);
        }

        private ZipEntry findDataPkl() {
            ZipEntry found = null;
            boolean torchScript = false;
            for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements(); ) {
                ZipEntry e = en.nextElement();
                String name = e.getName();
                int slash = name.indexOf('/');
                String inner = slash < 0 ? name : name.substring(slash + 1);
                if (inner.equals("data.pkl") && found == null) {
                    found = e;
                }
                torchScript |= inner.equals("constants.pkl") || inner.startsWith("code/");
            }
            if (torchScript) {
                throw new UserException(file + ": a TorchScript archive (torch.jit.save), not a checkpoint; save the "
                        + "weights with torch.save(model.state_dict(), f)");
            }
            if (found == null) {
                throw new UserException(file + ": zip archive without a data.pkl entry, not a torch.save checkpoint");
            }
            return found;
        }

        /** Persistent ids are {@code ('storage', torch.<Type>Storage, key, location, numel)}. */
        private Object persistentLoad(Object pid) {
            if (!(pid instanceof List<?> t) || t.size() < 5 || !"storage".equals(t.get(0))
                    || !(t.get(2) instanceof String key)) {
                throw new MalformedPickleException("unsupported persistent id " + pid);
            }
            String className = t.get(1) instanceof PythonGlobal g ? g.name() : String.valueOf(t.get(1));
            long numel = Unpickler.num(t.get(4));
            return storages.computeIfAbsent(key,
                    k -> new StorageRef(k, className, StorageType.ofClassName(className), numel));
        }

        private StateDict materialise(Map<?, ?> stored) throws IOException {
            // Storages used by several state-dict tensors are decoded once and kept while needed.
            Map<String, Integer> uses = new HashMap<>();
            for (Map.Entry<?, ?> e : stored.entrySet()) {
                if (e.getValue() instanceof StoredTensor t && wanted.test(String.valueOf(e.getKey()))) {
                    uses.merge(t.storageKey, 1, Integer::sum);
                }
            }
            Map<String, ByteBuffer> shared = new HashMap<>();
            StateDict dict = new StateDict();
            for (Map.Entry<?, ?> e : stored.entrySet()) {
                // Non-tensor entries (a module's _extra_state) carry no weights: skip them.
                if (e.getValue() instanceof StoredTensor t) {
                    String name = String.valueOf(e.getKey());
                    if (!wanted.test(name)) {
                        skipped.put(name, t);
                        continue;
                    }
                    ByteBuffer bytes = uses.get(t.storageKey) > 1
                            ? shared.computeIfAbsent(t.storageKey, k -> storageBytes(name, t))
                            : storageBytes(name, t);
                    dict.put(name, toTensor(name, t, bytes));
                }
            }
            return dict;
        }

        private ByteBuffer storageBytes(String name, StoredTensor t) {
            if (t.type == null) {
                throw new UserException(file + ": tensor " + name + " is stored as " + t.storageClass
                        + ", which sspvs cannot convert to float");
            }
            ZipEntry entry = zip.getEntry(root + "data/" + t.storageKey);
            if (entry == null) {
                throw new UserException(file + ": storage data/" + t.storageKey + " of tensor " + name
                        + " is missing from the archive");
            }
            long needed = t.storageNumel * t.type.elementSize;
            if (entry.getSize() >= 0 && entry.getSize() < needed || needed > Integer.MAX_VALUE) {
                throw new UserException(file + ": storage data/" + t.storageKey + " of tensor " + name
                        + " is truncated or too large: " + entry.getSize() + " bytes, " + needed + " expected");
            }
            try {
                byte[] b = readEntry(entry);
                if (b.length < needed) {
                    throw new UserException(file + ": storage data/" + t.storageKey + " of tensor " + name
                            + " is truncated: " + b.length + " bytes, " + needed + " expected");
                }
                return ByteBuffer.wrap(b).order(order);
            } catch (IOException e) {
                throw new UserException(file + ": cannot read storage data/" + t.storageKey + " of tensor " + name
                        + ": " + e.getMessage(), e);
            }
        }

        /** Copies the view out of its storage into a fresh row-major float array. */
        private TorchTensor toTensor(String name, StoredTensor t, ByteBuffer bytes) {
            long numel = TorchTensor.numel(t.size);
            if (numel > Integer.MAX_VALUE) {
                throw new UserException(file + ": tensor " + name + " has " + numel + " elements, too many for sspvs");
            }
            long extent = t.extent();
            if (t.offset < 0 || extent > t.storageNumel) {
                throw new UserException(file + ": tensor " + name + " reaches element " + extent
                        + " of a storage holding " + t.storageNumel);
            }
            int n = (int) numel;
            if (t.isContiguous()) {
                return new TorchTensor(t.size, t.type.decode(bytes, (int) t.offset, n), t.type.dtype);
            }
            float[] window = t.type.decode(bytes, (int) t.offset, (int) (extent - t.offset));
            float[] out = new float[n];
            int dims = t.size.length;
            long[] index = new long[dims];
            long src = 0;
            for (int i = 0; i < n; i++) {
                out[i] = window[(int) src];
                // advance the row-major counter, keeping src = sum(index * stride)
                for (int d = dims - 1; d >= 0; d--) {
                    if (++index[d] < t.size[d]) {
                        src += t.stride[d];
                        break;
                    }
                    src -= (index[d] - 1) * t.stride[d];
                    index[d] = 0;
                }
            }
            return new TorchTensor(t.size, out, t.type.dtype);
        }

        private byte[] readEntry(ZipEntry e) throws IOException {
            try (InputStream in = zip.getInputStream(e)) {
                return in.readAllBytes();
            }
        }

        private static String describe(Object o) {
            if (o instanceof PythonObject p) {
                return "Python object " + p.type();
            }
            return o == null ? "None" : o.getClass().getSimpleName();
        }
    }}
