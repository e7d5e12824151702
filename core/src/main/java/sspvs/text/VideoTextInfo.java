package sspvs.text;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import sspvs.UserException;

/**
 * One video's tokenised text, as stored in {@code <info_embed_root>/<video>.h5}: integer datasets
 * {@code cat}, {@code query}, {@code title} and, for YTVT, {@code description}, each holding the
 * field's word-piece ids without special tokens (the layout of the reference's info_embed files).
 *
 * <p>A field that tokenised to nothing is written by {@link VideoTextInfoWriter} as an absent
 * dataset listed in the root attribute {@code empty_fields} (the HDF5 writer cannot store an empty
 * array); it reads back as an empty array.
 *
 * @param description null when the file has no {@code description} dataset
 */
public record VideoTextInfo(String video, long[] category, long[] query, long[] title, long[] description) {
    static final String CATEGORY = "cat";
    static final String QUERY = "query";
    static final String TITLE = "title";
    static final String DESCRIPTION = "description";
    static final String EMPTY_FIELDS = "empty_fields";

    public boolean hasDescription() {
        return description != null;
    }

    /**
     * Refuses a token id outside {@code [0, vocab)}, naming the file and field: the embedding lookup would fail
     * deep inside the model (token files made with another tokenizer, or damaged).
     */
    public static void requireVocabulary(Path file, String field, long[] ids, int vocab) {
        for (long id : ids) {
            if (id < 0 || id >= vocab) {
                throw new UserException(file + ": " + field + " holds token id " + id + ", outside the text encoder's "
                        + "vocabulary of " + vocab + " (0.." + (vocab - 1) + "); were the token files made with "
                        + "another tokenizer?");
            }
        }
    }

    /** {@link #requireVocabulary(Path, String, long[], int)} for every field of this video's file. */
    public void requireVocabulary(Path infoEmbedRoot, int vocab) {
        Path file = fileOf(infoEmbedRoot, video);
        requireVocabulary(file, CATEGORY, category, vocab);
        requireVocabulary(file, QUERY, query, vocab);
        requireVocabulary(file, TITLE, title, vocab);
        if (description != null) {
            requireVocabulary(file, DESCRIPTION, description, vocab);
        }
    }

    /** The file of {@code video} under an info-embed folder. */
    public static Path fileOf(Path infoEmbedRoot, String video) {
        return infoEmbedRoot.resolve(video + ".h5");
    }

    /** Reads {@code <infoEmbedRoot>/<video>.h5}; a missing file or field is a {@link UserException}. */
    public static VideoTextInfo read(Path infoEmbedRoot, String video) {
        Path file = fileOf(infoEmbedRoot, video);
        if (!Files.isRegularFile(file)) {
            throw new UserException("text info of video " + video + " not found: " + file);
        }
        try (HdfFile hdf = new HdfFile(file)) {
            List<String> empty = emptyFields(hdf);
            long[] description = hdf.getChildren().containsKey(DESCRIPTION) || empty.contains(DESCRIPTION)
                    ? ids(hdf, DESCRIPTION, empty, file) : null;
            return new VideoTextInfo(video, ids(hdf, CATEGORY, empty, file), ids(hdf, QUERY, empty, file),
                    ids(hdf, TITLE, empty, file), description);
        } catch (HdfException | ClassCastException e) { // a damaged file, a non-numeric scalar; a bug shows as one
            throw new UserException("cannot read text info " + file + ": " + e.getMessage());
        }
    }

    private static List<String> emptyFields(HdfFile hdf) {
        Attribute attribute = hdf.getAttribute(EMPTY_FIELDS);
        if (attribute == null) {
            return List.of();
        }
        String value = String.valueOf(attribute.getData()).trim();
        return value.isEmpty() ? List.of() : List.of(value.split(","));
    }

    private static long[] ids(HdfFile hdf, String field, List<String> empty, Path file) {
        Node node = hdf.getChildren().get(field);
        if (node == null) {
            if (empty.contains(field)) {
                return new long[0];
            }
            throw new UserException("text info " + file + " has no dataset '" + field + "'");
        }
        if (!(node instanceof Dataset dataset)) {
            throw new UserException("text info " + file + ": '" + field + "' is not a dataset");
        }
        Object data = dataset.isScalar() ? new long[] {((Number) dataset.getData()).longValue()} : dataset.getData();
        if (data instanceof long[] a) {
            return a;
        }
        if (data instanceof int[] a) {
            return Arrays.stream(a).asLongStream().toArray();
        }
        if (data instanceof short[] a) {
            long[] out = new long[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = a[i];
            }
            return out;
        }
        throw new UserException("text info " + file + ": dataset '" + field + "' must be a 1-D integer array of "
                + "token ids, found " + dataset.getJavaType().getSimpleName() + " " + Arrays.toString(dataset.getDimensions()));
    }
}
