package sspvs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import sspvs.io.AtomicFiles;

/** JSON output of the commands: NaN (an undefined correlation) is written as {@code null}, files atomically. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** For files users give us: a duplicate key or anything after the value is an error, not a silent choice. */
    static final ObjectMapper STRICT_READER = new ObjectMapper()
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {}

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Puts a number, or null where it is NaN. */
    static ObjectNode put(ObjectNode node, String field, double value) {
        if (Double.isNaN(value)) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
        return node;
    }

    static String text(ObjectNode node) {
        try {
            return MAPPER.writeValueAsString(node) + System.lineSeparator();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path file, ObjectNode node) {
        AtomicFiles.writeString(file, text(node));
    }

    /** A measure for a table: three decimals, or "-" where undefined. */
    static String cell(double value) {
        return Double.isNaN(value) ? "-" : String.format(java.util.Locale.ROOT, "%.3f", value);
    }
}
