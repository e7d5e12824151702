package sspvs.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sspvs.UserException;

class ConfigReaderTest {
    /** A config of three keys: {@code name} required, {@code max_epochs} defaulting to 5, {@code note} to null. */
    record Tiny(@JsonProperty("name") String name, @JsonProperty("max_epochs") int maxEpochs,
            @JsonProperty("note") String note) {
    }

    private static ConfigReader<Tiny> reader(ConfigReader.UnknownKeyHint hint) {
        Map<String, Object> defaults = new HashMap<>();
        defaults.put("max_epochs", 5);
        defaults.put("note", null);
        return new ConfigReader<>(Tiny.class, defaults, (tiny, origin) -> {
            if (tiny.maxEpochs() < 0) {
                throw new UserException(origin + ": key 'max_epochs' must be >= 0");
            }
        }, hint);
    }

    private static final ConfigReader<Tiny> NEAREST = reader(ConfigReader.UnknownKeyHint.NEAREST_KEY);
    private static final ConfigReader<Tiny> LISTING = reader(ConfigReader.UnknownKeyHint.KNOWN_KEYS);

    private static String error(Runnable action) {
        return assertThrows(UserException.class, action::run).getMessage();
    }

    @Test
    void keysAreTheJsonNamesInRecordOrder() {
        assertEquals(List.of("name", "max_epochs", "note"), List.copyOf(NEAREST.keys()));
    }

    @Test
    void defaultsFillOptionalKeysAndMissingRequiredOnesAreListed() {
        assertEquals(new Tiny("a", 5, null), NEAREST.parse("name: a\n", "t.yaml"));
        assertEquals("t.yaml: missing required key(s) [name]", error(() -> NEAREST.parse("note: x\n", "t.yaml")));
    }

    @Test
    void unknownKeyHintsNameTheNearestKeyOrListThemAll() {
        assertEquals("t.yaml: unknown key 'max_epoch' (did you mean 'max_epochs'?)",
                error(() -> NEAREST.parse("name: a\nmax_epoch: 3\n", "t.yaml")));
        assertEquals("t.yaml: unknown key 'zzzzzz' (known keys: name, max_epochs, note)",
                error(() -> NEAREST.parse("zzzzzz: 3\n", "t.yaml")));
        assertEquals("t.yaml: unknown key 'max_epoch' (known keys: name, max_epochs, note)",
                error(() -> LISTING.parse("max_epoch: 3\n", "t.yaml")));
        Tiny tiny = new Tiny("a", 1, null);
        assertEquals("--set max_epoch=3: unknown key 'max_epoch' (did you mean 'max_epochs'?)",
                error(() -> NEAREST.withOverrides(tiny, "max_epoch=3")));
        assertEquals("--set max_epoch=3: unknown key 'max_epoch'",
                error(() -> LISTING.withOverrides(tiny, "max_epoch=3")));
    }

    @Test
    void wrongTypesAndFailedValidationNameTheKeyAndOrigin() {
        assertEquals("t.yaml: key 'max_epochs' has a value of the wrong type (2.5)",
                error(() -> NEAREST.parse("name: a\nmax_epochs: 2.5\n", "t.yaml")));
        assertEquals("t.yaml: key 'max_epochs' has a value of the wrong type (null)",
                error(() -> NEAREST.parse("name: a\nmax_epochs: null\n", "t.yaml")));
        assertEquals("--set: key 'max_epochs' must be >= 0",
                error(() -> NEAREST.withOverrides(new Tiny("a", 1, null), "max_epochs=-1")));
    }

    @Test
    void overridesReplaceValuesAndRejectMalformedSettings() {
        Tiny tiny = new Tiny("a", 1, "x");
        assertEquals(new Tiny("b", 7, null), NEAREST.withOverrides(tiny, "name=b", " max_epochs =7", "note=null"));
        assertEquals("--set name: expected key=value", error(() -> NEAREST.withOverrides(tiny, "name")));
        assertEquals("--set name=[a: value is not valid YAML", error(() -> NEAREST.withOverrides(tiny, "name=[a")));
    }

    @Test
    void jsonRoundTripIsExactAndBadTextIsNamed() {
        Tiny tiny = new Tiny("a", 3, null);
        assertEquals(tiny, NEAREST.fromJson(NEAREST.toJson(tiny), "ckpt"));
        assertEquals("ckpt: expected a JSON object", error(() -> NEAREST.fromJson("[1]", "ckpt")));
        assertTrue(error(() -> NEAREST.fromJson("{\"name\":", "ckpt")).startsWith("ckpt: not valid JSON: "));
        assertEquals("t: expected a mapping of keys to values", error(() -> NEAREST.parse("- a\n", "t")));
        assertTrue(error(() -> NEAREST.parse("a: [1\n", "t")).startsWith("t: not valid YAML: "));
    }

    @Test
    void loadNamesTheFileInEveryMessage(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, "name: a\nnote: hi\n");
        assertEquals(new Tiny("a", 5, "hi"), NEAREST.load(file));
        Files.writeString(file, "nam: a\n");
        assertEquals("config " + file + ": unknown key 'nam' (did you mean 'name'?)", error(() -> NEAREST.load(file)));
        Path absent = dir.resolve("absent.yaml");
        assertTrue(error(() -> NEAREST.load(absent)).startsWith("cannot read config " + absent + ": "));
        assertTrue(error(() -> NEAREST.readText(absent)).startsWith("cannot read config " + absent + ": "));
    }
}
