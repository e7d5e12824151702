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

    private static ConfigReader<Tiny> reader() {
        Map<String, Object> defaults = new HashMap<>();
        defaults.put("max_epochs", 5);
        defaults.put("note", null);
        return new ConfigReader<>(Tiny.class, defaults, (tiny, origin) -> {
            if (tiny.maxEpochs() < 0) {
                throw new UserException(origin + ": key 'max_epochs' must be >= 0");
            }
        });
    }

    private static final ConfigReader<Tiny> READER = reader();

    private static String error(Runnable action) {
        return assertThrows(UserException.class, action::run).getMessage();
    }

    @Test
    void keysAreTheJsonNamesInRecordOrder() {
        assertEquals(List.of("name", "max_epochs", "note"), List.copyOf(READER.keys()));
    }

    @Test
    void defaultsFillOptionalKeysAndMissingRequiredOnesAreListed() {
        assertEquals(new Tiny("a", 5, null), READER.parse("name: a\n", "t.yaml"));
        assertEquals("t.yaml: missing required key(s) [name]", error(() -> READER.parse("note: x\n", "t.yaml")));
    }

    @Test
    void unknownKeyHintsNameTheNearestKeyOrListThemAll() {
        assertEquals("t.yaml: unknown key 'max_epoch' (did you mean 'max_epochs'?)",
                error(() -> READER.parse("name: a\nmax_epoch: 3\n", "t.yaml")));
        assertEquals("t.yaml: unknown key 'zzzzzz' (known keys: name, max_epochs, note)",
                error(() -> READER.parse("zzzzzz: 3\n", "t.yaml")));
        Tiny tiny = new Tiny("a", 1, null);
        assertEquals("--set max_epoch=3: unknown key 'max_epoch' (did you mean 'max_epochs'?)",
                error(() -> READER.withOverrides(tiny, "--set", "max_epoch=3")));
        assertEquals("--set zzzzzz=3: unknown key 'zzzzzz' (known keys: name, max_epochs, note)",
                error(() -> READER.withOverrides(tiny, "--set", "zzzzzz=3")));
    }

    @Test
    void wrongTypesAndFailedValidationNameTheKeyAndOrigin() {
        assertEquals("t.yaml: key 'max_epochs' has a value of the wrong type (2.5)",
                error(() -> READER.parse("name: a\nmax_epochs: 2.5\n", "t.yaml")));
        assertEquals("t.yaml: key 'max_epochs' has a value of the wrong type (null)",
                error(() -> READER.parse("name: a\nmax_epochs: null\n", "t.yaml")));
        assertEquals("--set: key 'max_epochs' must be >= 0",
                error(() -> READER.withOverrides(new Tiny("a", 1, null), "--set", "max_epochs=-1")));
    }

    @Test
    void overridesReplaceValuesAndRejectMalformedSettings() {
        Tiny tiny = new Tiny("a", 1, "x");
        assertEquals(new Tiny("b", 7, null),
                READER.withOverrides(tiny, "--set", "name=b", " max_epochs =7", "note=null"));
        assertEquals("--set name: expected key=value", error(() -> READER.withOverrides(tiny, "--set", "name")));
        assertEquals("--set name=[a: value is not valid YAML",
                error(() -> READER.withOverrides(tiny, "--set", "name=[a")));
        // the library names no option: its callers say where the settings came from
        assertEquals("override name: expected key=value", error(() -> READER.withOverrides(tiny, "override", "name")));
    }

    @Test
    void jsonRoundTripIsExactAndBadTextIsNamed() {
        Tiny tiny = new Tiny("a", 3, null);
        assertEquals(tiny, READER.fromJson(READER.toJson(tiny), "ckpt"));
        assertEquals("ckpt: expected a JSON object", error(() -> READER.fromJson("[1]", "ckpt")));
        assertTrue(error(() -> READER.fromJson("{\"name\":", "ckpt")).startsWith("ckpt: not valid JSON: "));
        assertEquals("t: expected a mapping of keys to values", error(() -> READER.parse("- a\n", "t")));
        assertTrue(error(() -> READER.parse("a: [1\n", "t")).startsWith("t: not valid YAML: "));
    }

    @Test
    void loadNamesTheFileInEveryMessage(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, "name: a\nnote: hi\n");
        assertEquals(new Tiny("a", 5, "hi"), READER.load(file));
        Files.writeString(file, "nam: a\n");
        assertEquals("config " + file + ": unknown key 'nam' (did you mean 'name'?)", error(() -> READER.load(file)));
        Path absent = dir.resolve("absent.yaml");
        assertEquals("config " + absent + " not found", error(() -> READER.load(absent)));
        assertEquals("config " + absent + " not found", error(() -> READER.readText(absent)));
        assertEquals("config " + dir + " is a folder, not a YAML file", error(() -> READER.load(dir)));
    }

    @Test
    void aKeyGivenTwiceIsAnErrorNotTheLastOneWins(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, "name: a\nmax_epochs: 3\nmax_epochs: 300\n");
        String message = error(() -> READER.load(file));
        assertTrue(message.startsWith("cannot read config " + file) && message.contains("max_epochs"), message);
        assertTrue(error(() -> READER.fromJson("{\"name\": \"a\", \"name\": \"b\"}", "entry"))
                .contains("Duplicate field 'name'"));
    }

    @Test
    void textAfterTheConfigIsAnErrorNotIgnored(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, "name: a\n---\nmax_epochs: 300\n");
        String message = error(() -> READER.load(file));
        assertTrue(message.startsWith("cannot read config " + file) && message.contains("Trailing token"), message);
        assertTrue(error(() -> READER.fromJson("{\"name\": \"a\"} {}", "entry")).contains("Trailing token"));
    }
}
